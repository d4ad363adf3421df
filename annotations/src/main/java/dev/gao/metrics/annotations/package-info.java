/**
 * Annotations that describe metric tables and versioned schemas. They are read at compile time by
 * the gao-metrics annotation processor and are not retained at run time.
 */
package dev.gao.metrics.annotations;
