package dev.gao.metrics.processor.migration;

/** The kinds of structural change between two versions of a schema. */
public enum ChangeKind {
  /** A table was added. */
  ADD_TABLE,
  /** A table was dropped. */
  DROP_TABLE,
  /** A table was renamed. */
  RENAME_TABLE,
  /** A column was added. */
  ADD_COLUMN,
  /** A column was dropped. */
  DROP_COLUMN,
  /** A column was renamed. */
  RENAME_COLUMN,
  /** A column's SQL or Java type (or JSON storage) changed. */
  CHANGE_TYPE,
  /** A column's nullability changed. */
  CHANGE_NULLABILITY,
  /** A column's default changed. */
  CHANGE_DEFAULT,
  /**
   * The range of a {@code @Metric} column was added, changed or removed. SQLite cannot alter a CHECK
   * constraint, so the table is rebuilt; when stored rows violate a tighter range, copying them fails
   * and the step rolls back rather than drop them.
   */
  CHANGE_RANGE,
  /**
   * The names an enum column is checked against changed: a constant was added or removed, or the
   * check was added or removed. SQLite rebuilds the table, PostgreSQL replaces the constraint. When
   * stored rows hold a name the new check lacks, the step fails naming table, column and value, and
   * rolls back rather than drop or change them.
   */
  CHANGE_ENUM_NAMES,
  /**
   * The JSON check of a nullable JSON column changed between the bare form, which SQLite before
   * 3.45 fails for NULL, and the null-safe one. SQLite cannot alter a CHECK: the table is rebuilt.
   */
  CHANGE_JSON_CHECK,
  /**
   * A time column gained or lost the triggers that bring other programs' time text into the
   * canonical form. Only triggers change; the table is not rebuilt.
   */
  CHANGE_TIME_NORMALIZATION,
  /** The primary key (its columns, order or automatic assignment) changed. */
  CHANGE_PRIMARY_KEY,
  /** The columns of a table kept their names but not their order. */
  REORDER_COLUMNS,
  /** An index was added. */
  ADD_INDEX,
  /** An index was dropped. */
  DROP_INDEX,
  /** A foreign key was added. */
  ADD_FOREIGN_KEY,
  /** A foreign key was dropped. */
  DROP_FOREIGN_KEY,
  /** A foreign key's ON DELETE or ON UPDATE action changed. */
  CHANGE_FOREIGN_KEY_ACTION
}
