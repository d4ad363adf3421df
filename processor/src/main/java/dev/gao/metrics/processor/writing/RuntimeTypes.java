package dev.gao.metrics.processor.writing;

import com.squareup.javapoet.ClassName;

/** The runtime classes generated code uses, named without depending on the runtime. */
public final class RuntimeTypes {
  private static final String RUNTIME = "dev.gao.metrics.runtime";
  private static final String SCHEMA = RUNTIME + ".schema";
  private static final String DAO = RUNTIME + ".dao";
  private static final String JSON = RUNTIME + ".json";

  /** {@code MetricsDatabase}. */
  public static final ClassName METRICS_DATABASE = ClassName.get(RUNTIME, "MetricsDatabase");
  /** {@code SchemaInfo}. */
  public static final ClassName SCHEMA_INFO = ClassName.get(SCHEMA, "SchemaInfo");
  /** {@code TableInfo}. */
  public static final ClassName TABLE_INFO = ClassName.get(SCHEMA, "TableInfo");
  /** {@code ColumnInfo}. */
  public static final ClassName COLUMN_INFO = ClassName.get(SCHEMA, "ColumnInfo");

  /** {@code MetricInfo}. */
  public static final ClassName METRIC_INFO = ClassName.get(SCHEMA, "MetricInfo");

  /** {@code Better}. */
  public static final ClassName BETTER = ClassName.get(SCHEMA, "Better");
  /** {@code IndexInfo}. */
  public static final ClassName INDEX_INFO = ClassName.get(SCHEMA, "IndexInfo");
  /** {@code TriggerInfo}. */
  public static final ClassName TRIGGER_INFO = ClassName.get(SCHEMA, "TriggerInfo");
  /** {@code ForeignKeyInfo}. */
  public static final ClassName FOREIGN_KEY_INFO = ClassName.get(SCHEMA, "ForeignKeyInfo");
  /** {@code SchemaHistory}. */
  public static final ClassName SCHEMA_HISTORY = ClassName.get(SCHEMA, "SchemaHistory");
  /** {@code Engine}. */
  public static final ClassName ENGINE = ClassName.get(SCHEMA, "Engine");

  /** {@code MigrationStep}. */
  public static final ClassName MIGRATION_STEP = ClassName.get(SCHEMA, "MigrationStep");
  /** {@code TableDao}. */
  public static final ClassName TABLE_DAO = ClassName.get(DAO, "TableDao");
  /** {@code ColumnRef}. */
  public static final ClassName COLUMN_REF = ClassName.get(DAO, "ColumnRef");
  /** {@code StatementBinder}. */
  public static final ClassName STATEMENT_BINDER = ClassName.get(RUNTIME + ".connection", "StatementBinder");
  /** {@code QuerySupport}. */
  public static final ClassName QUERY_SUPPORT = ClassName.get(RUNTIME + ".query", "QuerySupport");
  /** {@code QueryStatement}. */
  public static final ClassName QUERY_STATEMENT = ClassName.get(RUNTIME + ".query", "QueryStatement");
  /** {@code QueryPreparationException}. */
  public static final ClassName QUERY_PREPARATION_EXCEPTION =
      ClassName.get(RUNTIME + ".exception", "QueryPreparationException");
  /** {@code JsonType}. */
  public static final ClassName JSON_TYPE = ClassName.get(JSON, "JsonType");

  private RuntimeTypes() {}
}
