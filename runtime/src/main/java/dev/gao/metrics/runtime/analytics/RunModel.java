package dev.gao.metrics.runtime.analytics;

import dev.gao.metrics.runtime.schema.ColumnInfo;
import dev.gao.metrics.runtime.schema.ForeignKeyInfo;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which table of a schema holds runs and which of its columns play which role: the run id (the
 * table's single-column primary key), the time of a run, the dimensions runs are filtered and
 * grouped by, the dimensions that make two runs comparable, and optionally a status column with the
 * values that mark a failed run. Child tables are every table with a foreign key to the run id;
 * metrics are the columns with metric metadata of the run table and its child tables: numeric
 * columns, addressed as {@code table.column}, and JSON maps of numbers, whose keys are addressed as
 * {@code table.column[key]}. A child table has at most one row per run when its foreign-key column
 * is its primary key or alone in a unique index; otherwise its metrics are summed per run (see
 * {@link MetricRef}).
 *
 * <p>Build one with {@link #builder(SchemaInfo)}; every name is checked against the schema.
 */
public final class RunModel {
  private static final Set<String> TIME_TYPES =
      Set.of("java.time.Instant", "java.time.OffsetDateTime");
  private static final Set<String> NUMERIC_SQL_TYPES = Set.of("INTEGER", "REAL", "NUMERIC", "INT");

  private final SchemaInfo schema;
  private final TableInfo runTable;
  private final String idColumn;
  private final String timeColumn;
  private final String finishColumn;
  private final List<String> dimensions;
  private final List<String> comparableBy;
  private final String statusColumn;
  private final Set<String> failedStatuses;
  private final Map<String, ForeignKeyInfo> children;
  private final Map<String, MetricRef> metrics;

  private RunModel(Builder builder, TableInfo runTable, String idColumn) {
    this.schema = builder.schema;
    this.runTable = runTable;
    this.idColumn = idColumn;
    this.timeColumn = builder.timeColumn;
    this.finishColumn = builder.finishColumn;
    this.dimensions = List.copyOf(builder.dimensions);
    this.comparableBy =
        builder.comparableBy != null
            ? List.copyOf(builder.comparableBy)
            : dimensions.stream().filter(d -> !d.equals(builder.statusColumn)).toList();
    this.statusColumn = builder.statusColumn;
    this.failedStatuses = Set.copyOf(builder.failedStatuses);
    Map<String, ForeignKeyInfo> childTables = new LinkedHashMap<>();
    for (TableInfo table : schema.tables()) {
      for (ForeignKeyInfo key : table.foreignKeys()) {
        if (key.referencedTable().equals(runTable.name())
            && key.referencedColumn().equals(idColumn)
            && !table.name().equals(runTable.name())) {
          childTables.putIfAbsent(table.name(), key);
        }
      }
    }
    this.children = java.util.Collections.unmodifiableMap(childTables);
    Map<String, MetricRef> found = new LinkedHashMap<>();
    addMetrics(found, runTable, idColumn, false);
    for (Map.Entry<String, ForeignKeyInfo> child : childTables.entrySet()) {
      TableInfo table = table(child.getKey());
      String runColumn = child.getValue().column();
      addMetrics(found, table, runColumn, !onePerRun(table, runColumn));
    }
    this.metrics = java.util.Collections.unmodifiableMap(found);
  }

  private static void addMetrics(
      Map<String, MetricRef> found, TableInfo table, String runColumn, boolean manyPerRun) {
    for (ColumnInfo column : table.metrics()) {
      if (isNumeric(column) || column.json()) {
        MetricRef metric = new MetricRef(table.name(), column, runColumn, manyPerRun, null);
        found.put(metric.name(), metric);
      }
    }
  }

  /** Whether {@code column} alone is the primary key or a unique index of {@code table}. */
  private static boolean onePerRun(TableInfo table, String column) {
    List<String> alone = List.of(column);
    return table.primaryKey().equals(alone)
        || table.indexes().stream().anyMatch(i -> i.unique() && i.columns().equals(alone));
  }

  static boolean isNumeric(ColumnInfo column) {
    return NUMERIC_SQL_TYPES.contains(column.sqlType().toUpperCase(java.util.Locale.ROOT))
        && !column.json();
  }

  /**
   * Starts a model of {@code schema}.
   *
   * @param schema the schema
   * @return a builder
   */
  public static Builder builder(SchemaInfo schema) {
    return new Builder(schema);
  }

  /**
   * The schema this model describes.
   *
   * @return the schema
   */
  public SchemaInfo schema() {
    return schema;
  }

  /**
   * The table that holds one row per run.
   *
   * @return the run table
   */
  public TableInfo runTable() {
    return runTable;
  }

  /**
   * The run table's single-column primary key.
   *
   * @return the run id column name
   */
  public String idColumn() {
    return idColumn;
  }

  /**
   * The column that holds the time of a run.
   *
   * @return the time column name
   */
  public String timeColumn() {
    return timeColumn;
  }

  /**
   * The column that holds the time a run finished, if one was configured; a run's duration is
   * from its time column to it.
   *
   * @return the finish column name, or empty
   */
  public Optional<String> finishColumn() {
    return Optional.ofNullable(finishColumn);
  }

  /**
   * The columns of the run table that runs are filtered and grouped by, in declaration order.
   *
   * @return the dimension column names
   */
  public List<String> dimensions() {
    return dimensions;
  }

  /**
   * The dimensions whose values two runs must share to be compared, for example in a regression
   * check against the latest comparable runs; by default every dimension but the status column.
   *
   * @return the dimension column names
   */
  public List<String> comparableBy() {
    return comparableBy;
  }

  /**
   * The column that holds a run's status, if one was configured.
   *
   * @return the status column name, or empty
   */
  public Optional<String> statusColumn() {
    return Optional.ofNullable(statusColumn);
  }

  /**
   * The status values that count as a failed run.
   *
   * @return the values; empty without a status column
   */
  public Set<String> failedStatuses() {
    return failedStatuses;
  }

  /**
   * The tables whose rows belong to a run, each with its foreign key to the run id, in schema
   * order.
   *
   * @return child table name to foreign key
   */
  public Map<String, ForeignKeyInfo> childTables() {
    return children;
  }

  /**
   * The metric columns of the run table and its child tables, by {@code table.column}: numeric
   * columns and JSON maps of numbers (without a key).
   *
   * @return the metrics, in schema order
   */
  public Map<String, MetricRef> metrics() {
    return metrics;
  }

  /**
   * The full name of the metric or JSON map column {@code name} addresses: {@code table.column} and
   * {@code table.column[key]} as they are; a bare column name ({@code column} or {@code
   * column[key]}) with the table of the one metric column of that name. The name is not checked
   * further: {@link #metric} does that.
   *
   * @param name a metric name, with or without its table
   * @return the name with its table
   * @throws IllegalArgumentException if no metric column or several have the bare name: the
   *     message names the close matches, or every {@code table.column} of that name
   */
  public String qualify(String name) {
    Objects.requireNonNull(name, "metric");
    int open = name.indexOf('[');
    String column = open < 0 ? name : name.substring(0, open);
    if (column.indexOf('.') >= 0) {
      return name;
    }
    List<String> tables =
        metrics.values().stream()
            .filter(m -> m.key() == null && m.column().name().equals(column))
            .map(m -> m.table() + "." + column)
            .toList();
    if (tables.size() > 1) {
      throw new IllegalArgumentException(
          "metric "
              + column
              + " is in several tables: "
              + String.join(", ", tables)
              + "; name one of them as table.column");
    }
    if (tables.isEmpty()) {
      throw unknown(name);
    }
    return tables.get(0) + name.substring(column.length());
  }

  /**
   * The metric at {@code name}, which has one number per run.
   *
   * @param name {@code table.column} for a numeric column, {@code table.column[key]} for a key of a
   *     JSON map column; the table may be left out when only one table has a metric column of that
   *     name (see {@link #qualify})
   * @return the metric
   * @throws IllegalArgumentException if there is no such metric, naming the close matches or the
   *     valid ones, or if several tables have a bare name
   */
  public MetricRef metric(String name) {
    return resolve(qualify(name));
  }

  /** The metric at a name with its table. */
  private MetricRef resolve(String name) {
    int open = name.indexOf('[');
    if (open > 0 && name.endsWith("]")) {
      String column = name.substring(0, open);
      String key = name.substring(open + 1, name.length() - 1);
      MetricRef map = metrics.get(column);
      if (map != null && map.isMap()) {
        if (key.isEmpty()) {
          throw new IllegalArgumentException("metric " + name + " names an empty key");
        }
        return map.withKey(key);
      }
      if (map != null) {
        throw new IllegalArgumentException(
            "metric " + column + " is a number, not a JSON map; name it without [" + key + "]");
      }
    }
    MetricRef metric = metrics.get(name);
    if (metric != null && metric.isMap()) {
      throw new IllegalArgumentException(
          "metric " + name + " is a JSON map; name one of its keys as " + name + "[key]");
    }
    if (metric != null) {
      return metric;
    }
    int dot = name.indexOf('.');
    if (dot > 0) {
      Optional<TableInfo> table = findTable(name.substring(0, dot));
      String columnName = name.substring(dot + 1);
      if (table.isPresent()
          && table.get().columns().stream().anyMatch(c -> c.name().equals(columnName))) {
        throw new IllegalArgumentException(
            "column "
                + name
                + " is not a metric: declare it with @Metric (a number, or a JSON map of numbers)"
                + "; metrics: "
                + String.join(", ", metrics.keySet()));
      }
    }
    throw unknown(name);
  }

  /**
   * The error for a name that addresses no metric: the metrics whose names are close to it (see
   * {@link MetricNames}) when there are any, else every metric.
   */
  private IllegalArgumentException unknown(String name) {
    List<String> close = MetricNames.closeTo(name, metrics);
    if (!close.isEmpty()) {
      return new IllegalArgumentException(
          "unknown metric "
              + name
              + "; did you mean "
              + String.join(" or ", close)
              + "? (metrics: "
              + String.join(", ", metrics.keySet())
              + ")");
    }
    return new IllegalArgumentException(
        "unknown metric " + name + "; metrics: " + String.join(", ", metrics.keySet()));
  }

  /**
   * Checks that {@code name} is a dimension.
   *
   * @param name a column name
   * @return the name
   * @throws IllegalArgumentException if it is not a dimension, naming the valid ones
   */
  public String dimension(String name) {
    if (!dimensions.contains(name)) {
      throw new IllegalArgumentException(
          "unknown dimension " + name + "; dimensions: " + String.join(", ", dimensions));
    }
    return name;
  }

  /**
   * A table of the schema.
   *
   * @param name the table name
   * @return the table
   * @throws IllegalArgumentException if the schema has no such table
   */
  TableInfo table(String name) {
    return findTable(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException("schema " + schema.name() + " has no table " + name));
  }

  private Optional<TableInfo> findTable(String name) {
    return schema.tables().stream().filter(t -> t.name().equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return "RunModel[" + runTable.name() + ", id " + idColumn + ", time " + timeColumn + "]";
  }

  /** Collects and validates the roles of a {@link RunModel}. */
  public static final class Builder {
    private final SchemaInfo schema;
    private String runTable;
    private String timeColumn;
    private String finishColumn;
    private final Set<String> dimensions = new LinkedHashSet<>();
    private Set<String> comparableBy;
    private String statusColumn;
    private final Set<String> failedStatuses = new LinkedHashSet<>();

    private Builder(SchemaInfo schema) {
      this.schema = Objects.requireNonNull(schema, "schema");
    }

    /**
     * Sets the table that holds one row per run; its single-column primary key is the run id.
     *
     * @param table the table name
     * @return this builder
     */
    public Builder runTable(String table) {
      this.runTable = Objects.requireNonNull(table, "runTable");
      return this;
    }

    /**
     * Sets the column that holds the time of a run: a TEXT column of type {@code Instant} or {@code
     * OffsetDateTime}.
     *
     * @param column the column name
     * @return this builder
     */
    public Builder timeColumn(String column) {
      this.timeColumn = Objects.requireNonNull(column, "timeColumn");
      return this;
    }

    /**
     * Sets the column that holds the time a run finished, typed as the time column may be; it may
     * be null for a run that has not finished.
     *
     * @param column the column name
     * @return this builder
     */
    public Builder finishColumn(String column) {
      this.finishColumn = Objects.requireNonNull(column, "finishColumn");
      return this;
    }

    /**
     * Adds TEXT columns of the run table that runs are filtered and grouped by.
     *
     * @param columns the column names
     * @return this builder
     */
    public Builder dimensions(String... columns) {
      for (String column : columns) {
        dimensions.add(Objects.requireNonNull(column, "dimension"));
      }
      return this;
    }

    /**
     * Sets the dimensions whose values two runs must share to be compared; by default every
     * dimension but the status column. Each must also be added with {@link #dimensions}.
     *
     * @param columns the dimension column names
     * @return this builder
     */
    public Builder comparableBy(String... columns) {
      Set<String> chosen = new LinkedHashSet<>();
      for (String column : columns) {
        chosen.add(Objects.requireNonNull(column, "comparable dimension"));
      }
      this.comparableBy = chosen;
      return this;
    }

    /**
     * Sets the TEXT column of the run table that holds a run's status, and the values that count as
     * a failed run.
     *
     * @param column the column name
     * @param failedValues the status values of failed runs
     * @return this builder
     */
    public Builder status(String column, String... failedValues) {
      this.statusColumn = Objects.requireNonNull(column, "statusColumn");
      for (String value : failedValues) {
        failedStatuses.add(Objects.requireNonNull(value, "failed status"));
      }
      return this;
    }

    /**
     * Validates the roles against the schema and builds the model.
     *
     * @return the model
     * @throws IllegalArgumentException naming the table or column that does not exist or has the
     *     wrong type
     * @throws IllegalStateException if the run table or the time column was not set
     */
    public RunModel build() {
      if (runTable == null || timeColumn == null) {
        throw new IllegalStateException("a run model needs a run table and a time column");
      }
      TableInfo table =
          schema.tables().stream()
              .filter(t -> t.name().equals(runTable))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "schema "
                              + schema.name()
                              + " has no table "
                              + runTable
                              + "; tables: "
                              + String.join(
                                  ", ", schema.tables().stream().map(TableInfo::name).toList())));
      List<String> key = table.primaryKey();
      if (key.size() != 1) {
        throw new IllegalArgumentException(
            "run table " + runTable + " needs a single-column primary key but has " + key);
      }
      requireTime(table, timeColumn, "time column");
      if (finishColumn != null) {
        requireTime(table, finishColumn, "finish column");
      }
      for (String dimension : dimensions) {
        requireText(table, dimension, "dimension");
      }
      if (statusColumn != null) {
        requireText(table, statusColumn, "status column");
        requireStatuses(table, statusColumn, failedStatuses);
      }
      if (comparableBy != null) {
        for (String dimension : comparableBy) {
          if (!dimensions.contains(dimension)) {
            throw new IllegalArgumentException(
                "comparable dimension "
                    + dimension
                    + " is not a dimension; dimensions: "
                    + String.join(", ", dimensions));
          }
        }
      }
      return new RunModel(this, table, key.get(0));
    }

    private static ColumnInfo column(TableInfo table, String name, String role) {
      return table.columns().stream()
          .filter(c -> c.name().equals(name))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      role
                          + " "
                          + name
                          + " does not exist in table "
                          + table.name()
                          + "; columns: "
                          + String.join(
                              ", ", table.columns().stream().map(ColumnInfo::name).toList())));
    }

    /**
     * Failed statuses the status column cannot hold would make every failure rate 0 and let failed
     * runs into trends and baselines, silently: where the column's values are known (an enum's
     * {@code CHECK ... IN (...)} in the table's DDL), each failed status must be one of them, as
     * stored (an enum stored as {@code FAILED} is not {@code failed}).
     */
    private static void requireStatuses(TableInfo table, String column, Set<String> failed) {
      Matcher check =
          Pattern.compile("CHECK \\(\"" + Pattern.quote(column) + "\" IN \\(([^)]*)\\)\\)")
              .matcher(table.createSql());
      if (!check.find()) {
        return;
      }
      List<String> values = new ArrayList<>();
      Matcher literal = Pattern.compile("'((?:[^']|'')*)'").matcher(check.group(1));
      while (literal.find()) {
        values.add(literal.group(1).replace("''", "'"));
      }
      for (String status : failed) {
        if (!values.contains(status)) {
          String near =
              values.stream().filter(v -> v.equalsIgnoreCase(status)).findFirst().map(v -> "; did you mean '" + v + "'?")
                  .orElse("");
          throw new IllegalArgumentException(
              "failed status '"
                  + status
                  + "' is not a value of status column "
                  + table.name()
                  + "."
                  + column
                  + ", which holds one of "
                  + values
                  + " (statuses are compared as stored)"
                  + near);
        }
      }
    }

    private static void requireTime(TableInfo table, String name, String role) {
      ColumnInfo time = column(table, name, role);
      if (!time.sqlType().equalsIgnoreCase("TEXT") || !TIME_TYPES.contains(time.javaType())) {
        throw new IllegalArgumentException(
            role
                + " "
                + table.name()
                + "."
                + name
                + " must be a TEXT column of type Instant or OffsetDateTime but is "
                + time.sqlType()
                + " "
                + time.javaType());
      }
    }

    private static void requireText(TableInfo table, String name, String role) {
      ColumnInfo column = column(table, name, role);
      if (!column.sqlType().equalsIgnoreCase("TEXT") || column.json()) {
        throw new IllegalArgumentException(
            role
                + " "
                + table.name()
                + "."
                + name
                + " must be a plain TEXT column but is "
                + column.sqlType()
                + (column.json() ? " holding JSON" : ""));
      }
    }
  }
}
