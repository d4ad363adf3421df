/** The normalized JSON form of a schema and its identity hash. */
package dev.gao.metrics.processor.identity;
