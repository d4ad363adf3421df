/** Diagnostics: every message with its stable ID, and the reporter that prints them on elements. */
package dev.gao.metrics.processor.diag;
