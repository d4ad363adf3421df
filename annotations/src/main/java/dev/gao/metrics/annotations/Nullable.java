package dev.gao.metrics.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a column of a reference type nullable. Reference-typed columns are {@code NOT NULL}
 * otherwise. Any annotation whose simple name is {@code Nullable} (JSpecify's, JetBrains', ...)
 * has the same effect; this one is here for projects that use none.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface Nullable {}
