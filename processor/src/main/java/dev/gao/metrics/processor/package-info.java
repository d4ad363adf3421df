/** The gao-metrics annotation processor: DAOs and schema classes from annotated metric records. */
package dev.gao.metrics.processor;
