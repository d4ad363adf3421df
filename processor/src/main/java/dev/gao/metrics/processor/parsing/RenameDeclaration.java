package dev.gao.metrics.processor.parsing;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/**
 * One {@code @RenamedFrom} as written.
 *
 * @param element the table type or property carrying it
 * @param annotation the annotation, for error positions
 * @param table the table's SQL name in the current version
 * @param column the column's SQL name in the current version, or {@code null} for a table rename
 * @param from the old name
 * @param version the version that introduced the new name
 */
public record RenameDeclaration(
    Element element, AnnotationMirror annotation, String table, String column, String from, int version) {}
