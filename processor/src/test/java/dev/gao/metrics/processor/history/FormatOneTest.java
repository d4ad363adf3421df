package dev.gao.metrics.processor.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.processor.identity.IdentityHash;
import dev.gao.metrics.processor.identity.JsonReader;
import dev.gao.metrics.processor.identity.JsonText;
import dev.gao.metrics.processor.identity.SchemaJson;
import dev.gao.metrics.processor.model.ValueKind;
import dev.gao.metrics.processor.structure.ColumnShape;
import dev.gao.metrics.processor.structure.SchemaShape;
import dev.gao.metrics.processor.structure.TableShape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Snapshot files of format 1, which recorded SQLite's types and defaults: read as they are,
 * converted to the engine-neutral form, and rendered back into exactly the text they hold.
 */
class FormatOneTest {
  private static final Path EXAMPLE =
      Path.of("../example/src/main/schemas/dev.gao.metrics.example.model.GaoMetrics");
  private static final String NOW_UTC = "(strftime('%Y-%m-%dT%H:%M:%f000000Z', 'now'))";
  private static final String NOW_LOCAL = "(strftime('%Y-%m-%dT%H:%M:%f000000', 'now'))";
  private static final String TODAY = "(date('now'))";

  /**
   * A column as format 1 recorded it, with the kind and neutral default it converts to.
   *
   * @param sqlDefault the default as SQLite rendered it
   */
  private record Recorded(
      String name, String sqlType, String javaType, boolean json, String sqlDefault, ValueKind kind, String neutralDefault) {}

  /** Every kind without a default, and with a default of each form SQLite rendered for it. */
  private static List<Recorded> everyKind() {
    List<Recorded> columns = new ArrayList<>();
    columns.add(new Recorded("string", "TEXT", "java.lang.String", false, "'1.0.0'", ValueKind.STRING, "'1.0.0'"));
    columns.add(new Recorded("string_now", "TEXT", "java.lang.String", false, "CURRENT_TIMESTAMP", ValueKind.STRING, "CURRENT_TIMESTAMP"));
    columns.add(new Recorded("flag", "INTEGER", "boolean", false, "1", ValueKind.BOOLEAN, "1"));
    columns.add(new Recorded("flag_boxed", "INTEGER", "java.lang.Boolean", false, "0", ValueKind.BOOLEAN, "0"));
    columns.add(new Recorded("tiny", "INTEGER", "byte", false, "7", ValueKind.BYTE, "7"));
    columns.add(new Recorded("tiny_boxed", "INTEGER", "java.lang.Byte", false, "7", ValueKind.BYTE, "7"));
    columns.add(new Recorded("small", "INTEGER", "short", false, "-3", ValueKind.SHORT, "-3"));
    columns.add(new Recorded("small_boxed", "INTEGER", "java.lang.Short", false, "3", ValueKind.SHORT, "3"));
    columns.add(new Recorded("count", "INTEGER", "int", false, "0", ValueKind.INT, "0"));
    columns.add(new Recorded("count_boxed", "INTEGER", "java.lang.Integer", false, "(1 + 2)", ValueKind.INT, "(1 + 2)"));
    columns.add(new Recorded("total", "INTEGER", "long", false, "100", ValueKind.LONG, "100"));
    columns.add(new Recorded("total_boxed", "INTEGER", "java.lang.Long", false, "100", ValueKind.LONG, "100"));
    columns.add(new Recorded("ratio", "REAL", "float", false, "0.5", ValueKind.FLOAT, "0.5"));
    columns.add(new Recorded("ratio_boxed", "REAL", "java.lang.Float", false, "0.5", ValueKind.FLOAT, "0.5"));
    columns.add(new Recorded("seconds", "REAL", "double", false, "1.5", ValueKind.DOUBLE, "1.5"));
    columns.add(new Recorded("seconds_boxed", "REAL", "java.lang.Double", false, "1.5", ValueKind.DOUBLE, "1.5"));
    columns.add(new Recorded("cost", "TEXT", "java.math.BigDecimal", false, "'0.10'", ValueKind.DECIMAL, "'0.10'"));
    columns.add(new Recorded("status", "TEXT", "p.Run.Status", false, "'completed'", ValueKind.ENUM, "'completed'"));
    columns.add(new Recorded("created_at", "TEXT", "java.time.Instant", false, NOW_UTC, ValueKind.INSTANT, "CURRENT_TIMESTAMP"));
    columns.add(
        new Recorded(
            "epoch", "TEXT", "java.time.Instant", false, "'1970-01-01T00:00:00.000000000Z'", ValueKind.INSTANT,
            "'1970-01-01T00:00:00.000000000Z'"));
    columns.add(new Recorded("instant_day", "TEXT", "java.time.Instant", false, "current_date", ValueKind.INSTANT, "current_date"));
    columns.add(
        new Recorded("seen_at", "TEXT", "java.time.OffsetDateTime", false, NOW_UTC, ValueKind.OFFSET_DATE_TIME, "CURRENT_TIMESTAMP"));
    columns.add(
        new Recorded("local_at", "TEXT", "java.time.LocalDateTime", false, NOW_LOCAL, ValueKind.LOCAL_DATE_TIME, "CURRENT_TIMESTAMP"));
    columns.add(
        new Recorded(
            "local_utc_text", "TEXT", "java.time.LocalDateTime", false, NOW_UTC, ValueKind.LOCAL_DATE_TIME, NOW_UTC));
    columns.add(new Recorded("day", "TEXT", "java.time.LocalDate", false, TODAY, ValueKind.LOCAL_DATE, "CURRENT_DATE"));
    columns.add(new Recorded("first_day", "TEXT", "java.time.LocalDate", false, "'2024-01-01'", ValueKind.LOCAL_DATE, "'2024-01-01'"));
    columns.add(
        new Recorded(
            "uuid", "TEXT", "java.util.UUID", false, "'00000000-0000-0000-0000-000000000000'", ValueKind.UUID,
            "'00000000-0000-0000-0000-000000000000'"));
    columns.add(new Recorded("bytes", "BLOB", "byte[]", false, "X'00'", ValueKind.BYTES, "X'00'"));
    columns.add(
        new Recorded(
            "labels", "TEXT", "java.util.List<java.lang.String>", true, "'[]'", ValueKind.JSON, "'[]'"));
    columns.add(new Recorded("json_text", "TEXT", "java.lang.String", true, "'{}'", ValueKind.JSON, "'{}'"));
    List<Recorded> withoutDefaults = new ArrayList<>();
    for (Recorded column : columns) {
      withoutDefaults.add(
          new Recorded(column.name() + "_plain", column.sqlType(), column.javaType(), column.json(), null, column.kind(), null));
    }
    columns.addAll(withoutDefaults);
    return columns;
  }

  /**
   * A complete format-1 file of one table with {@code columns}, written member by member as builds
   * before format 2 wrote them; the identity hash is that of the same members without the table's
   * row type and the indexes' origin.
   */
  private static String formatOneFile(List<Recorded> columns) {
    JsonText identity = new JsonText().beginObject();
    formatOneTables(identity, columns, false);
    String hash = IdentityHash.of(identity.endObject().text());
    JsonText file =
        new JsonText()
            .beginObject()
            .name("formatVersion")
            .value(1)
            .name("schema")
            .value("Db")
            .name("version")
            .value(3)
            .name("identityHash")
            .value(hash)
            .name("parentHash")
            .value("0123")
            .name("renames")
            .beginObject()
            .name("tables")
            .beginArray()
            .endArray()
            .name("columns")
            .beginArray()
            .endArray()
            .endObject()
            .name("allowedDataLoss")
            .beginArray()
            .endArray();
    formatOneTables(file, columns, true);
    return file.endObject().text();
  }

  private static void formatOneTables(JsonText json, List<Recorded> columns, boolean complete) {
    json.name("tables").beginArray().beginObject().name("name").value("t");
    if (complete) {
      json.name("javaType").value("p.Row");
    }
    json.name("columns").beginArray();
    json.beginObject()
        .name("name")
        .value("id")
        .name("sqlType")
        .value("INTEGER")
        .name("javaType")
        .value("long")
        .name("notNull")
        .value(false)
        .name("default")
        .value((String) null)
        .name("primaryKeyPosition")
        .value(1)
        .name("json")
        .value(false)
        .endObject();
    for (Recorded column : columns) {
      boolean notNull = column.sqlDefault() != null;
      json.beginObject()
          .name("name")
          .value(column.name())
          .name("sqlType")
          .value(column.sqlType())
          .name("javaType")
          .value(column.javaType())
          .name("notNull")
          .value(notNull)
          .name("default")
          .value(column.sqlDefault())
          .name("primaryKeyPosition")
          .value(0)
          .name("json")
          .value(column.json());
      if (column.kind() == ValueKind.DOUBLE) {
        json.name("min").value("0").name("max").value("0.1");
      }
      if (column.json() && !notNull) {
        json.name("nullSafeJsonCheck").value(true);
      }
      if (column.kind().instant()) {
        json.name("normalizedTime").value(true);
      }
      json.endObject();
    }
    json.endArray().name("autoIncrement").value(true).name("indexes").beginArray();
    json.beginObject().name("name").value("idx_t_status").name("columns").stringArray(List.of("status", "day")).name("unique").value(false);
    if (complete) {
      json.name("automatic").value(false);
    }
    json.endObject().endArray().name("foreignKeys").beginArray().endArray().endObject().endArray();
  }

  /** The text of member {@code tables} of a snapshot file, from its name to the end of the array. */
  private static String tablesPart(String file) {
    return file.substring(file.indexOf("\n  \"tables\": [") + 1, file.lastIndexOf(']') + 1);
  }

  @Test
  void everyKindWithAndWithoutADefaultRoundTripsToTheSameText() {
    List<Recorded> columns = everyKind();
    Set<ValueKind> kinds = EnumSet.noneOf(ValueKind.class);
    columns.forEach(c -> kinds.add(c.kind()));
    assertEquals(EnumSet.allOf(ValueKind.class), kinds, "every kind is covered");
    String text = formatOneFile(columns);

    SnapshotFile file = SnapshotReader.readFile(text);
    assertEquals(1, file.formatVersion());
    assertTrue(file.intact(), "the recorded identityHash is that of the converted form rendered as format 1");
    TableShape table = file.snapshot().schema().tables().get(0);
    for (Recorded recorded : columns) {
      ColumnShape column = table.column(recorded.name()).orElseThrow();
      assertEquals(recorded.kind(), column.kind(), recorded.name());
      assertEquals(recorded.neutralDefault(), column.defaultValue(), recorded.name());
    }
    assertEquals(ValueKind.LONG, table.column("id").orElseThrow().kind());

    JsonText tables = new JsonText().beginObject();
    FormatOne.tables(tables, file.snapshot().schema().tables(), true);
    String rendered = tables.endObject().text();
    assertEquals(tablesPart(text), tablesPart(rendered), "format 1 -> neutral -> format 1 gives the same text");
    assertEquals(text.substring(0, text.indexOf("\n  \"tables\": [") + 1) + tablesPart(rendered) + "\n}\n", text);

    SchemaShape schema = file.snapshot().schema();
    assertEquals(SchemaJson.identityHash(schema), file.snapshot().identityHash(), "in memory, the neutral identity");
    assertNotEquals(string(text, "identityHash"), file.snapshot().identityHash());
    assertEquals(string(text, "identityHash"), FormatOne.identityHash(schema));
    assertEquals("0123", file.snapshot().parentHash());
  }

  @Test
  void aRecordedTypeThatIsNotTheJavaTypesIsRefusedNamingTableColumnAndTypes() {
    String text = formatOneFile(everyKind());
    String edited =
        text.replace(
            "\"sqlType\": \"TEXT\",\n          \"javaType\": \"java.time.Instant\"",
            "\"sqlType\": \"INTEGER\",\n          \"javaType\": \"java.time.Instant\"");
    assertNotEquals(text, edited);
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> SnapshotReader.readFile(edited));
    assertEquals(
        "column t.created_at records sqlType INTEGER, but its javaType java.time.Instant is stored as TEXT;"
            + " restore the file from version control",
        refused.getMessage());
    String notJson =
        text.replace(
            "\"sqlType\": \"TEXT\",\n          \"javaType\": \"java.util.List<java.lang.String>\"",
            "\"sqlType\": \"BLOB\",\n          \"javaType\": \"java.util.List<java.lang.String>\"");
    IllegalArgumentException blob = assertThrows(IllegalArgumentException.class, () -> SnapshotReader.readFile(notJson));
    assertTrue(blob.getMessage().startsWith("column t.labels records sqlType BLOB, but its javaType java.util.List<java.lang.String> as JSON"
        + " is stored as TEXT"), blob.getMessage());
  }

  @Test
  void anEditedDefaultNoLongerMatchesTheRecordedHash() {
    String text = formatOneFile(everyKind());
    for (String[] edit :
        new String[][] {
          {"\"default\": \"'1.0.0'\"", "\"default\": \"'1.0.1'\""},
          {"\"default\": \"" + NOW_UTC + "\"", "\"default\": \"CURRENT_TIMESTAMP\""},
          {"\"default\": \"" + TODAY + "\"", "\"default\": \"CURRENT_DATE\""},
          {"\"default\": \"X'00'\"", "\"default\": null"},
        }) {
      String edited = text.replaceFirst(Pattern.quote(edit[0]), Matcher.quoteReplacement(edit[1]));
      assertNotEquals(text, edited, edit[0]);
      assertFalse(SnapshotReader.readFile(edited).intact(), edit[1]);
    }
    assertFalse(SnapshotReader.readFile(text.replace("\"notNull\": false", "\"notNull\": true")).intact());
  }

  @Test
  void theExampleHistoryIsReadAsItIsAndConverted() throws IOException {
    byte[] previous = null;
    for (int version = 1; version <= 5; version++) {
      byte[] bytes = Files.readAllBytes(EXAMPLE.resolve(version + ".json"));
      String text = new String(bytes, StandardCharsets.UTF_8);
      SnapshotFile file = SnapshotReader.readFile(text);
      assertEquals(1, file.formatVersion(), version + ".json");
      assertTrue(file.intact(), version + ".json");
      assertEquals(version, file.snapshot().version());
      assertEquals(previous == null ? null : HistoryCheck.sha256(previous), file.snapshot().parentHash());
      assertEquals(string(text, "identityHash"), FormatOne.identityHash(file.snapshot().schema()));
      assertEquals(SchemaJson.identityHash(file.snapshot().schema()), file.snapshot().identityHash());
      previous = bytes;
    }
    SchemaShape five = SnapshotReader.read(new String(previous, StandardCharsets.UTF_8)).schema();
    TableShape runs = five.table("benchmark_runs").orElseThrow();
    assertColumn(runs, "created_at", ValueKind.INSTANT, "CURRENT_TIMESTAMP");
    assertTrue(runs.column("created_at").orElseThrow().normalizedTime());
    assertColumn(runs, "version", ValueKind.STRING, "'1.0.0'");
    assertColumn(runs, "metadata", ValueKind.JSON, "'{}'");
    assertColumn(runs, "status", ValueKind.ENUM, "'completed'");
    assertEquals(List.of(), runs.column("status").orElseThrow().enumNames(), "format 1 records no names: no check");
    assertColumn(runs, "run_id", ValueKind.STRING, null);
    assertColumn(runs, "finished_at", ValueKind.INSTANT, null);
    TableShape performance = five.table("performance_metrics").orElseThrow();
    assertColumn(performance, "id", ValueKind.LONG, null);
    assertColumn(performance, "api_calls_count", ValueKind.INT, null);
    assertColumn(performance, "total_time_seconds", ValueKind.DOUBLE, null);
    assertEquals(0.0, performance.column("total_time_seconds").orElseThrow().min());
    assertColumn(five.table("token_usage").orElseThrow(), "token_type", ValueKind.ENUM, null);
    String neutral = SchemaJson.structure(five);
    assertFalse(neutral.contains("strftime") || neutral.contains("sqlType"), neutral);
  }

  private static void assertColumn(TableShape table, String name, ValueKind kind, String defaultValue) {
    ColumnShape column = table.column(name).orElseThrow();
    assertEquals(kind, column.kind(), name);
    if (defaultValue == null) {
      assertNull(column.defaultValue(), name);
    } else {
      assertEquals(defaultValue, column.defaultValue(), name);
    }
  }

  @SuppressWarnings("unchecked")
  private static String string(String text, String member) {
    return (String) ((Map<String, Object>) JsonReader.parse(text)).get(member);
  }
}
