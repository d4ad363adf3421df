package dev.gao.metrics.processor.sql;

import java.util.List;

import dev.gao.metrics.processor.migration.StepPlan;
import dev.gao.metrics.processor.migration.StepSql;
import dev.gao.metrics.processor.migration.StorageTypes;
import dev.gao.metrics.processor.model.ColumnModel;
import dev.gao.metrics.processor.model.IndexModel;
import dev.gao.metrics.processor.model.TableModel;
import dev.gao.metrics.processor.model.ValueKind;
import dev.gao.metrics.processor.structure.ColumnShape;
import dev.gao.metrics.processor.structure.IndexShape;
import dev.gao.metrics.processor.structure.NeutralDefaults;
import dev.gao.metrics.processor.structure.TableShape;

/**
 * Renders the SQL text of one database engine from the engine-neutral structure: column types,
 * defaults, DDL and migrations. Implementations are pure functions of the model. The statements of
 * the DAOs are rendered at run time, from the table's {@code TableInfo}, by the runtime's {@code
 * TableDao}.
 */
public interface SqlDialect extends StorageTypes {
  /** The identifier in quotes, for example {@code "run_id"}. */
  String quote(String identifier);

  /** The SQL column type of values of {@code kind}. */
  String sqlType(ValueKind kind);

  /**
   * The SQL text of a default as it appears in the DDL of a column of {@code kind}, or {@code null}
   * when there is none.
   *
   * @param defaultValue the default in the neutral form of {@link NeutralDefaults}, or {@code null}
   */
  String defaultSql(ValueKind kind, String defaultValue);

  /** The SQL text of a stored column's default in the DDL, or {@code null} when it has none. */
  default String defaultSql(ColumnShape column) {
    return defaultSql(column.kind(), column.defaultValue());
  }

  /** The SQL text of a declared column's default in the DDL, or {@code null} when it has none. */
  default String defaultSql(ColumnModel column) {
    return defaultSql(column.kind(), NeutralDefaults.of(column.kind(), column.declaredDefault()));
  }

  /**
   * Whether a query's result column of the SQL type {@code declaredType}, as the engine declares it,
   * can be read as values of {@code kind}.
   */
  boolean readableAs(String declaredType, ValueKind kind);

  /** Whether both kinds have the same SQL column type. */
  @Override
  default boolean sameStorage(ValueKind a, ValueKind b) {
    return sqlType(a).equals(sqlType(b));
  }

  /** The {@code CREATE TABLE} statement. */
  String createTable(TableModel table);

  /** The {@code CREATE INDEX} statement of one index of {@code table}. */
  String createIndex(TableModel table, IndexModel index);

  /** The {@code CREATE TABLE} statement of a stored table (of any version). */
  String createTable(TableShape table);

  /** The {@code CREATE INDEX} statement of one index of a stored table. */
  String createIndex(TableShape table, IndexShape index);

  /**
   * The triggers of a stored table, created after the table and its indexes: the ones that bring
   * time text other programs write into the canonical form. Empty when the table needs none, and
   * always on an engine whose time types need no such help.
   */
  List<TriggerSql> triggers(TableShape table);

  /**
   * The statements of one migration step between two stored schema versions.
   *
   * @param step the tables to change, with their old and new forms
   * @return the statements, final statements and whether foreign keys must be off
   */
  StepSql migrate(StepPlan step);
}
