package dev.gao.metrics.example.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.example.TableDump;
import dev.gao.metrics.example.cli.GaoMetricsCli;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JSON Lines line far over the 1 MiB document limit is refused without being read into memory:
 * a child JVM with a 64 MiB heap records a file whose second line is 200 MB long.
 */
class LongLineTest {
  private static final long LONG_LINE = 200_000_000L;

  @TempDir Path temp;

  @Test
  void aHugeLineIsRefusedInOneLineAndTheOthersAreRecorded() throws Exception {
    String template = Files.readString(Path.of("run-document.json")).replaceAll("\\s*\\n\\s*", " ");
    String id = "gao-2026-11-20-todo-app-0007";
    Path input = temp.resolve("runs.jsonl");
    try (BufferedWriter out = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
      out.write(template.replace(id, "before"));
      out.write('\n');
      out.write("{\"run_id\": \"huge\", \"metadata\": {\"blob\": \"");
      char[] chunk = "x".repeat(1 << 16).toCharArray();
      for (long written = 0; written < LONG_LINE; written += chunk.length) {
        out.write(chunk);
      }
      out.write("\"}}\n");
      out.write(template.replace(id, "after").replace("\"version\": \"1.1.0\"", "\"version\": \"1.2\""));
      out.write('\n');
    }
    Path db = temp.resolve("m.db");
    long started = System.nanoTime();
    Process child =
        ChildJvm.startWith(temp, "record", Map.of(), List.of("-Xmx64m"), GaoMetricsCli.class,
            "record", "--db", db.toString(), input.toString());
    assertTrue(child.waitFor(300, TimeUnit.SECONDS), "record finished");
    long millis = (System.nanoTime() - started) / 1_000_000;
    String out = Files.readString(temp.resolve("record.out"));
    String err = Files.readString(temp.resolve("record.err"));
    System.out.println("record of a " + LONG_LINE + "-character line under -Xmx64m: " + millis + " ms");
    assertEquals(3, child.exitValue(), out + err);
    List<String> errors = err.lines().toList();
    assertEquals(1, errors.size(), err);
    assertTrue(errors.get(0).contains("line 2"), errors.get(0));
    assertTrue(errors.get(0).contains("at most 1048576 characters"), errors.get(0));
    assertFalse(err.contains("Exception") || err.contains("Error"), err);
    assertTrue(out.contains("recorded 2 runs, rejected 1"), out);
    List<String> stored = TableDump.column(db, "SELECT run_id FROM benchmark_runs ORDER BY run_id");
    assertEquals(List.of("after", "before"), stored);
  }
}
