package dev.gao.metrics.runtime.analytics;

import dev.gao.metrics.runtime.dao.ColumnRef;
import dev.gao.metrics.runtime.dao.SqlValues;
import dev.gao.metrics.runtime.json.JsonType;
import dev.gao.metrics.runtime.schema.ColumnInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the columns of a table into a map, with the conversions the generated DAOs use. */
final class ValueDecoder {
  private static final JsonType<Object> ANY_JSON = new JsonType<>() {};

  private final TableInfo table;
  private final SqlValues values;
  private final Map<String, ColumnInfo> byName = new HashMap<>();
  private final Map<String, ColumnRef<?>> refs = new HashMap<>();

  ValueDecoder(TableInfo table, SqlValues values) {
    this.table = table;
    this.values = values;
    for (ColumnInfo column : table.columns()) {
      byName.put(column.name(), column);
      refs.put(column.name(), new ColumnRef<>(table.name(), column.name()));
    }
  }

  /** The conversions it reads with. */
  SqlValues values() {
    return values;
  }

  /** Reads every column of the table, selected in table order from result column 1 on. */
  Map<String, Object> read(ResultSet rs) throws SQLException {
    Map<String, Object> values = new LinkedHashMap<>();
    int index = 1;
    for (ColumnInfo column : table.columns()) {
      values.put(column.name(), decode(rs, index++, column));
    }
    return values;
  }

  /** Reads the column {@code name} of the table from result column {@code index}. */
  Object read(ResultSet rs, int index, String name) throws SQLException {
    ColumnInfo column = byName.get(name);
    if (column == null) {
      throw new IllegalArgumentException("table " + table.name() + " has no column " + name);
    }
    return decode(rs, index, column);
  }

  private Object decode(ResultSet rs, int index, ColumnInfo column) throws SQLException {
    ColumnRef<?> ref = refs.get(column.name());
    if (column.json()) {
      return values.getJson(rs, index, ANY_JSON, ref);
    }
    return switch (column.javaType()) {
      case "long", "java.lang.Long" -> values.getLongObject(rs, index, ref);
      case "int", "java.lang.Integer" -> values.getIntObject(rs, index, ref);
      case "short", "java.lang.Short" -> values.getShortObject(rs, index, ref);
      case "byte", "java.lang.Byte" -> values.getByteObject(rs, index, ref);
      case "double", "java.lang.Double" -> values.getDoubleObject(rs, index, ref);
      case "float", "java.lang.Float" -> values.getFloatObject(rs, index, ref);
      case "boolean", "java.lang.Boolean" -> values.getBooleanObject(rs, index, ref);
      case "java.math.BigDecimal" -> values.getDecimal(rs, index, ref);
      case "java.time.Instant" -> values.getInstant(rs, index, ref);
      case "java.time.OffsetDateTime" -> values.getOffsetDateTime(rs, index, ref);
      case "java.time.LocalDateTime" -> values.getLocalDateTime(rs, index, ref);
      case "java.time.LocalDate" -> values.getLocalDate(rs, index, ref);
      case "java.util.UUID" -> values.getUuid(rs, index, ref);
      case "byte[]" -> values.getBytes(rs, index, ref);
      default -> values.getText(rs, index, ref);
    };
  }
}
