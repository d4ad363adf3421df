package dev.gao.metrics.runtime.schema;

import dev.gao.metrics.runtime.schema.LiveTable;
import dev.gao.metrics.runtime.schema.SchemaDifference.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Compares the tables of a schema with their live structure, field by field (never by SQL text).
 * Tables the schema does not declare are not compared. Names compare case-insensitively, as SQL
 * identifiers do. The range constraint of each bounded metric column ({@code CONSTRAINT "ck_<table>_
 * <column>" CHECK (...)}, one line of the expected {@code CREATE TABLE}) must appear verbatim in the
 * live table's SQL text, and so must the check of the names an enum column may hold, which has the
 * same name and form; nothing is parsed, so other CHECK constraints (JSON validity) are not
 * compared.
 */
public final class SchemaComparator {
  private final UnaryOperator<String> normalizeDefault;

  /**
   * Creates a comparator.
   *
   * @param normalizeDefault brings a default expression into the form the live database reports
   */
  public SchemaComparator(UnaryOperator<String> normalizeDefault) {
    this.normalizeDefault = Objects.requireNonNull(normalizeDefault, "normalizeDefault");
  }

  /**
   * Lists every difference, table by table in schema order.
   *
   * @param schema the schema the code expects
   * @param liveTables the live structure of the schema's tables, by table name; a table that does
   *     not exist is absent
   * @return the differences; empty if the database matches
   */
  public List<SchemaDifference> compare(SchemaInfo schema, Map<String, LiveTable> liveTables) {
    Map<String, LiveTable> byName = new LinkedHashMap<>();
    liveTables.forEach((name, table) -> byName.put(key(name), table));
    List<SchemaDifference> differences = new ArrayList<>();
    for (TableInfo table : schema.tables()) {
      LiveTable live = byName.get(key(table.name()));
      if (live == null) {
        differences.add(difference(table, Kind.MISSING_TABLE, table.name(), table.name(), null));
        continue;
      }
      if (!live.strict()) {
        differences.add(
            difference(table, Kind.TABLE_NOT_STRICT, table.name(), "STRICT", "not STRICT"));
      }
      compareColumns(table, live, differences);
      compareRanges(table, live, differences);
      compareOtherChecks(table, live, differences);
      compareIndexes(table, live, differences);
      compareForeignKeys(table, live, differences);
      compareTriggers(table, live, differences);
    }
    return differences;
  }

  /**
   * Every trigger of the schema must exist with its SQL. Triggers the schema does not declare are
   * left alone: they are the user's own.
   */
  private static void compareTriggers(TableInfo table, LiveTable live, List<SchemaDifference> out) {
    for (TriggerInfo trigger : table.triggers()) {
      String actual = live.triggers().get(trigger.name());
      if (actual == null) {
        out.add(difference(table, Kind.MISSING_TRIGGER, trigger.name(), trigger.name(), null));
      } else if (!actual.equals(trigger.createSql())) {
        out.add(difference(table, Kind.TRIGGER_SQL, trigger.name(), trigger.createSql(), actual));
      }
    }
  }

  private static void compareRanges(TableInfo table, LiveTable live, List<SchemaDifference> out) {
    if (live.sql() == null) {
      return;
    }
    for (ColumnInfo column : table.metrics()) {
      String clause = rangeClause(table, column.name());
      if (column.metric().bounded() && clause != null && !live.sql().contains(clause)) {
        out.add(difference(table, Kind.COLUMN_RANGE, column.name(), clause, null));
      }
    }
  }

  /**
   * The other named checks of the schema's columns (the names an enum column may hold, {@code
   * CONSTRAINT "ck_<table>_<column>" CHECK ("c" IN (...))}): each must appear verbatim in the live
   * table's SQL text. One of that name with another condition is reported as a different check, its
   * absence as a missing one.
   */
  private static void compareOtherChecks(TableInfo table, LiveTable live, List<SchemaDifference> out) {
    if (live.sql() == null) {
      return;
    }
    for (ColumnInfo column : table.columns()) {
      if (column.metric() != null && column.metric().bounded()) {
        continue;
      }
      String name = table.rangeConstraintName(column.name());
      String clause = rangeClause(table.createSql(), name);
      if (clause == null || live.sql().contains(clause)) {
        continue;
      }
      String liveClause = rangeClause(live.sql(), name);
      if (liveClause == null) {
        out.add(difference(table, Kind.MISSING_CHECK, name, condition(clause, name), null));
      } else {
        out.add(difference(table, Kind.CHECK_DEFINITION, name, condition(clause, name), condition(liveClause, name)));
      }
    }
  }

  /** The text of a check clause after its name: {@code CHECK (...)}. */
  private static String condition(String clause, String name) {
    return clause.substring(("CONSTRAINT \"" + name + "\" ").length());
  }

  /** The line of {@code table}'s CREATE TABLE that declares the range of {@code column}, or null. */
  private static String rangeClause(TableInfo table, String column) {
    return rangeClause(table.createSql(), table.rangeConstraintName(column));
  }

  /** The line of {@code sql} that declares the check named {@code name}, or null. */
  private static String rangeClause(String sql, String name) {
    int start = sql.indexOf("CONSTRAINT \"" + name + "\" CHECK (");
    if (start < 0) {
      return null;
    }
    int end = sql.indexOf('\n', start);
    String clause = end < 0 ? sql.substring(start) : sql.substring(start, end);
    return clause.endsWith(",") ? clause.substring(0, clause.length() - 1) : clause;
  }

  private void compareColumns(TableInfo table, LiveTable live, List<SchemaDifference> out) {
    Map<String, LiveTable.Column> liveColumns = new LinkedHashMap<>();
    for (LiveTable.Column column : live.columns()) {
      liveColumns.put(key(column.name()), column);
    }
    for (ColumnInfo expected : table.columns()) {
      LiveTable.Column actual = liveColumns.remove(key(expected.name()));
      String name = expected.name();
      if (actual == null) {
        out.add(difference(table, Kind.MISSING_COLUMN, name, describe(expected), null));
        continue;
      }
      if (!expected.sqlType().equalsIgnoreCase(actual.type())) {
        out.add(difference(table, Kind.COLUMN_TYPE, name, expected.sqlType(), actual.type()));
      }
      // SQLite makes key columns of STRICT tables NOT NULL whether or not the DDL says so.
      boolean expectedNotNull = expected.notNull() || expected.primaryKeyPosition() > 0;
      boolean actualNotNull = actual.notNull() || actual.primaryKeyPosition() > 0;
      if (expectedNotNull != actualNotNull) {
        out.add(
            difference(
                table,
                Kind.COLUMN_NOT_NULL,
                name,
                nullability(expectedNotNull),
                nullability(actualNotNull)));
      }
      String expectedDefault = normalizeDefault.apply(expected.defaultSql());
      String actualDefault = normalizeDefault.apply(actual.defaultSql());
      if (!Objects.equals(expectedDefault, actualDefault)) {
        out.add(
            difference(
                table,
                Kind.COLUMN_DEFAULT,
                name,
                orNone(expected.defaultSql()),
                orNone(actual.defaultSql())));
      }
      if (expected.primaryKeyPosition() != actual.primaryKeyPosition()) {
        out.add(
            difference(
                table,
                Kind.COLUMN_PRIMARY_KEY,
                name,
                String.valueOf(expected.primaryKeyPosition()),
                String.valueOf(actual.primaryKeyPosition())));
      }
    }
    for (LiveTable.Column extra : liveColumns.values()) {
      out.add(difference(table, Kind.EXTRA_COLUMN, extra.name(), null, describe(extra)));
    }
  }

  private static void compareIndexes(TableInfo table, LiveTable live, List<SchemaDifference> out) {
    Map<String, LiveTable.Index> liveIndexes = new LinkedHashMap<>();
    for (LiveTable.Index index : live.indexes()) {
      liveIndexes.put(key(index.name()), index);
    }
    for (IndexInfo expected : table.indexes()) {
      LiveTable.Index actual = liveIndexes.remove(key(expected.name()));
      String name = expected.name();
      if (actual == null) {
        out.add(difference(table, Kind.MISSING_INDEX, name, columnList(expected.columns()), null));
        continue;
      }
      if (expected.unique() != actual.unique()) {
        out.add(
            difference(
                table,
                Kind.INDEX_UNIQUE,
                name,
                uniqueness(expected.unique()),
                uniqueness(actual.unique())));
      }
      if (!keys(expected.columns()).equals(keys(actual.columns()))) {
        out.add(
            difference(
                table,
                Kind.INDEX_COLUMNS,
                name,
                columnList(expected.columns()),
                columnList(actual.columns())));
      }
    }
    for (LiveTable.Index extra : liveIndexes.values()) {
      out.add(difference(table, Kind.EXTRA_INDEX, extra.name(), null, columnList(extra.columns())));
    }
  }

  private static void compareForeignKeys(
      TableInfo table, LiveTable live, List<SchemaDifference> out) {
    Map<String, LiveTable.ForeignKey> liveKeys = new LinkedHashMap<>();
    for (LiveTable.ForeignKey foreignKey : live.foreignKeys()) {
      liveKeys.put(key(foreignKey.column()), foreignKey);
    }
    for (ForeignKeyInfo expected : table.foreignKeys()) {
      LiveTable.ForeignKey actual = liveKeys.remove(key(expected.column()));
      String column = expected.column();
      String expectedTarget = expected.referencedTable() + "." + expected.referencedColumn();
      if (actual == null) {
        out.add(
            difference(
                table, Kind.MISSING_FOREIGN_KEY, column, "references " + expectedTarget, null));
        continue;
      }
      String actualTarget = actual.referencedTable() + "." + actual.referencedColumn();
      if (!key(expectedTarget).equals(key(actualTarget))) {
        out.add(difference(table, Kind.FOREIGN_KEY_TARGET, column, expectedTarget, actualTarget));
      }
      if (!expected.onDelete().equalsIgnoreCase(actual.onDelete())) {
        out.add(
            difference(
                table, Kind.FOREIGN_KEY_ON_DELETE, column, expected.onDelete(), actual.onDelete()));
      }
      if (!expected.onUpdate().equalsIgnoreCase(actual.onUpdate())) {
        out.add(
            difference(
                table, Kind.FOREIGN_KEY_ON_UPDATE, column, expected.onUpdate(), actual.onUpdate()));
      }
    }
    for (LiveTable.ForeignKey extra : liveKeys.values()) {
      out.add(
          difference(
              table,
              Kind.EXTRA_FOREIGN_KEY,
              extra.column(),
              null,
              "references " + extra.referencedTable() + "." + extra.referencedColumn()));
    }
  }

  private static SchemaDifference difference(
      TableInfo table, Kind kind, String subject, String expected, String actual) {
    return new SchemaDifference(table.name(), kind, subject, expected, actual);
  }

  private static String describe(ColumnInfo column) {
    return column.sqlType()
        + (column.notNull() ? " NOT NULL" : "")
        + (column.defaultSql() != null ? " DEFAULT " + column.defaultSql() : "");
  }

  private static String describe(LiveTable.Column column) {
    return (column.type().isEmpty() ? "no type" : column.type())
        + (column.notNull() ? " NOT NULL" : "")
        + (column.defaultSql() != null ? " DEFAULT " + column.defaultSql() : "");
  }

  private static String nullability(boolean notNull) {
    return notNull ? "NOT NULL" : "nullable";
  }

  private static String uniqueness(boolean unique) {
    return unique ? "UNIQUE" : "not unique";
  }

  private static String orNone(String defaultSql) {
    return defaultSql == null ? "none" : defaultSql;
  }

  private static String columnList(List<String> columns) {
    return "(" + String.join(", ", columns) + ")";
  }

  private static List<String> keys(List<String> names) {
    return names.stream().map(SchemaComparator::key).toList();
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
