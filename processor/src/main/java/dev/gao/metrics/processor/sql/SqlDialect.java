package dev.gao.metrics.processor.sql;

import dev.gao.metrics.processor.migration.StepPlan;
import dev.gao.metrics.processor.migration.StepSql;
import dev.gao.metrics.processor.model.ColumnModel;
import dev.gao.metrics.processor.model.IndexModel;
import dev.gao.metrics.processor.model.TableModel;
import dev.gao.metrics.processor.model.ValueKind;
import dev.gao.metrics.processor.structure.IndexShape;
import dev.gao.metrics.processor.structure.TableShape;
import java.util.List;

/**
 * Renders the SQL text of one database engine: column types, defaults, DDL and the statements of the
 * generated DAOs. Implementations are pure functions of the model.
 */
public interface SqlDialect {
  /** The identifier in quotes, for example {@code "run_id"}. */
  String quote(String identifier);

  /** The SQL column type of values of {@code kind}. */
  String sqlType(ValueKind kind);

  /**
   * The SQL text of a column's default as it appears in the DDL, or {@code null} when the column has
   * none.
   */
  String defaultSql(ColumnModel column);

  /** Whether the column is declared {@code NOT NULL} in the DDL. */
  boolean notNullInDdl(TableModel table, ColumnModel column);

  /** The {@code CREATE TABLE} statement. */
  String createTable(TableModel table);

  /** The {@code CREATE INDEX} statement of one index of {@code table}. */
  String createIndex(TableModel table, IndexModel index);

  /** The {@code CREATE TABLE} statement of a stored table (of any version). */
  String createTable(TableShape table);

  /** The {@code CREATE INDEX} statement of one index of a stored table. */
  String createIndex(TableShape table, IndexShape index);

  /**
   * The statements of one migration step between two stored schema versions.
   *
   * @param step the tables to change, with their old and new forms
   * @return the statements, final statements and whether foreign keys must be off
   */
  StepSql migrate(StepPlan step);

  /**
   * Inserts one row, binding every column in table order; with {@code returningKey}, the statement
   * returns the row's key as its only column.
   */
  String insert(TableModel table, boolean returningKey);

  /** Inserts one row or updates the row with the same key; returns the key when the key is automatic. */
  String upsert(TableModel table);

  /** Selects every column, in table order, of the rows whose {@code where} columns equal parameters. */
  String selectWhere(TableModel table, List<String> where, boolean orderByKey);

  /** Selects every column of every row, in table order, without ordering. */
  String selectAll(TableModel table);

  /** Selects every row ordered by the primary key. */
  String selectAllOrdered(TableModel table);

  /** Selects a page of rows ordered by the primary key; parameters: limit, offset. */
  String selectPage(TableModel table);

  /**
   * What follows {@code ORDER BY <column> <direction>} when paging through {@link #selectAll} ordered
   * by a column: the primary key to break ties, then the limit and offset parameters.
   */
  String orderedPageTail(TableModel table);

  /** Updates the non-key columns (in table order) of the row with the given key (in key order). */
  String update(TableModel table);

  /** Deletes the row with the given key. */
  String deleteByKey(TableModel table);

  /** Counts the rows. */
  String count(TableModel table);

  /** Returns 1 if a row with the given key exists, else 0. */
  String exists(TableModel table);
}
