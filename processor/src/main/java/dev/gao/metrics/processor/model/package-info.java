/** The immutable model of tables and schemas, free of compiler types. */
package dev.gao.metrics.processor.model;
