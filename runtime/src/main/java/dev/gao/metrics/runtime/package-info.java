/**
 * Opens metrics databases and runs units of work on them. Start with {@link
 * dev.gao.metrics.runtime.MetricsDatabase}.
 */
package dev.gao.metrics.runtime;
