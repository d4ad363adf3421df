package dev.gao.metrics.runtime.schema;

import java.util.Objects;

/**
 * One structural difference between the schema the code expects and the live database.
 *
 * @param table the table the difference belongs to
 * @param kind what differs
 * @param subject the column, index or foreign-key column concerned; the table name for table-level
 *     differences
 * @param expected what the code's schema declares, or {@code null} when the live database has
 *     something the schema lacks
 * @param actual what the live database has, or {@code null} when it lacks it
 */
public record SchemaDifference(
    String table, Kind kind, String subject, String expected, String actual) {

  /** The kinds of difference. */
  public enum Kind {
    /** A table of the schema does not exist. */
    MISSING_TABLE,
    /** A table is not STRICT. */
    TABLE_NOT_STRICT,
    /** A column of the schema does not exist. */
    MISSING_COLUMN,
    /** The live table has a column the schema lacks. */
    EXTRA_COLUMN,
    /** A column has another declared type. */
    COLUMN_TYPE,
    /** A column differs in NOT NULL. */
    COLUMN_NOT_NULL,
    /** A column has another default. */
    COLUMN_DEFAULT,
    /** A column has another primary-key position. */
    COLUMN_PRIMARY_KEY,
    /** The range check of a metric column is missing or differs. */
    COLUMN_RANGE,
    /** An index of the schema does not exist. */
    MISSING_INDEX,
    /** The live table has an index the schema lacks. */
    EXTRA_INDEX,
    /** An index differs in uniqueness. */
    INDEX_UNIQUE,
    /** An index covers other columns. */
    INDEX_COLUMNS,
    /** A foreign key of the schema does not exist. */
    MISSING_FOREIGN_KEY,
    /** The live table has a foreign key the schema lacks. */
    EXTRA_FOREIGN_KEY,
    /** A foreign key references another table or column. */
    FOREIGN_KEY_TARGET,
    /** A foreign key has another ON DELETE action. */
    FOREIGN_KEY_ON_DELETE,
    /** A foreign key has another ON UPDATE action. */
    FOREIGN_KEY_ON_UPDATE,
    /** A named CHECK constraint of the schema does not exist. */
    MISSING_CHECK,
    /** The live table has a named CHECK constraint the schema lacks. */
    EXTRA_CHECK,
    /** A named CHECK constraint checks something else. */
    CHECK_DEFINITION,
    /** A trigger of the schema does not exist on its table. */
    MISSING_TRIGGER,
    /** A trigger of the schema exists with other SQL. */
    TRIGGER_SQL
  }

  /**
   * Validates the arguments.
   *
   * @param table the table the difference belongs to
   * @param kind what differs
   * @param subject the column, index or foreign-key column concerned; the table name for table-
   *     level differences
   * @param expected what the code's schema declares, or {@code null} when the live database has
   *     something the schema lacks
   * @param actual what the live database has, or {@code null} when it lacks it
   */
  public SchemaDifference {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
  }

  /**
   * One line of the mismatch report, for example {@code column version: type is INTEGER, expected
   * TEXT}.
   *
   * @return the human-readable description
   */
  public String description() {
    return switch (kind) {
      case MISSING_TABLE -> "table is missing";
      case TABLE_NOT_STRICT -> "table is not STRICT";
      case MISSING_COLUMN -> "column " + subject + " is missing (expected " + expected + ")";
      case EXTRA_COLUMN -> "column " + subject + " (" + actual + ") is not in the schema";
      case COLUMN_TYPE -> "column " + subject + ": type is " + actual + ", expected " + expected;
      case COLUMN_NOT_NULL -> "column " + subject + ": is " + actual + ", expected " + expected;
      case COLUMN_DEFAULT ->
          "column " + subject + ": default is " + actual + ", expected " + expected;
      case COLUMN_PRIMARY_KEY ->
          "column " + subject + ": primary-key position is " + actual + ", expected " + expected;
      case COLUMN_RANGE ->
          actual == null
              ? "column " + subject + ": range constraint " + expected + " is missing"
              : "column " + subject + ": range constraint is " + actual + ", expected " + expected;
      case MISSING_INDEX -> "index " + subject + " on " + expected + " is missing";
      case EXTRA_INDEX -> "index " + subject + " on " + actual + " is not in the schema";
      case INDEX_UNIQUE -> "index " + subject + ": is " + actual + ", expected " + expected;
      case INDEX_COLUMNS -> "index " + subject + ": covers " + actual + ", expected " + expected;
      case MISSING_FOREIGN_KEY ->
          "foreign key on column " + subject + " (" + expected + ") is missing";
      case EXTRA_FOREIGN_KEY ->
          "foreign key on column " + subject + " (" + actual + ") is not in the schema";
      case FOREIGN_KEY_TARGET ->
          "foreign key on column " + subject + ": references " + actual + ", expected " + expected;
      case FOREIGN_KEY_ON_DELETE ->
          "foreign key on column "
              + subject
              + ": ON DELETE "
              + actual
              + ", expected ON DELETE "
              + expected;
      case FOREIGN_KEY_ON_UPDATE ->
          "foreign key on column "
              + subject
              + ": ON UPDATE "
              + actual
              + ", expected ON UPDATE "
              + expected;
      case MISSING_CHECK -> "check constraint " + subject + " (" + expected + ") is missing";
      case EXTRA_CHECK -> "check constraint " + subject + " (" + actual + ") is not in the schema";
      case CHECK_DEFINITION ->
          "check constraint " + subject + ": is " + actual + ", expected " + expected;
      case MISSING_TRIGGER -> "trigger " + subject + " is missing";
      case TRIGGER_SQL -> "trigger " + subject + " differs from the schema's definition";
    };
  }
}
