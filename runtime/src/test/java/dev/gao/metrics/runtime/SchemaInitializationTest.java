package dev.gao.metrics.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.exception.SchemaVersionException;
import dev.gao.metrics.runtime.fixture.Databases;
import dev.gao.metrics.runtime.fixture.TestSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaInitializationTest {
  @TempDir Path temp;

  @Test
  void createsEveryTableAndIndex() throws Exception {
    Path file = temp.resolve("m.db");
    MetricsDatabase.open(TestSchema.SCHEMA, file).close();

    assertEquals(
        List.of(
            List.of("benchmark_runs", "1"),
            List.of("gao_metrics_history", "1"),
            List.of("gao_metrics_schema", "1"),
            List.of("performance_metrics", "1")),
        Databases.query(
            file,
            "SELECT name, strict FROM pragma_table_list WHERE schema = 'main'"
                + " AND name NOT LIKE 'sqlite%' ORDER BY name"));
    assertEquals(
        List.of("idx_runs_project", "idx_runs_timestamp"),
        Databases.column(
            file,
            "SELECT name FROM pragma_index_list('benchmark_runs') WHERE origin = 'c' ORDER BY"
                + " name"));
    assertEquals(
        List.of("1"),
        Databases.column(
            file,
            "SELECT \"unique\" FROM pragma_index_list('benchmark_runs') WHERE name ="
                + " 'idx_runs_project'"));
    assertEquals(
        List.of("project_name", "benchmark_name"),
        Databases.column(
            file, "SELECT name FROM pragma_index_info('idx_runs_project') ORDER BY seqno"));
    assertEquals(
        List.of("idx_performance_run_id"),
        Databases.column(
            file, "SELECT name FROM pragma_index_list('performance_metrics') WHERE origin = 'c'"));
    assertEquals(
        List.of(List.of("run_id", "benchmark_runs", "run_id", "CASCADE", "NO ACTION")),
        Databases.query(
            file,
            "SELECT \"from\", \"table\", \"to\", on_delete, on_update FROM"
                + " pragma_foreign_key_list('performance_metrics')"));
    assertEquals(
        List.of(
            "run_id",
            "timestamp",
            "project_name",
            "benchmark_name",
            "version",
            "metadata",
            "created_at"),
        Databases.column(
            file, "SELECT name FROM pragma_table_xinfo('benchmark_runs') ORDER BY cid"));
    assertEquals(List.of("wal"), Databases.column(file, "PRAGMA journal_mode"));
  }

  @Test
  void recordsTheSchemaVersionAndIdentity() throws Exception {
    Path file = temp.resolve("m.db");
    try (MetricsDatabase db = MetricsDatabase.open(TestSchema.schema(3), file)) {
      assertEquals(3, db.storedVersion());
    }
    assertEquals(List.of("3"), Databases.column(file, "PRAGMA user_version"));
    assertEquals(
        List.of(String.valueOf(0x47414F4D)), Databases.column(file, "PRAGMA application_id"));
    assertEquals(
        List.of(),
        Databases.column(
            file, "SELECT name FROM sqlite_schema WHERE tbl_name = 'gao_metrics_schema' AND type = 'index'"),
        "the metadata table adds no index of its own");
    Map<String, String> marker =
        Databases.query(file, "SELECT key, value FROM gao_metrics_schema").stream()
            .collect(Collectors.toMap(row -> row.get(0), row -> row.get(1)));
    assertEquals("TestMetrics", marker.get("schema_name"));
    assertEquals("3", marker.get("schema_version"));
    assertEquals("hash-3", marker.get("identity_hash"));
    assertTrue(marker.get("library_version").matches("\\d+\\.\\d+\\.\\d+.*"), marker.toString());
    assertTrue(marker.get("created_at").endsWith("Z"), marker.toString());
  }

  @Test
  void anotherVersionIsRefusedNamingBoth() {
    Path file = temp.resolve("m.db");
    MetricsDatabase.open(TestSchema.schema(1), file).close();
    SchemaVersionException e =
        assertThrows(
            SchemaVersionException.class, () -> MetricsDatabase.open(TestSchema.schema(2), file));
    assertEquals(1, e.storedVersion());
    assertEquals(2, e.codeVersion());
    assertTrue(e.getMessage().contains("version 1"), e.getMessage());
    assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void twoDatabasesOpeningANewFileAtOnceBothSucceed() throws Exception {
    Path file = temp.resolve("race.db");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<MetricsDatabase>> opened = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        opened.add(pool.submit(() -> MetricsDatabase.open(TestSchema.SCHEMA, file)));
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
        Databases.column(
            file, "SELECT count(*) FROM gao_metrics_schema WHERE key = 'schema_name'"));
  }
}
