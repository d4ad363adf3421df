/**
 * Immutable descriptions of a metrics schema: tables, columns, indexes and foreign keys, as the
 * annotation processor generates them, and the structural comparison of such a description with a
 * live database.
 */
package dev.gao.metrics.runtime.schema;
