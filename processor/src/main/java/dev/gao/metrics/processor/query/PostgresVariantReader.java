package dev.gao.metrics.processor.query;

import dev.gao.metrics.processor.diag.Message;
import dev.gao.metrics.processor.diag.Problem;
import dev.gao.metrics.processor.model.QueryVariant;
import dev.gao.metrics.processor.parsing.Annotations;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;

/**
 * Reads the PostgreSQL variant of a query ({@code @Query(postgres = ...)}) and checks what can be
 * checked without a server: that it is one statement of the kind of {@code value}, and that its
 * {@code :name} parameters are exactly the method's. The server checks the rest when a database of
 * that engine binds the queries.
 */
final class PostgresVariantReader {
  /** The {@code @Query} member holding the variant. */
  static final String MEMBER = "postgres";

  private static final Set<String> WRITES = Set.of("INSERT", "UPDATE", "DELETE", "MERGE");
  private static final Set<String> READS = Set.of("SELECT", "VALUES", "TABLE");
  /** Reads or writes, as its last statement decides; the server tells which when it prepares it. */
  private static final String EITHER = "WITH";

  private final ExecutableElement method;
  private final AnnotationMirror query;
  private final AnnotationValue value;
  private final NamedSql named;

  private PostgresVariantReader(
      ExecutableElement method, AnnotationMirror query, AnnotationValue value, NamedSql named) {
    this.method = method;
    this.query = query;
    this.value = value;
    this.named = named;
  }

  /** The variant of {@code method}'s {@code @Query}, if one is written and not empty. */
  static Optional<PostgresVariantReader> of(ExecutableElement method, AnnotationMirror query) {
    return Annotations.explicitValue(query, MEMBER)
        .filter(v -> v.getValue() instanceof String sql && !sql.isEmpty())
        .map(v -> new PostgresVariantReader(method, query, v, NamedSql.parse((String) v.getValue())));
  }

  /**
   * Checks the statement's form and its parameters, before the SQLite statement is prepared.
   *
   * @param name the method as messages name it
   * @param declared the SQL names of the method's parameters, in order
   * @param problems where problems are added
   */
  void checkFormAndParameters(String name, Set<String> declared, List<Problem> problems) {
    if (named.trailingText()) {
      problems.add(problem(Message.QUERY_POSTGRES_STATEMENT, name, "must be one statement, but text follows its ';'"));
    }
    String keyword = named.keyword();
    if (!WRITES.contains(keyword) && !READS.contains(keyword) && !keyword.equals(EITHER)) {
      problems.add(
          problem(
              Message.QUERY_POSTGRES_STATEMENT,
              name,
              "must be a SELECT, INSERT, UPDATE or DELETE statement, not "
                  + (keyword.isEmpty() ? "an empty text" : keyword)));
    }
    Set<String> used = new LinkedHashSet<>(named.names());
    for (String sqlName : used) {
      if (!declared.contains(sqlName)) {
        problems.add(
            problem(
                Message.QUERY_POSTGRES_PARAMETERS,
                name,
                "uses :" + sqlName + ", but no parameter has that name; the parameters are: ["
                    + String.join(", ", declared) + "]"));
      }
    }
    for (String sqlName : declared) {
      if (!used.contains(sqlName)) {
        problems.add(
            problem(
                Message.QUERY_POSTGRES_PARAMETERS,
                name,
                "does not use parameter :" + sqlName + "; like value, it must use every parameter of the method"));
      }
    }
  }

  /**
   * Checks that the variant is of the kind SQLite found {@code value} to be.
   *
   * @param name the method as messages name it
   * @param write whether {@code value} changes rows (and returns their number) rather than reading them
   * @param problems where a problem is added
   * @return whether the kinds agree (a {@code WITH} variant agrees with both)
   */
  boolean checkKind(String name, boolean write, List<Problem> problems) {
    String keyword = named.keyword();
    if (keyword.equals(EITHER) || WRITES.contains(keyword) == write) {
      return true;
    }
    problems.add(
        problem(
            Message.QUERY_POSTGRES_STATEMENT,
            name,
            (write
                    ? "reads rows (" + keyword + "), but value changes rows (INSERT, UPDATE or DELETE)"
                    : "changes rows (" + keyword + "), but value reads rows (SELECT)")
                + "; both must do the same, as the method's return type is read from either"));
    return false;
  }

  /** The variant as the model keeps it. */
  QueryVariant variant() {
    return new QueryVariant((String) value.getValue(), named.jdbcSql(), named.names());
  }

  private Problem problem(Message message, String name, String detail) {
    return Problem.on(method, query, value, message, name, detail);
  }
}
