package dev.gao.metrics.runtime.schema;

import java.util.List;
import java.util.Map;

/**
 * The structure of a table as the live database reports it.
 *
 * @param name the table name
 * @param strict whether the table is STRICT
 * @param columns the columns in table order
 * @param indexes the indexes created with CREATE INDEX (not those the engine makes for UNIQUE or
 *     PRIMARY KEY constraints)
 * @param foreignKeys the foreign keys
 * @param sql the {@code CREATE TABLE} text the database keeps, or {@code null} when unknown
 * @param triggers the {@code CREATE TRIGGER} text of each trigger on the table, by trigger name
 * @param checks the named CHECK constraints as the engine reports their definition, by name (read
 *     where the engine keeps them apart from the table's text; SQLite keeps them only in {@code sql})
 */
public record LiveTable(
    String name,
    boolean strict,
    List<Column> columns,
    List<Index> indexes,
    List<ForeignKey> foreignKeys,
    String sql,
    Map<String, String> triggers,
    Map<String, String> checks) {

  /**
   * Copies the lists.
   *
   * @param name the table name
   * @param strict whether the table is STRICT
   * @param columns the columns in table order
   * @param indexes the indexes created with CREATE INDEX (not those the engine makes for UNIQUE or
   *     PRIMARY KEY constraints)
   * @param foreignKeys the foreign keys
   * @param sql the {@code CREATE TABLE} text the database keeps, or {@code null} when unknown
   * @param triggers the {@code CREATE TRIGGER} text of each trigger on the table, by trigger name
   * @param checks the named CHECK constraints with their definitions, by name
   */
  public LiveTable {
    columns = List.copyOf(columns);
    indexes = List.copyOf(indexes);
    foreignKeys = List.copyOf(foreignKeys);
    triggers = Map.copyOf(triggers);
    checks = Map.copyOf(checks);
  }

  /**
   * A live table whose checks are known only from its text.
   *
   * @param name the table name
   * @param strict whether the table is STRICT
   * @param columns the columns in table order
   * @param indexes the indexes created with CREATE INDEX
   * @param foreignKeys the foreign keys
   * @param sql the {@code CREATE TABLE} text the database keeps, or {@code null} when unknown
   * @param triggers the {@code CREATE TRIGGER} text of each trigger on the table, by trigger name
   */
  public LiveTable(
      String name,
      boolean strict,
      List<Column> columns,
      List<Index> indexes,
      List<ForeignKey> foreignKeys,
      String sql,
      Map<String, String> triggers) {
    this(name, strict, columns, indexes, foreignKeys, sql, triggers, Map.of());
  }

  /**
   * A live table without triggers.
   *
   * @param name the table name
   * @param strict whether the table is STRICT
   * @param columns the columns in table order
   * @param indexes the indexes created with CREATE INDEX (not those the engine makes for UNIQUE or
   *     PRIMARY KEY constraints)
   * @param foreignKeys the foreign keys
   * @param sql the {@code CREATE TABLE} text the database keeps, or {@code null} when unknown
   */
  public LiveTable(
      String name, boolean strict, List<Column> columns, List<Index> indexes, List<ForeignKey> foreignKeys, String sql) {
    this(name, strict, columns, indexes, foreignKeys, sql, Map.of());
  }

  /**
   * A live table whose SQL text is unknown.
   *
   * @param name the table name
   * @param strict whether the table is STRICT
   * @param columns the columns in table order
   * @param indexes the indexes created with CREATE INDEX (not those the engine makes for UNIQUE or
   *     PRIMARY KEY constraints)
   * @param foreignKeys the foreign keys
   */
  public LiveTable(
      String name, boolean strict, List<Column> columns, List<Index> indexes, List<ForeignKey> foreignKeys) {
    this(name, strict, columns, indexes, foreignKeys, null, Map.of());
  }

  /**
   * A live column.
   *
   * @param name the column name
   * @param type the declared type, empty if none
   * @param notNull whether it is declared NOT NULL
   * @param defaultSql the default expression text, or null
   * @param primaryKeyPosition the 1-based position in the primary key, 0 if not in it
   */
  public record Column(
      String name, String type, boolean notNull, String defaultSql, int primaryKeyPosition) {}

  /**
   * A live index.
   *
   * @param name the index name
   * @param columns the indexed columns in order (an expression shows as {@code <expression>})
   * @param unique whether it is unique
   */
  public record Index(String name, List<String> columns, boolean unique) {
    /**
     * Copies the list.
     *
     * @param name the index name
     * @param columns the indexed columns in order (an expression shows as {@code <expression>})
     * @param unique whether it is unique
     */
    public Index {
      columns = List.copyOf(columns);
    }
  }

  /**
   * A live single-column foreign key (one entry per column of a composite key).
   *
   * @param column the referencing column
   * @param referencedTable the referenced table
   * @param referencedColumn the referenced column
   * @param onDelete the ON DELETE action
   * @param onUpdate the ON UPDATE action
   */
  public record ForeignKey(
      String column,
      String referencedTable,
      String referencedColumn,
      String onDelete,
      String onUpdate) {}
}
