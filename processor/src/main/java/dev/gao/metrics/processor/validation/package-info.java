/** Checks on elements that decide whether generated code can use them. */
package dev.gao.metrics.processor.validation;
