package dev.gao.metrics.runtime.schema;

import dev.gao.metrics.runtime.schema.SchemaDifference.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares two descriptions of the same table that one engine reported: the table as the schema's
 * own DDL creates it (in a scratch copy) and the live table. Both went through the engine's
 * catalog, so types, defaults and check definitions are in the engine's own canonical text and
 * compare as text; nothing is parsed. Every difference is listed: columns (presence, type, NOT NULL,
 * default, primary-key position), indexes, foreign keys with their actions, named CHECK
 * constraints and triggers. Column order is not compared: PostgreSQL cannot move a column, and the
 * DAOs name every column they read and write.
 */
public final class LiveComparator {
  private LiveComparator() {}

  /**
   * Every difference between an expected and a live table.
   *
   * @param expected the table as the schema's DDL creates it
   * @param live the live table, or null when it does not exist
   * @return the differences, in the order columns, indexes, foreign keys, checks, triggers
   */
  public static List<SchemaDifference> compare(LiveTable expected, LiveTable live) {
    Objects.requireNonNull(expected, "expected");
    String table = expected.name();
    List<SchemaDifference> out = new ArrayList<>();
    if (live == null) {
      out.add(new SchemaDifference(table, Kind.MISSING_TABLE, table, table, null));
      return out;
    }
    Map<String, LiveTable.Column> liveColumns = new LinkedHashMap<>();
    live.columns().forEach(column -> liveColumns.put(column.name(), column));
    for (LiveTable.Column column : expected.columns()) {
      LiveTable.Column actual = liveColumns.remove(column.name());
      if (actual == null) {
        out.add(new SchemaDifference(table, Kind.MISSING_COLUMN, column.name(), describe(column), null));
        continue;
      }
      if (!column.type().equals(actual.type())) {
        out.add(new SchemaDifference(table, Kind.COLUMN_TYPE, column.name(), column.type(), actual.type()));
      }
      if (column.notNull() != actual.notNull()) {
        out.add(new SchemaDifference(table, Kind.COLUMN_NOT_NULL, column.name(), nullability(column), nullability(actual)));
      }
      if (!Objects.equals(column.defaultSql(), actual.defaultSql())) {
        out.add(new SchemaDifference(
            table, Kind.COLUMN_DEFAULT, column.name(), orNone(column.defaultSql()), orNone(actual.defaultSql())));
      }
      if (column.primaryKeyPosition() != actual.primaryKeyPosition()) {
        out.add(new SchemaDifference(table, Kind.COLUMN_PRIMARY_KEY, column.name(),
            Integer.toString(column.primaryKeyPosition()), Integer.toString(actual.primaryKeyPosition())));
      }
    }
    liveColumns.values().forEach(
        column -> out.add(new SchemaDifference(table, Kind.EXTRA_COLUMN, column.name(), null, describe(column))));
    compareIndexes(table, expected.indexes(), live.indexes(), out);
    compareForeignKeys(table, expected.foreignKeys(), live.foreignKeys(), out);
    compareNamed(table, expected.checks(), live.checks(), Kind.MISSING_CHECK, Kind.EXTRA_CHECK, Kind.CHECK_DEFINITION, out);
    compareNamed(table, expected.triggers(), live.triggers(), Kind.MISSING_TRIGGER, null, Kind.TRIGGER_SQL, out);
    return out;
  }

  /**
   * Every difference between an expected and a live table of the schema's {@code table}, reported
   * in the schema's terms as on every engine: a metric's range check that is missing or differs is
   * a {@link Kind#COLUMN_RANGE} of its column, not a check of its own; and when the column's type
   * differs too, a check whose text differs only by the casts the type brings ({@code (0)::real}
   * for {@code (0)::double precision}) is the type's difference, not the range's.
   *
   * @param table the schema's table
   * @param expected the table as the schema's DDL creates it
   * @param live the live table, or null when it does not exist
   * @return the differences, in the order of {@link #compare(LiveTable, LiveTable)}
   */
  public static List<SchemaDifference> compare(TableInfo table, LiveTable expected, LiveTable live) {
    Map<String, String> rangeColumns = new LinkedHashMap<>();
    for (ColumnInfo column : table.metrics()) {
      rangeColumns.put(table.rangeConstraintName(column.name()), column.name());
    }
    List<SchemaDifference> differences = compare(expected, live);
    List<String> retyped =
        differences.stream()
            .filter(difference -> difference.kind() == Kind.COLUMN_TYPE)
            .map(SchemaDifference::subject)
            .toList();
    List<SchemaDifference> out = new ArrayList<>();
    for (SchemaDifference difference : differences) {
      String column = rangeColumns.get(difference.subject());
      boolean rangeCheck =
          column != null
              && (difference.kind() == Kind.MISSING_CHECK || difference.kind() == Kind.CHECK_DEFINITION);
      if (!rangeCheck) {
        out.add(difference);
      } else if (!retyped.contains(column)
          || difference.actual() == null
          || !withoutCasts(difference.expected()).equals(withoutCasts(difference.actual()))) {
        out.add(
            new SchemaDifference(
                difference.table(), Kind.COLUMN_RANGE, column, difference.expected(), difference.actual()));
      }
    }
    return out;
  }

  /** A definition with its casts removed: {@code (0)::double precision} as {@code 0}. */
  private static String withoutCasts(String definition) {
    return definition
        .replaceAll("\\(([^()]*)\\)::[a-z][a-z ]*[a-z]", "$1")
        .replaceAll("::[a-z][a-z ]*[a-z]", "");
  }

  private static void compareIndexes(
      String table, List<LiveTable.Index> expected, List<LiveTable.Index> live, List<SchemaDifference> out) {
    Map<String, LiveTable.Index> byName = new LinkedHashMap<>();
    live.forEach(index -> byName.put(index.name(), index));
    for (LiveTable.Index index : expected) {
      LiveTable.Index actual = byName.remove(index.name());
      if (actual == null) {
        out.add(new SchemaDifference(table, Kind.MISSING_INDEX, index.name(), columns(index), null));
        continue;
      }
      if (index.unique() != actual.unique()) {
        out.add(new SchemaDifference(table, Kind.INDEX_UNIQUE, index.name(), uniqueness(index), uniqueness(actual)));
      }
      if (!index.columns().equals(actual.columns())) {
        out.add(new SchemaDifference(table, Kind.INDEX_COLUMNS, index.name(), columns(index), columns(actual)));
      }
    }
    byName.values().forEach(
        index -> out.add(new SchemaDifference(table, Kind.EXTRA_INDEX, index.name(), null, columns(index))));
  }

  private static void compareForeignKeys(
      String table,
      List<LiveTable.ForeignKey> expected,
      List<LiveTable.ForeignKey> live,
      List<SchemaDifference> out) {
    Map<String, LiveTable.ForeignKey> byColumn = new LinkedHashMap<>();
    live.forEach(key -> byColumn.put(key.column(), key));
    for (LiveTable.ForeignKey key : expected) {
      LiveTable.ForeignKey actual = byColumn.remove(key.column());
      if (actual == null) {
        out.add(new SchemaDifference(table, Kind.MISSING_FOREIGN_KEY, key.column(), "references " + target(key), null));
        continue;
      }
      if (!target(key).equals(target(actual))) {
        out.add(new SchemaDifference(table, Kind.FOREIGN_KEY_TARGET, key.column(), target(key), target(actual)));
      }
      if (!key.onDelete().equals(actual.onDelete())) {
        out.add(new SchemaDifference(table, Kind.FOREIGN_KEY_ON_DELETE, key.column(), key.onDelete(), actual.onDelete()));
      }
      if (!key.onUpdate().equals(actual.onUpdate())) {
        out.add(new SchemaDifference(table, Kind.FOREIGN_KEY_ON_UPDATE, key.column(), key.onUpdate(), actual.onUpdate()));
      }
    }
    byColumn.values().forEach(
        key -> out.add(new SchemaDifference(table, Kind.EXTRA_FOREIGN_KEY, key.column(), null, "references " + target(key))));
  }

  private static void compareNamed(
      String table,
      Map<String, String> expected,
      Map<String, String> live,
      Kind missing,
      Kind extra,
      Kind changed,
      List<SchemaDifference> out) {
    expected.keySet().stream().sorted().forEach(name -> {
      String actual = live.get(name);
      if (actual == null) {
        out.add(new SchemaDifference(table, missing, name, expected.get(name), null));
      } else if (!actual.equals(expected.get(name))) {
        out.add(new SchemaDifference(table, changed, name, expected.get(name), actual));
      }
    });
    if (extra != null) {
      live.keySet().stream()
          .filter(name -> !expected.containsKey(name))
          .sorted()
          .forEach(name -> out.add(new SchemaDifference(table, extra, name, null, live.get(name))));
    }
  }

  private static String describe(LiveTable.Column column) {
    return column.type()
        + (column.notNull() ? " NOT NULL" : "")
        + (column.defaultSql() != null ? " DEFAULT " + column.defaultSql() : "");
  }

  private static String nullability(LiveTable.Column column) {
    return column.notNull() ? "NOT NULL" : "nullable";
  }

  private static String orNone(String defaultSql) {
    return defaultSql == null ? "none" : defaultSql;
  }

  private static String columns(LiveTable.Index index) {
    return "(" + String.join(", ", index.columns()) + ")";
  }

  private static String uniqueness(LiveTable.Index index) {
    return index.unique() ? "UNIQUE" : "not UNIQUE";
  }

  /** The referenced column as SQLite's comparison names it, so both engines report the same. */
  private static String target(LiveTable.ForeignKey key) {
    return key.referencedTable() + "." + key.referencedColumn();
  }
}
