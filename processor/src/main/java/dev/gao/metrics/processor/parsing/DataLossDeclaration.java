package dev.gao.metrics.processor.parsing;

import dev.gao.metrics.processor.history.DataLossAllowance;
import javax.lang.model.element.AnnotationMirror;

/**
 * One {@code @AllowDataLoss} as written on a schema.
 *
 * @param annotation the annotation
 * @param version the version whose upgrade loses the data
 * @param allowance what is acknowledged
 */
public record DataLossDeclaration(AnnotationMirror annotation, int version, DataLossAllowance allowance) {}
