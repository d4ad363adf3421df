package dev.gao.metrics.processor.writing;

import dev.gao.metrics.processor.model.ValueKind;

/** The names of the {@code SqlValues} methods that bind and read each kind of value. */
final class SqlValueCalls {
  private SqlValueCalls() {}

  /** The binder of {@code kind}; enums bind with {@code setEnum}, JSON with {@code setJson}. */
  static String setter(ValueKind kind, boolean primitive) {
    return switch (kind) {
      case STRING -> "setText";
      case BOOLEAN -> primitive ? "setBoolean" : "setBooleanObject";
      case BYTE, SHORT, INT, LONG -> primitive ? "setLong" : "setInteger";
      case FLOAT, DOUBLE -> primitive ? "setDouble" : "setReal";
      case DECIMAL -> "setDecimal";
      case ENUM -> "setEnum";
      case INSTANT -> "setInstant";
      case OFFSET_DATE_TIME -> "setOffsetDateTime";
      case LOCAL_DATE_TIME -> "setLocalDateTime";
      case LOCAL_DATE -> "setLocalDate";
      case UUID -> "setUuid";
      case BYTES -> "setBytes";
      case JSON -> "setJson";
    };
  }

  /** The reader of {@code kind}; enums read with {@code getEnum}, JSON with {@code getJson}. */
  static String getter(ValueKind kind, boolean primitive) {
    return switch (kind) {
      case STRING -> "getText";
      case BOOLEAN -> primitive ? "getBoolean" : "getBooleanObject";
      case BYTE -> primitive ? "getByte" : "getByteObject";
      case SHORT -> primitive ? "getShort" : "getShortObject";
      case INT -> primitive ? "getInt" : "getIntObject";
      case LONG -> primitive ? "getLong" : "getLongObject";
      case FLOAT -> primitive ? "getFloat" : "getFloatObject";
      case DOUBLE -> primitive ? "getDouble" : "getDoubleObject";
      case DECIMAL -> "getDecimal";
      case ENUM -> "getEnum";
      case INSTANT -> "getInstant";
      case OFFSET_DATE_TIME -> "getOffsetDateTime";
      case LOCAL_DATE_TIME -> "getLocalDateTime";
      case LOCAL_DATE -> "getLocalDate";
      case UUID -> "getUuid";
      case BYTES -> "getBytes";
      case JSON -> "getJson";
    };
  }
}
