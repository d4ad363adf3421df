package dev.gao.metrics.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes the annotated column reference the primary key of another table. The column's type must
 * match the referenced key's type. A column without an index of its own gets one automatically,
 * named {@code idx_<table>_<column>}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface ForeignKey {
  /** The referenced {@link MetricsTable} type. Its primary key must be a single column. */
  Class<?> table();

  /** What happens to this row when the referenced row is deleted. */
  Action onDelete() default Action.NO_ACTION;

  /** What happens to this row when the referenced key is updated. */
  Action onUpdate() default Action.NO_ACTION;

  /** The referential actions of SQL. */
  enum Action {
    /** Refuse the change at the end of the statement. */
    NO_ACTION("NO ACTION"),
    /** Refuse the change at once. */
    RESTRICT("RESTRICT"),
    /** Set the referencing column to NULL. */
    SET_NULL("SET NULL"),
    /** Set the referencing column to its default. */
    SET_DEFAULT("SET DEFAULT"),
    /** Delete (or update) the referencing rows too. */
    CASCADE("CASCADE");

    private final String sql;

    Action(String sql) {
      this.sql = sql;
    }

    /** The action as SQL writes it, for example {@code SET NULL}. */
    public String sql() {
      return sql;
    }
  }
}
