package dev.gao.metrics.processor.parsing;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;

/**
 * One {@code @DataMigration} class.
 *
 * @param type the annotated class
 * @param annotation the annotation
 * @param schema the qualified name of the schema type it names, or {@code null} when unresolved
 * @param from the version the step starts from
 * @param to the version the step ends at
 */
public record DataMigrationDeclaration(TypeElement type, AnnotationMirror annotation, String schema, int from, int to) {}
