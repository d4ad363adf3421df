package dev.gao.metrics.processor.model;

/**
 * One foreign key of a table.
 *
 * @param column the referencing SQL column
 * @param referencedTable the SQL name of the referenced table
 * @param referencedColumn the SQL name of the referenced key column
 * @param onDelete the action on delete as SQL, for example {@code CASCADE}
 * @param onUpdate the action on update as SQL, for example {@code NO ACTION}
 */
public record ForeignKeyModel(
    String column, String referencedTable, String referencedColumn, String onDelete, String onUpdate) {}
