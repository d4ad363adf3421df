package dev.gao.metrics.processor.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.processor.identity.SchemaJson;
import dev.gao.metrics.processor.migration.Renames;
import dev.gao.metrics.processor.model.ValueKind;
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
                      new ColumnShape("id", ValueKind.LONG, "long", false, null, 1),
                      new ColumnShape("tags", ValueKind.JSON, "java.util.List<java.lang.String>", true, "'[]'", 0)),
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

  private static Snapshot ranged(double min, double max) {
    SchemaShape schema =
        new SchemaShape(
            "Db",
            1,
            List.of(
                new TableShape(
                    "quality",
                    "p.Quality",
                    List.of(
                        new ColumnShape("id", ValueKind.LONG, "long", true, null, 1),
                        new ColumnShape("coverage", ValueKind.DOUBLE, "double", true, null, 0, min, max)),
                    false,
                    List.of(),
                    List.of())));
    return new Snapshot(schema, SchemaJson.identityHash(schema), null, Renames.NONE, List.of());
  }

  @Test
  void rangesAreWrittenOnlyWhenPresentAndReadBackExactly() {
    String none = SnapshotWriter.write(ranged(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
    assertFalse(none.contains("\"min\"") || none.contains("\"max\""), none);
    String both = SnapshotWriter.write(ranged(0, 0.1));
    assertTrue(both.contains("\"primaryKeyPosition\": 0,\n          \"min\": \"0\",\n          \"max\": \"0.1\""), both);
    String upper = SnapshotWriter.write(ranged(Double.NEGATIVE_INFINITY, 1e300));
    assertFalse(upper.contains("\"min\""), upper);
    for (String text : List.of(none, both, upper)) {
      Snapshot read = SnapshotReader.read(text);
      assertEquals(text, SnapshotWriter.write(read));
    }
    ColumnShape coverage = SnapshotReader.read(both).schema().tables().get(0).columns().get(1);
    assertEquals(0.1, coverage.max());
    assertEquals(0.0, coverage.min());
    assertTrue(coverage.ranged());
    assertEquals(Double.NEGATIVE_INFINITY, SnapshotReader.read(upper).schema().tables().get(0).columns().get(1).min());
    java.util.Set<String> hashes =
        new java.util.HashSet<>(
            List.of(
                ranged(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY).identityHash(),
                ranged(0, 0.1).identityHash(),
                ranged(0, 0.2).identityHash(),
                ranged(0, Double.POSITIVE_INFINITY).identityHash()));
    assertEquals(4, hashes.size(), "every range is part of the identity");
    for (String bad : List.of("\"max\": \"x\"", "\"max\": \"Infinity\"", "\"max\": 1")) {
      String edited = both.replace("\"max\": \"0.1\"", bad);
      assertThrows(IllegalArgumentException.class, () -> SnapshotReader.read(edited), bad);
    }
  }

  private static Snapshot enumerated(List<String> names) {
    SchemaShape schema =
        new SchemaShape(
            "Db",
            1,
            List.of(
                new TableShape(
                    "runs",
                    "p.Run",
                    List.of(
                        new ColumnShape("id", ValueKind.LONG, "long", true, null, 1),
                        new ColumnShape(
                            "status", ValueKind.ENUM, "p.Status", true, "'done'", 0, Double.NEGATIVE_INFINITY,
                            Double.POSITIVE_INFINITY, false, false, names)),
                    false,
                    List.of(),
                    List.of())));
    return new Snapshot(schema, SchemaJson.identityHash(schema), null, Renames.NONE, List.of());
  }

  @Test
  void enumNamesAreWrittenSortedOnlyWhenPresentAndReadBack() {
    String checked = SnapshotWriter.write(enumerated(List.of("running", "done", "failed")));
    assertTrue(
        checked.contains("\"primaryKeyPosition\": 0,\n          \"enumNames\": [\"done\", \"failed\", \"running\"]\n"),
        checked);
    SnapshotFile read = SnapshotReader.readFile(checked);
    assertTrue(read.intact());
    ColumnShape status = read.snapshot().schema().tables().get(0).columns().get(1);
    assertEquals(List.of("done", "failed", "running"), status.enumNames());
    assertTrue(status.enumChecked() && status.valueChecked() && !status.ranged());
    assertEquals(checked, SnapshotWriter.write(read.snapshot()));

    // Files written before the check have no member: the column reads as unchecked, the file intact.
    String unchecked = SnapshotWriter.write(enumerated(List.of()));
    assertFalse(unchecked.contains("enumNames"), unchecked);
    assertEquals(
        unchecked,
        checked.replace(",\n          \"enumNames\": [\"done\", \"failed\", \"running\"]", "")
            .replace(read.snapshot().identityHash(), enumerated(List.of()).identityHash()),
        "the same file but for the member and the hash");
    SnapshotFile old = SnapshotReader.readFile(unchecked);
    assertTrue(old.intact());
    assertEquals(List.of(), old.snapshot().schema().tables().get(0).columns().get(1).enumNames());
    assertFalse(old.snapshot().schema().tables().get(0).columns().get(1).valueChecked());

    // The names are identity; their declaration order is not.
    assertEquals(
        enumerated(List.of("done", "failed", "running")).identityHash(),
        enumerated(List.of("running", "failed", "done")).identityHash());
    java.util.Set<String> hashes =
        new java.util.HashSet<>(
            List.of(
                enumerated(List.of()).identityHash(),
                enumerated(List.of("done", "failed")).identityHash(),
                enumerated(List.of("done", "failed", "running")).identityHash()));
    assertEquals(3, hashes.size(), "adding or removing a name changes the identity");

    // An edited set no longer matches the recorded hash.
    assertFalse(SnapshotReader.readFile(checked.replace("\"failed\", ", "")).intact());
    for (String bad :
        List.of(
            "\"enumNames\": [\"running\", \"done\", \"failed\"]",
            "\"enumNames\": [\"done\", \"done\", \"failed\", \"running\"]",
            "\"enumNames\": []",
            "\"enumNames\": [1]",
            "\"enumNames\": \"done\"")) {
      String edited = checked.replace("\"enumNames\": [\"done\", \"failed\", \"running\"]", bad);
      assertThrows(IllegalArgumentException.class, () -> SnapshotReader.read(edited), bad);
    }
    String onText = checked.replace("\"kind\": \"ENUM\"", "\"kind\": \"STRING\"");
    IllegalArgumentException notEnum = assertThrows(IllegalArgumentException.class, () -> SnapshotReader.read(onText));
    assertTrue(notEnum.getMessage().contains("ENUM"), notEnum.getMessage());
  }

  @Test
  void rejectsSnapshotsWithMissingOrWrongMembers() {
    String text = SnapshotWriter.write(snapshot());
    for (String[] edit :
        new String[][] {
          {"\"formatVersion\": 2", "\"formatVersion\": 3"},
          {"\"formatVersion\": 2", "\"formatVersion\": \"2\""},
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

  /** A column of every kind, each without and with a default in the neutral form. */
  private static SchemaShape everyKind() {
    List<ColumnShape> columns = new java.util.ArrayList<>();
    columns.add(new ColumnShape("id", ValueKind.LONG, "long", false, null, 1));
    for (ValueKind kind : ValueKind.values()) {
      String name = "c_" + kind.name().toLowerCase(java.util.Locale.ROOT);
      String defaultValue =
          switch (kind) {
            case INSTANT, OFFSET_DATE_TIME, LOCAL_DATE_TIME -> "CURRENT_TIMESTAMP";
            case LOCAL_DATE -> "CURRENT_DATE";
            case BYTES -> "X'00'";
            default -> "'0'";
          };
      columns.add(new ColumnShape(name, kind, "p.T" + name, false, null, 0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
          kind == ValueKind.JSON, kind.instant()));
      columns.add(new ColumnShape(name + "_d", kind, "p.T" + name, true, defaultValue, 0));
    }
    TableShape table = new TableShape("t", "p.T", columns, true, List.of(new IndexShape("idx", List.of("c_enum"), false, true)), List.of());
    return new SchemaShape("Db", 4, List.of(table));
  }

  @Test
  void formatTwoIsWrittenInNeutralTermsAndReadBackEqual() {
    SchemaShape schema = everyKind();
    String text = SnapshotWriter.write(new Snapshot(schema, SchemaJson.identityHash(schema), "p", Renames.NONE, List.of()));
    assertTrue(text.startsWith("{\n  \"formatVersion\": 2,\n"), text);
    assertTrue(text.contains("\"kind\": \"INSTANT\",\n          \"javaType\": \"p.Tc_instant\""), text);
    assertTrue(text.contains("\"default\": \"CURRENT_TIMESTAMP\""), text);
    for (String sqlite : List.of("sqlType", "\"json\"", "strftime", "date('now')", "TEXT", "INTEGER", "REAL", "BLOB")) {
      assertFalse(text.contains(sqlite), sqlite);
    }
    SnapshotFile file = SnapshotReader.readFile(text);
    assertEquals(2, file.formatVersion());
    assertTrue(file.intact());
    assertEquals(schema, file.snapshot().schema());
    assertEquals(SchemaJson.identityHash(schema), file.snapshot().identityHash());
    assertEquals(text, SnapshotWriter.write(file.snapshot()));
  }

  @Test
  void formatTwoWithAnUnknownKindIsRefusedAndAnEditedOneIsNotIntact() {
    SchemaShape schema = everyKind();
    String text = SnapshotWriter.write(new Snapshot(schema, SchemaJson.identityHash(schema), null, Renames.NONE, List.of()));
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> SnapshotReader.read(text.replace("\"kind\": \"UUID\"", "\"kind\": \"TEXT\"")));
    assertTrue(unknown.getMessage().startsWith("kind must be one of [STRING, BOOLEAN,"), unknown.getMessage());
    assertTrue(unknown.getMessage().endsWith(", not TEXT"), unknown.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SnapshotReader.read(text.replace("\"kind\": \"UUID\"", "\"kind\": \"uuid\"")));
    assertThrows(IllegalArgumentException.class, () -> SnapshotReader.read(text.replace("\"kind\": \"UUID\",", "")));
    for (String[] edit :
        new String[][] {
          {"\"default\": \"CURRENT_DATE\"", "\"default\": \"CURRENT_TIMESTAMP\""},
          {"\"kind\": \"INT\"", "\"kind\": \"LONG\""},
          {"\"kind\": \"JSON\"", "\"kind\": \"STRING\""},
        }) {
      String edited = text.replace(edit[0], edit[1]);
      assertFalse(text.equals(edited), edit[0]);
      assertFalse(SnapshotReader.readFile(edited).intact(), edit[1]);
    }
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
