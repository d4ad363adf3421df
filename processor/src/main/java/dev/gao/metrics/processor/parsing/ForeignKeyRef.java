package dev.gao.metrics.processor.parsing;

import dev.gao.metrics.processor.model.ColumnModel;
import javax.lang.model.element.TypeElement;

/**
 * A {@code @ForeignKey} as written, before its target table is known.
 *
 * @param column the referencing column
 * @param property the component or field carrying the annotation
 * @param target the referenced type
 * @param onDelete the delete action as SQL
 * @param onUpdate the update action as SQL
 */
public record ForeignKeyRef(
    ColumnModel column,
    Property property,
    TypeElement target,
    String onDelete,
    String onUpdate) {}
