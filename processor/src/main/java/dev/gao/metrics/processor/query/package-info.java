/**
 * Custom queries: reads {@code @MetricsQueries} interfaces, rewrites their named parameters, and
 * prepares each query against an in-memory SQLite database of the schema to learn its result columns.
 */
package dev.gao.metrics.processor.query;
