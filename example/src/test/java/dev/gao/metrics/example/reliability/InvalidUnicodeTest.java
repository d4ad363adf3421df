package dev.gao.metrics.example.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.example.TableDump;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JSON escape of half a character ({@code "\udc00"}) decodes to a lone UTF-16 surrogate, which
 * is not valid Unicode; SQLite's driver would store it as {@code ?}. {@code record} refuses such a
 * run naming the line, the column and the value, stores nothing of it, and records the others.
 */
class InvalidUnicodeTest {
  @TempDir Path temp;

  @Test
  void runsWithLoneSurrogatesAreRefusedAndTheOthersRecorded() throws Exception {
    String template = Files.readString(Path.of("run-document.json")).replaceAll("\\s*\\n\\s*", " ");
    String id = "gao-2026-11-20-todo-app-0007";
    List<String> lines =
        List.of(
            template.replace(id, "sur-\\udc00"),
            template.replace(id, "sur-\\ud801").replace("\"version\": \"1.1.0\"", "\"version\": \"1.2\""),
            template.replace(id, "meta-1").replace("Zoë Ørsted", "Zo\\udc00").replace("\"version\": \"1.1.0\"", "\"version\": \"1.3\""),
            template.replace(id, "good-1").replace("\"version\": \"1.1.0\"", "\"version\": \"1.4\""));
    Path input = Files.write(temp.resolve("runs.jsonl"), lines);
    Path db = temp.resolve("m.db");

    Cli.Result result = Cli.run("record", "--db", db.toString(), input.toString());
    assertEquals(3, result.exitCode(), result.all());
    assertTrue(result.out().contains("recorded 1 runs, rejected 3"), result.out());
    List<String> errors = result.err().lines().toList();
    assertEquals(3, errors.size(), result.err());
    assertTrue(errors.get(0).contains("line 1, run \"sur-\\uDC00\""), errors.get(0));
    assertTrue(errors.get(0).contains("benchmark_runs.run_id: it is not valid Unicode: a lone surrogate \\uDC00 at index 4"), errors.get(0));
    assertTrue(errors.get(1).contains("line 2, run \"sur-\\uD801\""), errors.get(1));
    assertTrue(errors.get(1).contains("lone surrogate \\uD801"), errors.get(1));
    assertTrue(errors.get(2).contains("line 3, run \"meta-1\""), errors.get(2));
    assertTrue(errors.get(2).contains("benchmark_runs.metadata: it is not valid Unicode"), errors.get(2));
    assertTrue(errors.get(2).contains("Zo\\uDC00"), errors.get(2));

    assertEquals(List.of("good-1"), TableDump.column(db, "SELECT run_id FROM benchmark_runs"));
    for (String table : List.of("performance_metrics", "autonomy_metrics", "quality_metrics", "workflow_metrics")) {
      assertEquals(List.of("1"), TableDump.column(db, "SELECT count(*) FROM " + table), table);
    }
  }
}
