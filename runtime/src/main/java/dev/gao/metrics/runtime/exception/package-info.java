/**
 * The one unchecked exception hierarchy of gao-metrics. Every exception the runtime throws for a
 * database problem is a {@link dev.gao.metrics.runtime.exception.MetricsException}.
 */
package dev.gao.metrics.runtime.exception;
