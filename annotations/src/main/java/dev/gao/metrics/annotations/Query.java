package dev.gao.metrics.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The SQL of one method of a {@link MetricsQueries} interface.
 *
 * <p>Parameters are written {@code :name}, where {@code name} is the Java parameter's name (or the
 * name given with {@link Param}); a name may be used several times. Every Java parameter must be
 * used. Parameter types are those a column can have ({@code String}, numbers, {@code boolean},
 * {@code BigDecimal}, enums, {@code Instant} and the other time types, {@code UUID},
 * {@code byte[]}); they are bound as the generated DAOs bind them.
 *
 * <p>Return types of a {@code SELECT}:
 *
 * <ul>
 *   <li>a {@link MetricsTable} record: the result columns must be exactly its columns, in any order;
 *   <li>a projection record: each component reads the result column of its snake_case name, and
 *       every result column must have a component ({@link Json} components read JSON text);
 *   <li>a single value of a column type: the query returns one column;
 *   <li>{@code List<X>}, {@code Optional<X>} or {@code Stream<X>} of those; a stream is read lazily
 *       and holds a connection until it is closed (use try-with-resources).
 * </ul>
 *
 * <p>Without a wrapper, a reference type is {@code null} when the query returns no row and a
 * primitive requires one row; more than one row is an error. An {@code INSERT}, {@code UPDATE} or
 * {@code DELETE} returns {@code void}, {@code int} or {@code long}: the number of affected rows.
 *
 * <pre>{@code
 * @Query("SELECT project_name, count(*) AS runs FROM benchmark_runs GROUP BY project_name")
 * List<ProjectCount> runsPerProject();
 *
 * @Query("DELETE FROM benchmark_runs WHERE started_at < :before")
 * int deleteBefore(Instant before);
 * }</pre>
 *
 * <p>Where PostgreSQL needs other SQL than SQLite (its JSON operators, its date functions),
 * {@link #postgres()} gives the statement a database of that engine runs instead:
 *
 * <pre>{@code
 * @Query(
 *     value = "SELECT count(*) FROM benchmark_runs WHERE json_extract(config, '$.model') = :model",
 *     postgres = "SELECT count(*) FROM benchmark_runs WHERE config ->> 'model' = :model")
 * long runsWithModel(String model);
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Query {
  /**
   * One SQL statement, with {@code :name} parameters. It is checked against the schema on SQLite
   * while compiling, and runs on every engine that {@link #postgres()} does not replace it on.
   *
   * @return the statement
   */
  String value();

  /**
   * The statement to run on PostgreSQL instead of {@link #value()}, or {@code ""} (the default) to
   * run {@code value} there too. It must use exactly the method's parameters and be of the same kind
   * ({@code SELECT}, or {@code INSERT}/{@code UPDATE}/{@code DELETE}), which is checked while
   * compiling; its result columns must be those of {@code value}, in the same order. A database on
   * PostgreSQL prepares it when the queries are bound to it, and refuses to bind them if it does not
   * prepare or its columns differ.
   *
   * @return the PostgreSQL statement, or {@code ""}
   */
  String postgres() default "";
}
