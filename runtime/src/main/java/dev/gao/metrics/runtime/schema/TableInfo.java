package dev.gao.metrics.runtime.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One table: its columns in declaration order, its indexes, foreign keys and triggers, and its DDL.
 *
 * @param name the SQL table name
 * @param javaType the qualified name of the row type
 * @param columns the columns in table order
 * @param autoIncrement whether the single-column integer key is assigned by the database
 * @param indexes the declared and automatic indexes
 * @param foreignKeys the foreign keys, in declaration order
 * @param createSql the {@code CREATE TABLE} statement of SQLite
 * @param triggers the triggers, created after the table and its indexes (SQLite)
 * @param otherEngines the {@code CREATE TABLE} statement of each other engine the schema was
 *     generated for; the indexes' statements are the same on every engine
 */
public record TableInfo(
    String name,
    String javaType,
    List<ColumnInfo> columns,
    boolean autoIncrement,
    List<IndexInfo> indexes,
    List<ForeignKeyInfo> foreignKeys,
    String createSql,
    List<TriggerInfo> triggers,
    Map<Engine, String> otherEngines) {

  /**
   * Validates the arguments and copies the lists.
   *
   * @param name the SQL table name
   * @param javaType the qualified name of the row type
   * @param columns the columns in table order
   * @param autoIncrement whether the single-column integer key is assigned by the database
   * @param indexes the declared and automatic indexes
   * @param foreignKeys the foreign keys, in declaration order
   * @param createSql the {@code CREATE TABLE} statement of SQLite
   * @param triggers the triggers, created after the table and its indexes (SQLite)
   * @param otherEngines the {@code CREATE TABLE} statement of each other engine
   */
  public TableInfo {
    Checks.requireName(name, "table name");
    Objects.requireNonNull(javaType, "javaType of table " + name);
    columns = Checks.copy(columns, "columns of table " + name);
    indexes = Checks.copy(indexes, "indexes of table " + name);
    foreignKeys = Checks.copy(foreignKeys, "foreign keys of table " + name);
    Objects.requireNonNull(createSql, "createSql of table " + name);
    triggers = Checks.copy(triggers, "triggers of table " + name);
    Objects.requireNonNull(otherEngines, "otherEngines of table " + name);
    otherEngines = Map.copyOf(otherEngines);
    if (otherEngines.containsKey(Engine.SQLITE)) {
      throw new IllegalArgumentException("the SQLite DDL of table " + name + " is createSql");
    }
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("table " + name + " must have at least one column");
    }
    Set<String> names = new HashSet<>();
    for (ColumnInfo column : columns) {
      if (!names.add(column.name())) {
        throw new IllegalArgumentException(
            "table " + name + " declares column " + column.name() + " twice");
      }
    }
    for (IndexInfo index : indexes) {
      for (String column : index.columns()) {
        requireColumn(name, names, column, "index " + index.name());
      }
    }
    for (ForeignKeyInfo foreignKey : foreignKeys) {
      requireColumn(name, names, foreignKey.column(), "a foreign key");
    }
  }

  /**
   * The same table from arrays, the form generated code uses: array initializers cost the compiler
   * less than {@code List.of}, whose overloads are all generic.
   *
   * @param name the SQL table name
   * @param javaType the qualified name of the row type
   * @param columns the columns in table order
   * @param autoIncrement whether the single-column integer key is assigned by the database
   * @param indexes the declared and automatic indexes
   * @param foreignKeys the foreign keys, in declaration order
   * @param createSql the {@code CREATE TABLE} statement
   */
  public TableInfo(
      String name,
      String javaType,
      ColumnInfo[] columns,
      boolean autoIncrement,
      IndexInfo[] indexes,
      ForeignKeyInfo[] foreignKeys,
      String createSql) {
    this(name, javaType, columns, autoIncrement, indexes, foreignKeys, createSql, new TriggerInfo[0]);
  }

  /**
   * The same table with triggers, from arrays: the form generated code uses for a table with
   * triggers.
   *
   * @param name the SQL table name
   * @param javaType the qualified name of the row type
   * @param columns the columns in table order
   * @param autoIncrement whether the single-column integer key is assigned by the database
   * @param indexes the declared and automatic indexes
   * @param foreignKeys the foreign keys, in declaration order
   * @param createSql the {@code CREATE TABLE} statement
   * @param triggers the triggers, created after the table and its indexes
   */
  public TableInfo(
      String name,
      String javaType,
      ColumnInfo[] columns,
      boolean autoIncrement,
      IndexInfo[] indexes,
      ForeignKeyInfo[] foreignKeys,
      String createSql,
      TriggerInfo[] triggers) {
    this(
        name,
        javaType,
        Checks.list(columns, "columns of table " + name),
        autoIncrement,
        Checks.list(indexes, "indexes of table " + name),
        Checks.list(foreignKeys, "foreign keys of table " + name),
        createSql,
        Checks.list(triggers, "triggers of table " + name));
  }

  /**
   * A table without triggers.
   *
   * @param name the SQL table name
   * @param javaType the qualified name of the row type
   * @param columns the columns in table order
   * @param autoIncrement whether the single-column integer key is assigned by the database
   * @param indexes the declared and automatic indexes
   * @param foreignKeys the foreign keys, in declaration order
   * @param createSql the {@code CREATE TABLE} statement
   */
  public TableInfo(
      String name,
      String javaType,
      List<ColumnInfo> columns,
      boolean autoIncrement,
      List<IndexInfo> indexes,
      List<ForeignKeyInfo> foreignKeys,
      String createSql) {
    this(name, javaType, columns, autoIncrement, indexes, foreignKeys, createSql, List.of());
  }

  /**
   * A table with its SQLite DDL only.
   *
   * @param name the SQL table name
   * @param javaType the qualified name of the row type
   * @param columns the columns in table order
   * @param autoIncrement whether the single-column integer key is assigned by the database
   * @param indexes the declared and automatic indexes
   * @param foreignKeys the foreign keys, in declaration order
   * @param createSql the {@code CREATE TABLE} statement of SQLite
   * @param triggers the triggers, created after the table and its indexes
   */
  public TableInfo(
      String name,
      String javaType,
      List<ColumnInfo> columns,
      boolean autoIncrement,
      List<IndexInfo> indexes,
      List<ForeignKeyInfo> foreignKeys,
      String createSql,
      List<TriggerInfo> triggers) {
    this(name, javaType, columns, autoIncrement, indexes, foreignKeys, createSql, triggers, Map.of());
  }

  /**
   * The same table with the {@code CREATE TABLE} statement of another engine: the form generated
   * code uses, {@code new TableInfo(...).on(Engine.POSTGRESQL, "CREATE TABLE ...")}.
   *
   * @param engine an engine other than SQLite
   * @param engineCreateSql its {@code CREATE TABLE} statement
   * @return the table with it
   */
  public TableInfo on(Engine engine, String engineCreateSql) {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(engineCreateSql, "createSql of table " + name + " on " + engine);
    Map<Engine, String> all = new EnumMap<>(Engine.class);
    all.putAll(otherEngines);
    all.put(engine, engineCreateSql);
    return new TableInfo(name, javaType, columns, autoIncrement, indexes, foreignKeys, createSql, triggers, all);
  }

  /**
   * The {@code CREATE TABLE} statement of an engine.
   *
   * @param engine the engine
   * @return the statement
   * @throws IllegalStateException if the schema was generated without that engine's SQL
   */
  public String createSql(Engine engine) {
    if (engine == Engine.SQLITE) {
      return createSql;
    }
    String sql = otherEngines.get(engine);
    if (sql == null) {
      throw new IllegalStateException(
          "table "
              + name
              + " has no "
              + engine.displayName()
              + " DDL: its schema was generated by a gao-metrics processor without "
              + engine.displayName()
              + " support; compile the schema again with this version of the processor");
    }
    return sql;
  }

  /**
   * The triggers of an engine: SQLite's, none elsewhere.
   *
   * @param engine the engine
   * @return the triggers, created after the table and its indexes
   */
  public List<TriggerInfo> triggers(Engine engine) {
    return engine == Engine.SQLITE ? triggers : List.of();
  }

  private static void requireColumn(String table, Set<String> names, String column, String user) {
    if (!names.contains(column)) {
      throw new IllegalArgumentException(
          user + " of table " + table + " names column " + column + ", which the table lacks");
    }
  }

  /**
   * The column with the given SQL name.
   *
   * @param name the SQL column name
   * @return the column
   * @throws IllegalArgumentException if this table has no such column
   */
  public ColumnInfo column(String name) {
    for (ColumnInfo column : columns) {
      if (column.name().equals(name)) {
        return column;
      }
    }
    throw new IllegalArgumentException("table " + this.name + " has no column " + name);
  }

  /**
   * The columns that carry metric metadata ({@code @Metric}), in table order.
   *
   * @return the metric columns; empty if the table has none
   */
  public List<ColumnInfo> metrics() {
    return columns.stream().filter(column -> column.metric() != null).toList();
  }

  /**
   * The name of the CHECK constraint that enforces the range of a metric column.
   *
   * @param column the SQL column name
   * @return {@code ck_<table>_<column>}
   */
  public String rangeConstraintName(String column) {
    return "ck_" + name + "_" + column;
  }

  /**
   * The primary-key column names in key order.
   *
   * @return the key columns; empty if the table has no declared key
   */
  public List<String> primaryKey() {
    List<ColumnInfo> key = new ArrayList<>();
    for (ColumnInfo column : columns) {
      if (column.primaryKeyPosition() > 0) {
        key.add(column);
      }
    }
    key.sort(Comparator.comparingInt(ColumnInfo::primaryKeyPosition));
    return key.stream().map(ColumnInfo::name).toList();
  }
}
