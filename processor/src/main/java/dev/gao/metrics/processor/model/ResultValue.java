package dev.gao.metrics.processor.model;

import com.squareup.javapoet.TypeName;

/**
 * One value read from a result row: a constructor argument of a record (also of an embedded table's
 * row), or the single value.
 *
 * @param column the result column name
 * @param index the 1-based index of the result column
 * @param type the Java type the value is read as
 * @param kind how the value is stored
 * @param source the table (or query) named when the value cannot be read
 */
public record ResultValue(String column, int index, TypeName type, ValueKind kind, String source)
    implements RowArgument {}
