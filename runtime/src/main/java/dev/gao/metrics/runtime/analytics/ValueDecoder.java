package dev.gao.metrics.runtime.analytics;

import dev.gao.metrics.runtime.dao.ColumnRef;
import dev.gao.metrics.runtime.dao.SqlValues;
import dev.gao.metrics.runtime.json.JsonCodec;
import dev.gao.metrics.runtime.json.JsonType;
import dev.gao.metrics.runtime.schema.ColumnInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the columns of a table into a map, with the codecs the generated DAOs use. */
final class ValueDecoder {
  private static final JsonType<Object> ANY_JSON = new JsonType<>() {};

  private final TableInfo table;
  private final JsonCodec json;

  ValueDecoder(TableInfo table, JsonCodec json) {
    this.table = table;
    this.json = json;
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
    for (ColumnInfo column : table.columns()) {
      if (column.name().equals(name)) {
        return decode(rs, index, column);
      }
    }
    throw new IllegalArgumentException("table " + table.name() + " has no column " + name);
  }

  private Object decode(ResultSet rs, int index, ColumnInfo column) throws SQLException {
    ColumnRef<?> ref = new ColumnRef<>(table.name(), column.name());
    if (column.json()) {
      return SqlValues.getJson(rs, index, ANY_JSON, json, ref);
    }
    return switch (column.javaType()) {
      case "long", "java.lang.Long" -> SqlValues.getLongObject(rs, index, ref);
      case "int", "java.lang.Integer" -> SqlValues.getIntObject(rs, index, ref);
      case "short", "java.lang.Short" -> SqlValues.getShortObject(rs, index, ref);
      case "byte", "java.lang.Byte" -> SqlValues.getByteObject(rs, index, ref);
      case "double", "java.lang.Double" -> SqlValues.getDoubleObject(rs, index, ref);
      case "float", "java.lang.Float" -> SqlValues.getFloatObject(rs, index, ref);
      case "boolean", "java.lang.Boolean" -> SqlValues.getBooleanObject(rs, index, ref);
      case "java.math.BigDecimal" -> SqlValues.getDecimal(rs, index, ref);
      case "java.time.Instant" -> SqlValues.getInstant(rs, index, ref);
      case "java.time.OffsetDateTime" -> SqlValues.getOffsetDateTime(rs, index, ref);
      case "java.time.LocalDateTime" -> SqlValues.getLocalDateTime(rs, index, ref);
      case "java.time.LocalDate" -> SqlValues.getLocalDate(rs, index, ref);
      case "java.util.UUID" -> SqlValues.getUuid(rs, index, ref);
      case "byte[]" -> SqlValues.getBytes(rs, index, ref);
      default -> SqlValues.getText(rs, index, ref);
    };
  }
}
