package dev.gao.metrics.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stores the annotated component as JSON text in a {@code TEXT} column checked with
 * {@code json_valid}.
 *
 * <p>Any type Jackson can read and write works: maps, lists, nested records. Generic arguments are
 * kept exactly, so a {@code Map<String, Long>} reads back as a {@code Map<String, Long>}. Not allowed
 * on primitives.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface Json {}
