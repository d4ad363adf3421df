package dev.gao.metrics.processor.history;

import dev.gao.metrics.processor.identity.IdentityHash;
import dev.gao.metrics.processor.identity.JsonText;
import dev.gao.metrics.processor.identity.SchemaJson;
import dev.gao.metrics.processor.model.ValueKind;
import dev.gao.metrics.processor.sql.sqlite.SqliteDialect;
import dev.gao.metrics.processor.structure.ColumnShape;
import dev.gao.metrics.processor.structure.SchemaShape;
import dev.gao.metrics.processor.structure.TableShape;
import java.util.List;
import java.util.Map;

/**
 * Snapshot format 1, written before the structure was engine-neutral: each column records its
 * SQLite type ({@code sqlType}), its default as SQLite renders it and whether it holds JSON, and the
 * identity hash is computed from that text. Files in this format are read as they are and never
 * rewritten. Their columns are converted to the neutral form (the kind from the Java type and the
 * JSON flag, checked against the recorded type; SQLite's time expressions back to the keywords they
 * render), and {@link #structure} renders the converted form as format-1 text again: the file is
 * intact when each default is the one format 1 wrote for its neutral form and the hash of that text
 * is the one the file records, which also proves the conversion exact.
 */
public final class FormatOne {
  private static final SqliteDialect SQLITE = new SqliteDialect();

  private static final Map<String, ValueKind> KINDS =
      Map.ofEntries(
          Map.entry("java.lang.String", ValueKind.STRING),
          Map.entry("boolean", ValueKind.BOOLEAN),
          Map.entry("java.lang.Boolean", ValueKind.BOOLEAN),
          Map.entry("byte", ValueKind.BYTE),
          Map.entry("java.lang.Byte", ValueKind.BYTE),
          Map.entry("short", ValueKind.SHORT),
          Map.entry("java.lang.Short", ValueKind.SHORT),
          Map.entry("int", ValueKind.INT),
          Map.entry("java.lang.Integer", ValueKind.INT),
          Map.entry("long", ValueKind.LONG),
          Map.entry("java.lang.Long", ValueKind.LONG),
          Map.entry("float", ValueKind.FLOAT),
          Map.entry("java.lang.Float", ValueKind.FLOAT),
          Map.entry("double", ValueKind.DOUBLE),
          Map.entry("java.lang.Double", ValueKind.DOUBLE),
          Map.entry("java.math.BigDecimal", ValueKind.DECIMAL),
          Map.entry("java.time.Instant", ValueKind.INSTANT),
          Map.entry("java.time.OffsetDateTime", ValueKind.OFFSET_DATE_TIME),
          Map.entry("java.time.LocalDateTime", ValueKind.LOCAL_DATE_TIME),
          Map.entry("java.time.LocalDate", ValueKind.LOCAL_DATE),
          Map.entry("java.util.UUID", ValueKind.UUID),
          Map.entry("byte[]", ValueKind.BYTES));

  private FormatOne() {}

  /**
   * The kind of a column recorded in format 1: JSON when flagged so, else the kind of its Java type,
   * where any other type is an enum (stored by name).
   *
   * @throws IllegalArgumentException when the recorded SQLite type is not the kind's
   */
  public static ValueKind kind(String table, String column, boolean json, String javaType, String sqlType) {
    ValueKind kind = json ? ValueKind.JSON : KINDS.getOrDefault(javaType, ValueKind.ENUM);
    String expected = SQLITE.sqlType(kind);
    if (!expected.equals(sqlType)) {
      throw new IllegalArgumentException(
          "column " + table + "." + column + " records sqlType " + sqlType + ", but its javaType " + javaType
              + (json ? " as JSON" : "") + " is stored as " + expected + "; restore the file from version control");
    }
    return kind;
  }

  /** The neutral form of a default that format 1 recorded as SQLite rendered it. */
  public static String neutralDefault(ValueKind kind, String recorded) {
    return SQLITE.neutralDefault(kind, recorded);
  }

  /** The default format 1 records for a column of {@code kind} with the neutral {@code defaultValue}. */
  public static String recordedDefault(ValueKind kind, String defaultValue) {
    return SQLITE.defaultSql(kind, defaultValue);
  }

  /** The format-1 structure text of {@code schema}: the text its recorded identity hash is computed from. */
  public static String structure(SchemaShape schema) {
    return SchemaJson.structure(schema, FormatOne::column);
  }

  /** The identity hash format 1 records for {@code schema}. */
  public static String identityHash(SchemaShape schema) {
    return IdentityHash.of(structure(schema));
  }

  /** Writes member {@code tables} as format 1 does; {@code complete} as in {@link SchemaJson#tables}. */
  public static void tables(JsonText json, List<TableShape> tables, boolean complete) {
    SchemaJson.tables(json, tables, complete, FormatOne::column);
  }

  private static void column(JsonText json, ColumnShape column) {
    // The same members in the same order as format 1 wrote them, types and defaults from SQLite.
    json.name("name")
        .value(column.name())
        .name("sqlType")
        .value(SQLITE.sqlType(column.kind()))
        .name("javaType")
        .value(column.javaType())
        .name("notNull")
        .value(column.notNull())
        .name("default")
        .value(recordedDefault(column.kind(), column.defaultValue()))
        .name("primaryKeyPosition")
        .value(column.primaryKeyPosition())
        .name("json")
        .value(column.json());
  }
}
