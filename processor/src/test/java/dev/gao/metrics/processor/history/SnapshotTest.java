package dev.gao.metrics.processor.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.processor.identity.SchemaJson;
import dev.gao.metrics.processor.migration.Renames;
import dev.gao.metrics.processor.structure.ColumnShape;
import dev.gao.metrics.processor.structure.ForeignKeyShape;
import dev.gao.metrics.processor.structure.IndexShape;
import dev.gao.metrics.processor.structure.SchemaShape;
import dev.gao.metrics.processor.structure.TableShape;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SnapshotTest {
  private static final SchemaShape SCHEMA =
      new SchemaShape(
          "Db",
          2,
          List.of(
              new TableShape(
                  "runs",
                  "p.Run",
                  List.of(
                      new ColumnShape("id", "INTEGER", "long", false, null, 1, false),
                      new ColumnShape("tags", "TEXT", "java.util.List<java.lang.String>", true, "'[]'", 0, true)),
                  true,
                  List.of(new IndexShape("b", List.of("tags"), true, false), new IndexShape("a", List.of("id", "tags"), false, true)),
                  List.of(new ForeignKeyShape("id", "runs", "id", "CASCADE", "NO ACTION")))));

  private static Snapshot snapshot() {
    return new Snapshot(
        SCHEMA,
        SchemaJson.identityHash(SCHEMA),
        "abc",
        new Renames(List.of(new Renames.TableRename("run", "runs")), List.of(new Renames.ColumnRename("runs", "labels", "tags"))),
        List.of(new DataLossAllowance("run", "note", "unused")));
  }

  @Test
  void roundTripKeepsEverything() {
    String text = SnapshotWriter.write(snapshot());
    Snapshot read = SnapshotReader.read(text);
    assertEquals(snapshot().renames(), read.renames());
    assertEquals(snapshot().allowedDataLoss(), read.allowedDataLoss());
    assertEquals("abc", read.parentHash());
    assertEquals(2, read.version());
    assertEquals(SchemaJson.identityHash(SCHEMA), SchemaJson.identityHash(read.schema()));
    assertEquals("a", read.schema().tables().get(0).indexes().get(0).name(), "indexes are sorted by name");
    assertEquals(text, SnapshotWriter.write(read));
    assertTrue(text.endsWith("}\n"));
  }

  @Test
  void rejectsSnapshotsWithMissingOrWrongMembers() {
    String text = SnapshotWriter.write(snapshot());
    for (String[] edit :
        new String[][] {
          {"\"formatVersion\": 1", "\"formatVersion\": 2"},
          {"\"formatVersion\": 1", "\"formatVersion\": \"1\""},
          {"\"renames\": {", "\"renames\": [{"},
          {"\"autoIncrement\": true", "\"autoIncrement\": 1"},
          {"\"columns\": [\"id\", \"tags\"]", "\"columns\": [1]"},
          {"\"allowedDataLoss\": [", "\"allowedDataLoss\": 3, \"x\": ["},
          {"\"schema\": \"Db\"", "\"schema\": null"},
          {"\"identityHash\"", "\"identity\""},
        }) {
      String edited = text.replace(edit[0], edit[1]);
      assertThrows(IllegalArgumentException.class, () -> SnapshotReader.read(edited), edit[1]);
    }
    assertThrows(IllegalArgumentException.class, () -> SnapshotReader.read("[]"));
  }

  @Test
  void allowanceCoversATableOrOneColumn() {
    assertTrue(new DataLossAllowance("t", "", "r").covers("t", "c"));
    assertTrue(new DataLossAllowance("t", "c", "r").covers("t", "c"));
    assertEquals(false, new DataLossAllowance("t", "c", "r").covers("t", "d"));
    assertEquals(false, new DataLossAllowance("t", "", "r").covers("u", ""));
  }

  @Test
  void historyOfAFirstVersionIsItsOwnSnapshot() {
    SnapshotStore store = new SnapshotStore(java.nio.file.Path.of("/tmp/none"), "p.Db");
    SchemaShape first = new SchemaShape("Db", 1, SCHEMA.tables());
    History history = new HistoryCheck(store).check(new TreeMap<>(), first, Renames.NONE, List.of());
    assertEquals(List.of(), history.errors());
    assertEquals(1, history.snapshots().size());
    assertTrue(history.newSnapshot().contains("\"parentHash\": null"));
  }
}
