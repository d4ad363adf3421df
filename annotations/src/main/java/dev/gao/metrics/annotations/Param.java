package dev.gao.metrics.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a parameter of a {@link Query} method the name its SQL uses, instead of its Java name.
 *
 * <pre>{@code
 * @Query("SELECT * FROM benchmark_runs WHERE project_name = :project")
 * List<BenchmarkRun> byProject(@Param("project") String projectName);
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface Param {
  /** The name used as {@code :name} in the SQL. */
  String value();
}
