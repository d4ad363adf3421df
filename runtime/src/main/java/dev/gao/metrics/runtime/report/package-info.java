/**
 * HTML reports over the runs an {@link dev.gao.metrics.runtime.analytics.Analytics} reads: one
 * self-contained file per report, with its stylesheet, its script (uPlot, inlined at build time)
 * and its data inside, so that a page never fetches anything.
 */
package dev.gao.metrics.runtime.report;
