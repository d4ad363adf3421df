/** Reads annotated elements into the model, collecting every problem on the element it concerns. */
package dev.gao.metrics.processor.parsing;
