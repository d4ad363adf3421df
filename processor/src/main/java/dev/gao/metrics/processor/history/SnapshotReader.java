package dev.gao.metrics.processor.history;

import dev.gao.metrics.processor.identity.JsonReader;
import dev.gao.metrics.processor.identity.SchemaJson;
import dev.gao.metrics.processor.migration.Renames;
import dev.gao.metrics.processor.model.ValueKind;
import dev.gao.metrics.processor.structure.ColumnShape;
import dev.gao.metrics.processor.structure.ForeignKeyShape;
import dev.gao.metrics.processor.structure.IndexShape;
import dev.gao.metrics.processor.structure.SchemaShape;
import dev.gao.metrics.processor.structure.TableShape;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the text {@link SnapshotWriter} writes (format {@value SchemaJson#FORMAT_VERSION}), and the
 * text of format 1 as it is, converted to the engine-neutral form in memory ({@link FormatOne}).
 * Anything missing or of the wrong kind throws {@link IllegalArgumentException} naming the member.
 */
public final class SnapshotReader {
  private SnapshotReader() {}

  /** The snapshot in {@code text}, with the engine-neutral identity hash of its tables. */
  public static Snapshot read(String text) {
    return readFile(text).snapshot();
  }

  /** The snapshot in {@code text} and whether the identity hash it records matches its content. */
  public static SnapshotFile readFile(String text) {
    Map<String, Object> root = object(JsonReader.parse(text), "document");
    long format = number(root, "formatVersion");
    if (format != 1 && format != SchemaJson.FORMAT_VERSION) {
      throw new IllegalArgumentException("unknown formatVersion " + format);
    }
    FormatOneDefaults formatOne = format == 1 ? new FormatOneDefaults() : null;
    Map<String, Object> renames = object(root.get("renames"), "renames");
    Renames declared =
        new Renames(
            objects(renames, "tables").stream()
                .map(r -> new Renames.TableRename(string(r, "from"), string(r, "to")))
                .toList(),
            objects(renames, "columns").stream()
                .map(r -> new Renames.ColumnRename(string(r, "table"), string(r, "from"), string(r, "to")))
                .toList());
    List<DataLossAllowance> allowed =
        objects(root, "allowedDataLoss").stream()
            .map(a -> new DataLossAllowance(string(a, "table"), string(a, "column"), string(a, "reason")))
            .toList();
    SchemaShape schema =
        new SchemaShape(
            string(root, "schema"),
            (int) number(root, "version"),
            objects(root, "tables").stream().map(t -> table(t, formatOne)).toList());
    String recorded = string(root, "identityHash");
    String parentHash = nullableString(root, "parentHash");
    if (formatOne != null) {
      boolean intact = formatOne.asWritten && FormatOne.identityHash(schema).equals(recorded);
      return new SnapshotFile(
          new Snapshot(schema, SchemaJson.identityHash(schema), parentHash, declared, allowed), 1, intact);
    }
    boolean intact = SchemaJson.identityHash(schema).equals(recorded);
    return new SnapshotFile(new Snapshot(schema, recorded, parentHash, declared, allowed), (int) format, intact);
  }

  /**
   * Kept while a format-1 file is read: whether every default is one that format 1 wrote, the SQLite
   * rendering of its neutral form. A file edited to hold, say, {@code CURRENT_TIMESTAMP} where format
   * 1 wrote SQLite's time expression converts to the same neutral default, but is not the text its
   * hash was computed from.
   */
  private static final class FormatOneDefaults {
    private boolean asWritten = true;
  }

  private static TableShape table(Map<String, Object> table, FormatOneDefaults formatOne) {
    String name = string(table, "name");
    return new TableShape(
        name,
        string(table, "javaType"),
        objects(table, "columns").stream().map(c -> column(name, c, formatOne)).toList(),
        bool(table, "autoIncrement"),
        objects(table, "indexes").stream()
            .map(i -> new IndexShape(string(i, "name"), strings(i, "columns"), bool(i, "unique"), bool(i, "automatic")))
            .toList(),
        objects(table, "foreignKeys").stream()
            .map(
                f ->
                    new ForeignKeyShape(
                        string(f, "column"),
                        string(f, "referencedTable"),
                        string(f, "referencedColumn"),
                        string(f, "onDelete"),
                        string(f, "onUpdate")))
            .toList());
  }

  private static ColumnShape column(String table, Map<String, Object> column, FormatOneDefaults formatOne) {
    String name = string(column, "name");
    String javaType = string(column, "javaType");
    ValueKind kind;
    String defaultValue;
    if (formatOne != null) {
      kind = FormatOne.kind(table, name, bool(column, "json"), javaType, string(column, "sqlType"));
      String recorded = nullableString(column, "default");
      defaultValue = FormatOne.neutralDefault(kind, recorded);
      formatOne.asWritten &= Objects.equals(FormatOne.recordedDefault(kind, defaultValue), recorded);
    } else {
      kind = kind(string(column, "kind"));
      defaultValue = nullableString(column, "default");
    }
    return new ColumnShape(
        name,
        kind,
        javaType,
        bool(column, "notNull"),
        defaultValue,
        (int) number(column, "primaryKeyPosition"),
        bound(column, "min", Double.NEGATIVE_INFINITY),
        bound(column, "max", Double.POSITIVE_INFINITY),
        column.containsKey("nullSafeJsonCheck") && bool(column, "nullSafeJsonCheck"),
        column.containsKey("normalizedTime") && bool(column, "normalizedTime"),
        enumNames(column, kind, formatOne != null));
  }

  /**
   * The names an enum column is checked against: none when the member is absent, as in every file
   * written before the check and every format-1 file. They must be distinct and sorted, as they are
   * written; only an enum column has them.
   */
  private static List<String> enumNames(Map<String, Object> column, ValueKind kind, boolean formatOne) {
    if (!column.containsKey("enumNames")) {
      return List.of();
    }
    if (formatOne) {
      throw new IllegalArgumentException("enumNames is not a member of format 1");
    }
    List<String> names = strings(column, "enumNames");
    if (kind != ValueKind.ENUM) {
      throw new IllegalArgumentException("enumNames belongs to a column of kind ENUM, not " + kind);
    }
    if (names.isEmpty() || !names.equals(names.stream().sorted().distinct().toList())) {
      throw new IllegalArgumentException("enumNames must be a non-empty array of distinct names in sorted order, not " + names);
    }
    return names;
  }

  private static ValueKind kind(String name) {
    for (ValueKind kind : ValueKind.values()) {
      if (kind.name().equals(name)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("kind must be one of " + Arrays.toString(ValueKind.values()) + ", not " + name);
  }

  /** An optional finite bound written as text, {@code absent} when the member is missing. */
  private static double bound(Map<String, Object> owner, String member, double absent) {
    if (!owner.containsKey(member)) {
      return absent;
    }
    String text = string(owner, member);
    try {
      double value = Double.parseDouble(text);
      if (Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(member + " must be a finite number written as a string, not " + text);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value, String what) {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new IllegalArgumentException(what + " must be an object");
  }

  private static List<Map<String, Object>> objects(Map<String, Object> owner, String member) {
    if (owner.get(member) instanceof List<?> list) {
      return list.stream().map(v -> object(v, member + " element")).toList();
    }
    throw new IllegalArgumentException(member + " must be an array");
  }

  private static List<String> strings(Map<String, Object> owner, String member) {
    if (owner.get(member) instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
      return list.stream().map(String.class::cast).toList();
    }
    throw new IllegalArgumentException(member + " must be an array of strings");
  }

  private static String string(Map<String, Object> owner, String member) {
    if (owner.get(member) instanceof String text) {
      return text;
    }
    throw new IllegalArgumentException(member + " must be a string");
  }

  private static String nullableString(Map<String, Object> owner, String member) {
    return owner.get(member) == null && owner.containsKey(member) ? null : string(owner, member);
  }

  private static long number(Map<String, Object> owner, String member) {
    if (owner.get(member) instanceof Long number) {
      return number;
    }
    throw new IllegalArgumentException(member + " must be an integer");
  }

  private static boolean bool(Map<String, Object> owner, String member) {
    if (owner.get(member) instanceof Boolean flag) {
      return flag;
    }
    throw new IllegalArgumentException(member + " must be true or false");
  }
}
