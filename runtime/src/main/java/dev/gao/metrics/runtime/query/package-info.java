/**
 * Support for the generated implementations of {@code @MetricsQueries} interfaces: custom SQL run
 * with the same connections, transactions, statement cache and error translation as the DAOs.
 */
package dev.gao.metrics.runtime.query;
