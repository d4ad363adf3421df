package dev.gao.metrics.processor.model;

import com.squareup.javapoet.TypeName;

/**
 * One parameter of a query method.
 *
 * @param javaName the Java parameter name
 * @param sqlName the name the SQL uses after {@code :}
 * @param type the Java type
 * @param kind how the value is bound
 */
public record QueryParameter(String javaName, String sqlName, TypeName type, ValueKind kind) {}
