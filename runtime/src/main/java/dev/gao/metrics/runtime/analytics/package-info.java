/**
 * Analytics over any schema that stores runs: a {@link dev.gao.metrics.runtime.analytics.RunModel}
 * names the run table and the roles of its columns, and {@link
 * dev.gao.metrics.runtime.analytics.Analytics} lists runs, reads many runs whole and computes
 * per-group statistics of a metric, each in a bounded number of SQL statements built only from
 * validated, quoted identifiers and bound parameters.
 */
package dev.gao.metrics.runtime.analytics;
