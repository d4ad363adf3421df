package dev.gao.metrics.processor.structure;

/**
 * A foreign key as stored.
 *
 * @param column the referencing column
 * @param referencedTable the referenced table
 * @param referencedColumn the referenced key column
 * @param onDelete the action on delete as SQL, for example {@code CASCADE}
 * @param onUpdate the action on update as SQL
 */
public record ForeignKeyShape(
    String column, String referencedTable, String referencedColumn, String onDelete, String onUpdate) {}
