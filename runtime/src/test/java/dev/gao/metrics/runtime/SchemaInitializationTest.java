package dev.gao.metrics.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.exception.SchemaVersionException;
import dev.gao.metrics.runtime.fixture.Target;
import dev.gao.metrics.runtime.fixture.TestSchema;
import dev.gao.metrics.runtime.schema.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Creating the schema in a new database, on every engine: every table, index, key and foreign key
 * as declared (read back from SQLite's pragmas or PostgreSQL's catalog), the metadata, and the
 * refusal of another version.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class SchemaInitializationTest {
  @Parameter Engine engine;
  @TempDir Path temp;
  private Target target;

  @BeforeEach
  void target() {
    target = Target.of(engine, temp, "init");
  }

  @AfterEach
  void drop() {
    target.drop();
  }

  @Test
  void createsEveryTableAndIndex() throws Exception {
    target.open(TestSchema.SCHEMA).close();
    List<String> tables =
        List.of("benchmark_runs", "gao_metrics_history", "gao_metrics_schema", "performance_metrics");
    List<String> runColumns =
        List.of(
            "run_id",
            "timestamp",
            "project_name",
            "benchmark_name",
            "version",
            "metadata",
            "created_at");
    List<List<String>> foreignKeys =
        List.of(List.of("run_id", "benchmark_runs", "run_id", "CASCADE", "NO ACTION"));
    if (target.sqlite()) {
      assertEquals(
          tables.stream().map(t -> List.of(t, "1")).toList(),
          target.query(
              "SELECT name, strict FROM pragma_table_list WHERE schema = 'main'"
                  + " AND name NOT LIKE 'sqlite%' ORDER BY name"));
      assertEquals(
          List.of("idx_runs_project", "idx_runs_timestamp"),
          target.column(
              "SELECT name FROM pragma_index_list('benchmark_runs') WHERE origin = 'c' ORDER BY"
                  + " name"));
      assertEquals(
          List.of("1"),
          target.column(
              "SELECT \"unique\" FROM pragma_index_list('benchmark_runs') WHERE name ="
                  + " 'idx_runs_project'"));
      assertEquals(
          List.of("project_name", "benchmark_name"),
          target.column("SELECT name FROM pragma_index_info('idx_runs_project') ORDER BY seqno"));
      assertEquals(
          List.of("idx_performance_run_id"),
          target.column(
              "SELECT name FROM pragma_index_list('performance_metrics') WHERE origin = 'c'"));
      assertEquals(
          foreignKeys,
          target.query(
              "SELECT \"from\", \"table\", \"to\", on_delete, on_update FROM"
                  + " pragma_foreign_key_list('performance_metrics')"));
      assertEquals(
          runColumns,
          target.column("SELECT name FROM pragma_table_xinfo('benchmark_runs') ORDER BY cid"));
      assertEquals(List.of("wal"), target.column("PRAGMA journal_mode"));
    } else {
      assertEquals(
          tables,
          target.column(
              "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"));
      assertEquals(
          List.of("idx_runs_project", "idx_runs_timestamp"),
          target.column(
              "SELECT indexname FROM pg_indexes WHERE tablename = 'benchmark_runs'"
                  + " AND indexname LIKE 'idx%' ORDER BY indexname"));
      assertEquals(
          List.of("t"),
          target.column(
              "SELECT indisunique FROM pg_index WHERE indexrelid = 'idx_runs_project'::regclass"));
      assertEquals(
          List.of("project_name", "benchmark_name"),
          target.column(
              "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
                  + " AND a.attnum = ANY (i.indkey) WHERE i.indexrelid ="
                  + " 'idx_runs_project'::regclass ORDER BY array_position(i.indkey::int2[],"
                  + " a.attnum)"));
      assertEquals(
          List.of("idx_performance_run_id"),
          target.column(
              "SELECT indexname FROM pg_indexes WHERE tablename = 'performance_metrics'"
                  + " AND indexname LIKE 'idx%'"));
      assertEquals(
          foreignKeys,
          target.query(
              "SELECT k.column_name, c.table_name, c.column_name, r.delete_rule, r.update_rule"
                  + " FROM information_schema.referential_constraints r"
                  + " JOIN information_schema.key_column_usage k"
                  + " USING (constraint_schema, constraint_name)"
                  + " JOIN information_schema.constraint_column_usage c"
                  + " USING (constraint_schema, constraint_name)"
                  + " WHERE k.table_name = 'performance_metrics'"));
      assertEquals(
          runColumns,
          target.column(
              "SELECT column_name FROM information_schema.columns WHERE table_name ="
                  + " 'benchmark_runs' ORDER BY ordinal_position"));
      // PostgreSQL's own types, from the tables' PostgreSQL DDL, and a key the database assigns.
      assertEquals(
          List.of(
              List.of("run_id", "text", "NO"),
              List.of("timestamp", "timestamp with time zone", "NO"),
              List.of("metadata", "jsonb", "YES")),
          target.query(
              "SELECT column_name, data_type, is_nullable FROM information_schema.columns"
                  + " WHERE table_name = 'benchmark_runs' AND column_name IN ('run_id',"
                  + " 'timestamp', 'metadata') ORDER BY ordinal_position"));
      assertEquals(
          List.of(List.of("bigint", "YES")),
          target.query(
              "SELECT data_type, is_identity FROM information_schema.columns WHERE table_name ="
                  + " 'performance_metrics' AND column_name = 'id'"));
    }
  }

  @Test
  void recordsTheSchemaVersionAndIdentity() throws Exception {
    try (MetricsDatabase db = target.open(TestSchema.schema(3))) {
      assertEquals(3, db.storedVersion());
    }
    if (target.sqlite()) {
      assertEquals(List.of("3"), target.column("PRAGMA user_version"));
      assertEquals(List.of(String.valueOf(0x47414F4D)), target.column("PRAGMA application_id"));
      assertEquals(
          List.of(),
          target.column(
              "SELECT name FROM sqlite_schema WHERE tbl_name = 'gao_metrics_schema' AND type ="
                  + " 'index'"),
          "the metadata table adds no index of its own");
    }
    Map<String, String> marker =
        target.query("SELECT key, value FROM gao_metrics_schema").stream()
            .collect(Collectors.toMap(row -> row.get(0), row -> row.get(1)));
    assertEquals("TestMetrics", marker.get("schema_name"));
    assertEquals("3", marker.get("schema_version"));
    assertEquals("hash-3", marker.get("identity_hash"));
    assertTrue(marker.get("library_version").matches("\\d+\\.\\d+\\.\\d+.*"), marker.toString());
    assertTrue(marker.get("created_at").endsWith("Z"), marker.toString());
  }

  @Test
  void anotherVersionIsRefusedNamingBoth() throws Exception {
    target.open(TestSchema.schema(1)).close();
    SchemaVersionException e =
        assertThrows(SchemaVersionException.class, () -> target.open(TestSchema.schema(2)));
    assertEquals(1, e.storedVersion());
    assertEquals(2, e.codeVersion());
    assertTrue(e.getMessage().contains("version 1"), e.getMessage());
    assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    assertTrue(e.getMessage().contains(target.location("m")), e.getMessage());
    assertEquals(
        List.of("1"),
        target.column("SELECT value FROM gao_metrics_schema WHERE key = 'schema_version'"));
  }

  @Test
  void twoDatabasesOpeningANewDatabaseAtOnceBothSucceed() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<MetricsDatabase>> opened = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        opened.add(pool.submit(() -> target.open(TestSchema.SCHEMA)));
      }
      for (Future<MetricsDatabase> future : opened) {
        try (MetricsDatabase db = future.get()) {
          assertEquals(1, db.storedVersion());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(
        List.of("1"),
        target.column("SELECT count(*) FROM gao_metrics_schema WHERE key = 'schema_name'"));
  }
}
