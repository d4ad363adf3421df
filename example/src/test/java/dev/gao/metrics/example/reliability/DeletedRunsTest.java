package dev.gao.metrics.example.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deleted run is gone from the file's bytes, not only from its tables: SQLite would otherwise
 * leave the deleted rows in free pages, where {@code strings m.db} shows them to anyone who can read
 * the file or a copy of it. The runtime turns on {@code secure_delete}.
 */
class DeletedRunsTest {
  @TempDir Path temp;

  @Test
  void deletedAndPrunedRunsLeaveNoTraceInTheFile() throws Exception {
    Path db = temp.resolve("m.db");
    Path input = temp.resolve("runs.jsonl");
    List<String> lines = new ArrayList<>();
    String template = Files.readString(Path.of("run-document.json")).replaceAll("\\s*\\n\\s*", " ");
    for (int i = 0; i < 40; i++) {
      lines.add(
          template
              .replace("gao-2026-11-20-todo-app-0007", "secret-run-" + i)
              .replace("ci-runner-03 (Zürich)", "vault-token-ABCDEF-" + i)
              .replace("\"version\": \"1.1.0\"", "\"version\": \"1." + i + "\""));
    }
    lines.add(template.replace("\"version\": \"1.1.0\"", "\"version\": \"2.0\"").replace("2026-11-20T10", "2099-11-20T10"));
    Files.write(input, lines);
    Cli.Result recorded = Cli.run("record", "--db", db.toString(), input.toString());
    assertEquals(0, recorded.exitCode(), recorded.all());
    assertTrue(contains(db, "vault-token-ABCDEF-3\""), "the secret is stored before the delete");

    // delete never vacuums: without secure_delete the rows stay in the freed space.
    Cli.Result deleted = Cli.run("delete", "--yes", "--db", db.toString(), "secret-run-3", "secret-run-7");
    assertEquals(0, deleted.exitCode(), deleted.all());
    assertNoTrace(db, List.of(3, 7));
    // Neither does prune when told not to.
    Cli.Result pruned = Cli.run("prune", "--older-than", "1d", "--no-vacuum", "--yes", "--db", db.toString());
    assertEquals(0, pruned.exitCode(), pruned.all());
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      all.add(i);
    }
    assertNoTrace(db, all);
    // The run that was kept is whole.
    Cli.Result kept = Cli.run("show", "--db", db.toString(), "gao-2026-11-20-todo-app-0007");
    assertEquals(0, kept.exitCode(), kept.all());
    assertTrue(kept.out().contains("ci-runner-03"), kept.out());
  }

  private static void assertNoTrace(Path db, List<Integer> runs) throws Exception {
    for (Path file : List.of(db, Path.of(db + "-wal"))) {
      if (Files.exists(file)) {
        for (int i : runs) {
          assertFalse(contains(file, "vault-token-ABCDEF-" + i + "\""), file + " still holds secret " + i);
          assertFalse(contains(file, "secret-run-" + i + "\""), file + " still holds run id " + i);
        }
      }
    }
  }

  private static boolean contains(Path file, String text) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    outer:
    for (int i = 0; i + needle.length <= bytes.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (bytes[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
