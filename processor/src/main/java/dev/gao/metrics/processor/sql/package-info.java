/** Pure SQL renderers, one per database dialect. */
package dev.gao.metrics.processor.sql;
