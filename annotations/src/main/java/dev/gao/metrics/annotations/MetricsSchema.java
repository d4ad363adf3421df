package dev.gao.metrics.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares one versioned schema: the tables it holds and its version.
 *
 * <p>Put it on an interface (or class) that serves as the schema's name. The processor generates
 * {@code <Name>Schema} next to it, whose {@code SCHEMA} constant is what {@code MetricsDatabase}
 * opens.
 *
 * <pre>{@code
 * @MetricsSchema(version = 1, tables = {BenchmarkRun.class, PerformanceMetrics.class})
 * public interface GaoMetrics {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface MetricsSchema {
  /** The schema version, starting at 1. Raise it whenever the structure of any table changes. */
  int version();

  /** The {@link MetricsTable} types of this schema, in the order their tables are created. */
  Class<?>[] tables();
}
