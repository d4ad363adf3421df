package dev.gao.metrics.runtime.schema;

/**
 * A single-column foreign key.
 *
 * @param column the referencing column of this table
 * @param referencedTable the referenced table
 * @param referencedColumn the referenced column, the referenced table's primary key
 * @param onDelete the ON DELETE action as SQL writes it: {@code NO ACTION}, {@code RESTRICT},
 *     {@code SET NULL}, {@code SET DEFAULT} or {@code CASCADE}
 * @param onUpdate the ON UPDATE action, in the same form
 */
public record ForeignKeyInfo(
    String column,
    String referencedTable,
    String referencedColumn,
    String onDelete,
    String onUpdate) {

  /**
   * Validates the arguments.
   *
   * @param column the referencing column of this table
   * @param referencedTable the referenced table
   * @param referencedColumn the referenced column, the referenced table's primary key
   * @param onDelete the ON DELETE action as SQL writes it: {@code NO ACTION}, {@code RESTRICT},
   *     {@code SET NULL}, {@code SET DEFAULT} or {@code CASCADE}
   * @param onUpdate the ON UPDATE action, in the same form
   */
  public ForeignKeyInfo {
    Checks.requireName(column, "foreign-key column");
    Checks.requireName(referencedTable, "referenced table of foreign key " + column);
    Checks.requireName(referencedColumn, "referenced column of foreign key " + column);
    Checks.requireName(onDelete, "ON DELETE action of foreign key " + column);
    Checks.requireName(onUpdate, "ON UPDATE action of foreign key " + column);
  }
}
