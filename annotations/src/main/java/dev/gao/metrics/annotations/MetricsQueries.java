package dev.gao.metrics.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an interface of custom SQL queries on the tables of one schema.
 *
 * <p>Each abstract method carries its SQL in {@link Query}. The processor generates
 * {@code <Interface>Impl}, a public final class with a constructor taking the {@code MetricsDatabase},
 * and checks every query at compile time against the schema's tables: an unknown table or column, a
 * parameter the SQL does not use (or a {@code :name} no parameter has), or a result that does not fit
 * the return type is a compile error on the method.
 *
 * <pre>{@code
 * @MetricsQueries(schema = GaoMetrics.class)
 * public interface RunQueries {
 *   @Query("SELECT * FROM benchmark_runs WHERE project_name = :project ORDER BY timestamp DESC LIMIT :limit")
 *   List<BenchmarkRun> latest(String project, int limit);
 *
 *   @Query("SELECT count(*) FROM benchmark_runs WHERE status = :status")
 *   long countWithStatus(RunStatus status);
 * }
 *
 * RunQueries queries = new RunQueriesImpl(database);
 * }</pre>
 *
 * <p>Default and static methods are left as they are, so they can combine queries.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface MetricsQueries {
  /** The {@link MetricsSchema} type whose tables the queries read and write. */
  Class<?> schema();
}
