package dev.gao.metrics.processor.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.processor.history.Snapshot;
import dev.gao.metrics.processor.history.SnapshotReader;
import dev.gao.metrics.processor.structure.ColumnShape;
import dev.gao.metrics.processor.structure.NeutralDefaults;
import dev.gao.metrics.processor.structure.SchemaShape;
import dev.gao.metrics.processor.structure.TableShape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GAO-Dev's schema, versions 1 to 6 as its committed snapshots record them, on PostgreSQL: every
 * version created fresh from the rendered DDL and filled, and one schema with rows in every table
 * migrated up from 1 to 6 and down again, step by step, exactly as the schema class renders its
 * steps (the upgrade from the newer snapshot's renames, the downgrade from their inverse). After
 * every step the catalog describes the structure of a fresh schema of that version, and every
 * stored value is where the step puts it; on the way down, each version has the values it had on
 * the way up, except the NULLs an upgrade replaced by a NOT NULL column's default.
 */
class PostgresExampleHistoryTest {
  private static final Path EXAMPLE = Path.of("../example/src/main/schemas/dev.gao.metrics.example.model.GaoMetrics");
  private static final List<Snapshot> SNAPSHOTS = new ArrayList<>();

  /** The example's current version. */
  private static final int LAST = 6;

  @BeforeAll
  static void readSnapshots() throws IOException {
    for (int version = 1; version <= LAST; version++) {
      String text = Files.readString(EXAMPLE.resolve(version + ".json"), StandardCharsets.UTF_8);
      SNAPSHOTS.add(SnapshotReader.read(text));
    }
  }

  private static SchemaShape version(int version) {
    return SNAPSHOTS.get(version - 1).schema();
  }

  private static StepPlan up(int from) {
    return SchemaDiffer.diff(version(from), version(from + 1), SNAPSHOTS.get(from).renames());
  }

  private static StepPlan down(int from) {
    return SchemaDiffer.diff(version(from), version(from - 1), SNAPSHOTS.get(from - 1).renames().inverse());
  }

  @Test
  void everyVersionIsCreatedFreshFromItsDdlAndTakesRows() throws SQLException {
    for (int v = 1; v <= LAST; v++) {
      SchemaShape shape = version(v);
      try (PostgresDatabase db = PostgresDatabase.create(getClass(), shape)) {
        db.fill(shape);
        Map<String, List<Object>> structure = db.structure();
        assertEquals(shape.tables().stream().map(TableShape::name).sorted().toList(), List.copyOf(structure.keySet()));
        for (TableShape table : shape.tables()) {
          assertEquals(PostgresDatabase.ROWS, db.values(table.name(), List.of()).size(), table.name());
          @SuppressWarnings("unchecked")
          List<List<String>> columns = (List<List<String>>) structure.get(table.name()).get(0);
          for (ColumnShape column : table.columns()) {
            List<String> live = columns.stream().filter(c -> c.get(0).equals(column.name())).findFirst().orElseThrow();
            assertEquals(PostgresDatabase.DIALECT.sqlType(column.kind()), live.get(1), table.name() + "." + column.name());
          }
        }
      }
    }
  }

  @Test
  void upFromOneToTheLastAndDownAgainWithRowsInEveryTable() throws SQLException {
    Map<Integer, Map<String, List<List<String>>>> onTheWayUp = new HashMap<>();
    try (PostgresDatabase db = PostgresDatabase.create(getClass(), version(1))) {
      // Values inside the ranges version 3 declares and among the enum names version 6 checks, so
      // that their CHECK constraints accept them.
      db.fill(withRangesOf(version(1), version(LAST)));
      onTheWayUp.put(1, read(db, version(1)));
      for (int v = 1; v < LAST; v++) {
        StepPlan plan = up(v);
        assertFalse(plan.changes().isEmpty());
        Map<String, List<List<String>>> before = read(db, version(v));
        run(db, plan, version(v + 1));
        assertValues(db, plan, before);
        for (TableStep table : plan.tables()) {
          if (table.added()) {
            SchemaShape checked = withRangesOf(version(v + 1), version(LAST));
            db.fill(checked, checked.table(table.to().name()).orElseThrow());
          }
        }
        onTheWayUp.put(v + 1, read(db, version(v + 1)));
      }
      for (int v = LAST; v > 1; v--) {
        StepPlan plan = down(v);
        Map<String, List<List<String>>> before = read(db, version(v));
        run(db, plan, version(v - 1));
        assertValues(db, plan, before);
        Map<String, List<List<String>>> expected = filledByUpgrades(db, v - 1, onTheWayUp.get(v - 1));
        assertEquals(sorted(expected), sorted(read(db, version(v - 1))), "version " + (v - 1) + " on the way down");
      }
    }
  }

  /** {@code shape} with the ranges and enum names its columns have in {@code later}. */
  private static SchemaShape withRangesOf(SchemaShape shape, SchemaShape later) {
    List<TableShape> tables = new ArrayList<>();
    for (TableShape table : shape.tables()) {
      List<ColumnShape> columns = new ArrayList<>();
      for (ColumnShape c : table.columns()) {
        ColumnShape ranged = later.table(table.name()).flatMap(t -> t.column(c.name())).orElse(c);
        columns.add(
            new ColumnShape(
                c.name(), c.kind(), c.javaType(), c.notNull(), c.defaultValue(), c.primaryKeyPosition(), ranged.min(),
                ranged.max(), c.nullSafeJsonCheck(), c.normalizedTime(), ranged.enumNames()));
      }
      tables.add(new TableShape(table.name(), table.javaType(), columns, table.autoIncrement(), table.indexes(), table.foreignKeys()));
    }
    return new SchemaShape(shape.name(), shape.version(), tables);
  }

  /** Runs the step's SQL and checks the catalog against a fresh schema of {@code target}. */
  private void run(PostgresDatabase db, StepPlan plan, SchemaShape target) throws SQLException {
    StepSql sql = PostgresDatabase.DIALECT.migrate(plan);
    db.run(sql);
    try (PostgresDatabase fresh = PostgresDatabase.create(getClass(), target)) {
      assertEquals(
          fresh.structure(),
          db.structure(),
          () -> plan.fromVersion() + " -> " + plan.toVersion() + ":\n" + String.join("\n", sql.statements()));
    }
  }

  /**
   * Checks every value after {@code plan} against the values {@code before} it: kept columns keep
   * theirs (a NULL in a column that became NOT NULL takes the default), added columns hold their
   * default, added tables are empty.
   */
  private static void assertValues(PostgresDatabase db, StepPlan plan, Map<String, List<List<String>>> before)
      throws SQLException {
    for (TableStep table : plan.tables()) {
      if (table.dropped()) {
        continue;
      }
      List<List<String>> expected = new ArrayList<>();
      if (!table.added()) {
        for (List<String> row : before.get(table.from().name())) {
          List<String> values = new ArrayList<>();
          for (ColumnShape column : table.to().columns()) {
            var source = table.source(column.name());
            if (source.isEmpty()) {
              values.add(defaultText(db, column));
              continue;
            }
            ColumnShape old = table.from().column(source.get()).orElseThrow();
            assertEquals(old.kind(), column.kind(), "the example's steps keep every column's kind");
            String value = row.get(table.from().columns().indexOf(old));
            values.add(value == null && column.notNull() && !old.notNull() ? defaultText(db, column) : value);
          }
          expected.add(values);
        }
      }
      List<List<String>> actual = read(db, table.to());
      assertEquals(sorted(expected), sorted(actual), plan.fromVersion() + " -> " + plan.toVersion() + ": " + table.to().name());
    }
  }

  /**
   * The values of {@code values}, the tables of version {@code version} on the way up, with the NULLs
   * that this or a later upgrade replaced by the default of a column it made NOT NULL. The example
   * renames nothing, so a table and column keep their names through all versions.
   */
  private static Map<String, List<List<String>>> filledByUpgrades(
      PostgresDatabase db, int version, Map<String, List<List<String>>> values) throws SQLException {
    Map<String, String> fills = new HashMap<>();
    for (int v = version; v < LAST; v++) {
      assertTrue(SNAPSHOTS.get(v).renames().isEmpty());
      for (TableStep table : up(v).tables()) {
        if (table.added() || table.dropped()) {
          continue;
        }
        for (ColumnShape now : table.to().columns()) {
          ColumnShape old = table.source(now.name()).flatMap(table.from()::column).orElse(null);
          if (old != null && now.notNull() && !old.notNull()) {
            fills.put(table.to().name() + "." + now.name(), defaultText(db, now));
          }
        }
      }
    }
    Map<String, List<List<String>>> expected = new TreeMap<>();
    for (TableShape table : version(version).tables()) {
      List<List<String>> rows = new ArrayList<>();
      for (List<String> row : values.get(table.name())) {
        List<String> copy = new ArrayList<>(row);
        for (int i = 0; i < copy.size(); i++) {
          String fill = fills.get(table.name() + "." + table.columns().get(i).name());
          if (copy.get(i) == null && fill != null) {
            copy.set(i, fill);
          }
        }
        rows.add(copy);
      }
      expected.put(table.name(), rows);
    }
    return expected;
  }

  /** The default of {@code column} as PostgreSQL's text of a stored value; the example has only constants. */
  private static String defaultText(PostgresDatabase db, ColumnShape column) throws SQLException {
    String defaultSql = PostgresDatabase.DIALECT.defaultSql(column);
    if (defaultSql == null) {
      return null;
    }
    assertFalse(
        defaultSql.equals(NeutralDefaults.CURRENT_TIMESTAMP) || defaultSql.equals(NeutralDefaults.CURRENT_DATE),
        "no column the example adds or makes NOT NULL defaults to the current time");
    String text = db.scalar("SELECT CAST(" + defaultSql + " AS " + PostgresDatabase.DIALECT.sqlType(column.kind()) + ")");
    assertNotNull(text);
    return text;
  }

  /** Every table of {@code shape}: its rows, each with the values of its columns in table order. */
  private static Map<String, List<List<String>>> read(PostgresDatabase db, SchemaShape shape) throws SQLException {
    Map<String, List<List<String>>> tables = new TreeMap<>();
    for (TableShape table : shape.tables()) {
      tables.put(table.name(), read(db, table));
    }
    return tables;
  }

  private static List<List<String>> read(PostgresDatabase db, TableShape table) throws SQLException {
    List<List<String>> rows =
        db.query(
            "SELECT " + String.join(", ", table.columns().stream().map(c -> PostgresDatabase.DIALECT.quote(c.name())).toList())
                + " FROM " + PostgresDatabase.DIALECT.quote(table.name()));
    assertTrue(rows.size() == PostgresDatabase.ROWS || rows.isEmpty(), table.name());
    return rows;
  }

  private static List<String> sorted(List<List<String>> rows) {
    return rows.stream().map(List::toString).sorted().toList();
  }

  private static Map<String, List<String>> sorted(Map<String, List<List<String>>> tables) {
    Map<String, List<String>> result = new TreeMap<>();
    tables.forEach((name, rows) -> result.put(name, sorted(rows)));
    return result;
  }
}
