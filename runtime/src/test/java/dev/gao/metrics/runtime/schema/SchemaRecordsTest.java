package dev.gao.metrics.runtime.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.fixture.TestSchema;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaRecordsTest {
  private static ColumnInfo column(String name, int keyPosition) {
    return new ColumnInfo(name, "TEXT", "java.lang.String", true, null, keyPosition, false);
  }

  private static TableInfo table(
      List<ColumnInfo> columns, List<IndexInfo> indexes, List<ForeignKeyInfo> keys) {
    return new TableInfo("t", "p.T", columns, false, indexes, keys, "CREATE TABLE t (...)");
  }

  @Test
  void tablesFindColumnsAndOrderTheirKey() {
    TableInfo composite =
        table(List.of(column("a", 2), column("b", 0), column("c", 1)), List.of(), List.of());
    assertEquals(List.of("c", "a"), composite.primaryKey());
    assertEquals("b", composite.column("b").name());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> composite.column("z"));
    assertEquals("table t has no column z", e.getMessage());
    assertTrue(composite.column("a").hasDefault() == false);
    assertTrue(TestSchema.RUNS.column("version").hasDefault());
  }

  @Test
  void aJsonMapColumnCarriesTheMetricOfItsValues() {
    MetricInfo seconds =
        new MetricInfo("s", Better.LOWER, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    ColumnInfo phaseTimes =
        new ColumnInfo(
            "phase_times",
            "TEXT",
            "java.util.Map<java.lang.String,java.lang.Double>",
            false,
            null,
            0,
            true,
            seconds);
    assertTrue(phaseTimes.json());
    assertEquals(seconds, phaseTimes.metric());
    assertEquals(seconds, phaseTimes.metricInfo().orElseThrow());
    assertFalse(phaseTimes.metric().bounded());
    TableInfo table = table(List.of(column("id", 1), phaseTimes), List.of(), List.of());
    assertEquals(List.of(phaseTimes), table.metrics());
  }

  @Test
  void recordsCopyTheirLists() {
    List<ColumnInfo> columns = new ArrayList<>(List.of(column("a", 1)));
    TableInfo table = table(columns, List.of(), List.of());
    columns.add(column("b", 0));
    assertEquals(1, table.columns().size());
    assertThrows(UnsupportedOperationException.class, () -> table.columns().add(column("c", 0)));
  }

  @Test
  void theArrayFormsEqualTheListForms() {
    ColumnInfo id = new ColumnInfo("id", "INTEGER", "long", true, null, 1, false);
    ColumnInfo at = new ColumnInfo("at", "TEXT", "java.time.Instant", true, null, 0, false);
    IndexInfo index = new IndexInfo("idx_t_at", new String[] {"at"}, false, false, "CREATE INDEX");
    assertEquals(new IndexInfo("idx_t_at", List.of("at"), false, false, "CREATE INDEX"), index);
    ForeignKeyInfo foreignKey = new ForeignKeyInfo("id", "u", "id", "CASCADE", "NO ACTION");
    assertEquals(
        new TableInfo("t", "p.T", List.of(id, at), false, List.of(index), List.of(foreignKey), "CREATE TABLE"),
        new TableInfo(
            "t", "p.T", new ColumnInfo[] {id, at}, false, new IndexInfo[] {index}, new ForeignKeyInfo[] {foreignKey}, "CREATE TABLE"));
    ColumnInfo[] columns = {id, at};
    TableInfo copied = new TableInfo("t", "p.T", columns, false, new IndexInfo[] {}, new ForeignKeyInfo[] {}, "CREATE TABLE");
    columns[1] = id;
    assertEquals(List.of(id, at), copied.columns());
    NullPointerException missing =
        assertThrows(
            NullPointerException.class,
            () -> new TableInfo("t", "p.T", (ColumnInfo[]) null, false, new IndexInfo[] {}, new ForeignKeyInfo[] {}, "c"));
    assertEquals("columns of table t", missing.getMessage());
    NullPointerException element =
        assertThrows(
            NullPointerException.class,
            () -> new IndexInfo("i", new String[] {null}, false, false, "c"));
    assertEquals("columns of index i must not contain null", element.getMessage());
  }

  @Test
  void invalidArgumentsAreRefusedWithTheirName() {
    assertThrows(IllegalArgumentException.class, () -> column(" ", 0));
    assertThrows(NullPointerException.class, () -> column(null, 0));
    assertThrows(IllegalArgumentException.class, () -> column("a", -1));
    assertThrows(
        IllegalArgumentException.class, () -> new ColumnInfo("a", "", "x", false, null, 0, false));
    assertThrows(
        IllegalArgumentException.class, () -> new IndexInfo("i", List.of(), false, false, "sql"));
    assertThrows(
        NullPointerException.class, () -> new IndexInfo("i", List.of("a"), false, false, null));
    List<String> withNull = new ArrayList<>();
    withNull.add(null);
    assertThrows(
        NullPointerException.class, () -> new IndexInfo("i", withNull, false, false, "sql"));
    assertThrows(
        IllegalArgumentException.class, () -> new ForeignKeyInfo("a", "p", "id", "", "NO ACTION"));
    assertThrows(IllegalArgumentException.class, () -> table(List.of(), List.of(), List.of()));
    IllegalArgumentException twice =
        assertThrows(
            IllegalArgumentException.class,
            () -> table(List.of(column("a", 1), column("a", 0)), List.of(), List.of()));
    assertTrue(twice.getMessage().contains("column a twice"), twice.getMessage());
    IllegalArgumentException index =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                table(
                    List.of(column("a", 1)),
                    List.of(new IndexInfo("i", List.of("b"), false, false, "sql")),
                    List.of()));
    assertTrue(
        index.getMessage().contains("index i of table t names column b"), index.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            table(
                List.of(column("a", 1)),
                List.of(),
                List.of(new ForeignKeyInfo("b", "p", "id", "CASCADE", "NO ACTION"))));
  }

  @Test
  void schemasFindTablesAndRefuseBadArguments() {
    SchemaInfo schema = TestSchema.SCHEMA;
    assertEquals(TestSchema.RUNS, schema.table("benchmark_runs"));
    assertTrue(schema.hasTable("performance_metrics"));
    assertFalse(schema.hasTable("nope"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> schema.table("nope"));
    assertEquals("schema TestMetrics has no table nope", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SchemaInfo("S", 0, "h", List.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new SchemaInfo("S", 1, "h", List.of(TestSchema.RUNS, TestSchema.RUNS)));
    assertThrows(NullPointerException.class, () -> new SchemaInfo("S", 1, null, List.of()));
  }

  @Test
  void everyDifferenceKindDescribesItself() {
    for (SchemaDifference.Kind kind : SchemaDifference.Kind.values()) {
      SchemaDifference difference = new SchemaDifference("t", kind, "s", "expected", "actual");
      assertFalse(difference.description().isBlank(), kind.name());
    }
    assertThrows(
        NullPointerException.class, () -> new SchemaDifference("t", null, "s", null, null));
  }
}
