package dev.gao.metrics.processor.query;

import dev.gao.metrics.processor.diag.Message;
import dev.gao.metrics.processor.diag.Problem;
import dev.gao.metrics.processor.model.QueryModel;
import dev.gao.metrics.processor.model.QueryParameter;
import dev.gao.metrics.processor.model.QueryVariant;
import dev.gao.metrics.processor.model.ResultShape;
import dev.gao.metrics.processor.model.ValueKind;
import dev.gao.metrics.processor.parsing.Annotations;
import dev.gao.metrics.processor.parsing.TypeClassifier;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/** Reads and checks one {@code @Query} method against the schema's in-memory database. */
final class QueryMethodReader {
  static final String PARAM = "dev.gao.metrics.annotations.Param";
  private static final Set<String> WRITES = Set.of("INSERT", "UPDATE", "DELETE", "REPLACE");
  private static final Set<String> READS = Set.of("SELECT", "VALUES", "WITH");

  private final Types types;
  private final SchemaDatabase database;
  private final String schemaName;
  private final ResultMapper results;

  QueryMethodReader(
      Types types, SchemaDatabase database, String schemaName, ResultMapper results) {
    this.types = types;
    this.database = database;
    this.schemaName = schemaName;
    this.results = results;
  }

  /** The checked query, or empty after adding its problems. */
  Optional<QueryModel> read(
      ExecutableElement method, AnnotationMirror query, String sql, String memberBase, List<Problem> problems) {
    String name = ResultMapper.describe(method);
    int before = problems.size();
    if (!method.getTypeParameters().isEmpty()) {
      problems.add(Problem.on(method, Message.QUERY_METHOD, name, "a query method must not have type parameters"));
    }
    NamedSql named = NamedSql.parse(sql);
    if (named.trailingText()) {
      problems.add(Problem.on(method, Message.QUERY_STATEMENT, name, "must be one statement, but text follows its ';'"));
    }
    boolean write = WRITES.contains(named.keyword());
    if (!write && !READS.contains(named.keyword())) {
      problems.add(
          Problem.on(
              method,
              Message.QUERY_STATEMENT,
              name,
              "must be a SELECT, INSERT, UPDATE or DELETE statement, not " + quoted(named.keyword())));
    }
    List<QueryParameter> parameters = parameters(method, name, problems);
    checkNames(method, name, named, parameters, problems);
    Optional<PostgresVariantReader> variant = PostgresVariantReader.of(method, query);
    variant.ifPresent(v -> v.checkFormAndParameters(name, declaredNames(method), problems));
    if (problems.size() > before) {
      return Optional.empty();
    }
    PreparedQuery prepared;
    try {
      prepared = database.prepare(named.jdbcSql());
    } catch (SQLException e) {
      problems.add(Problem.on(method, Message.QUERY_SQL_INVALID, name, schemaName, SchemaDatabase.reason(e)));
      return Optional.empty();
    }
    if (prepared.parameterCount() != named.names().size()) {
      problems.add(
          Problem.on(
              method,
              Message.QUERY_STATEMENT,
              name,
              "must name its parameters :name; ?, ?NNN, @name and $name are not supported"));
      return Optional.empty();
    }
    write |= named.keyword().equals("WITH") && prepared.columns().isEmpty();
    if (variant.isPresent() && !variant.get().checkKind(name, write, problems)) {
      return Optional.empty();
    }
    QueryVariant postgres = variant.map(PostgresVariantReader::variant).orElse(null);
    if (write) {
      return affectedRows(method, name, named, sql, memberBase, parameters, prepared, postgres, problems);
    }
    return results
        .map(method, prepared, problems)
        .map(
            mapping ->
                new QueryModel(
                    method.getSimpleName().toString(),
                    signature(method),
                    memberBase,
                    sql,
                    named.jdbcSql(),
                    parameters,
                    named.names(),
                    JavaTypes.name(method.getReturnType()),
                    mapping.shape(),
                    mapping.rowType(),
                    mapping.record(),
                    mapping.arguments(),
                    prepared.columns(),
                    postgres));
  }

  /**
   * The method as the runtime names it in a report: its interface, name and parameter types (simple
   * names, without type arguments), which tell overloads apart.
   */
  private String signature(ExecutableElement method) {
    List<String> parameterTypes = new ArrayList<>();
    for (VariableElement parameter : method.getParameters()) {
      TypeMirror erased = types.erasure(parameter.asType());
      String type = erased.getKind() == TypeKind.DECLARED
          ? ((DeclaredType) erased).asElement().getSimpleName().toString()
          : erased.toString();
      parameterTypes.add(type);
    }
    return method.getEnclosingElement().getSimpleName()
        + "."
        + method.getSimpleName()
        + "("
        + String.join(", ", parameterTypes)
        + ")";
  }

  private Optional<QueryModel> affectedRows(
      ExecutableElement method,
      String name,
      NamedSql named,
      String sql,
      String memberBase,
      List<QueryParameter> parameters,
      PreparedQuery prepared,
      QueryVariant postgres,
      List<Problem> problems) {
    if (!prepared.columns().isEmpty()) {
      problems.add(
          Problem.on(
              method,
              Message.QUERY_STATEMENT,
              name,
              "returns rows (RETURNING), which is not supported; return the number of affected rows instead"));
      return Optional.empty();
    }
    TypeKind kind = method.getReturnType().getKind();
    if (kind != TypeKind.VOID && kind != TypeKind.INT && kind != TypeKind.LONG) {
      problems.add(
          Problem.on(
              method,
              Message.QUERY_RETURN_TYPE,
              name,
              method.getReturnType(),
              "an INSERT, UPDATE or DELETE returns void, int or long (the number of affected rows)"));
      return Optional.empty();
    }
    return Optional.of(
        new QueryModel(
            method.getSimpleName().toString(),
            signature(method),
            memberBase,
            sql,
            named.jdbcSql(),
            parameters,
            named.names(),
            JavaTypes.name(method.getReturnType()),
            ResultShape.AFFECTED_ROWS,
            null,
            false,
            List.of(),
            List.of(),
            postgres));
  }

  private List<QueryParameter> parameters(ExecutableElement method, String name, List<Problem> problems) {
    List<QueryParameter> parameters = new ArrayList<>();
    Map<String, String> javaNameOf = new LinkedHashMap<>();
    for (VariableElement parameter : method.getParameters()) {
      String javaName = parameter.getSimpleName().toString();
      String sqlName = sqlName(parameter);
      String previous = javaNameOf.putIfAbsent(sqlName, javaName);
      if (previous != null) {
        problems.add(Problem.on(method, Message.QUERY_DUPLICATE_PARAMETER, name, sqlName, previous, javaName));
      }
      TypeMirror type = parameter.asType();
      Optional<ValueKind> kind = TypeClassifier.classify(type);
      if (kind.isEmpty()) {
        problems.add(
            Problem.on(method, Message.QUERY_PARAMETER_TYPE, javaName, name, type, unsupported(type)));
        continue;
      }
      parameters.add(new QueryParameter(javaName, sqlName, JavaTypes.name(type), kind.get()));
    }
    return parameters;
  }

  private String unsupported(TypeMirror type) {
    boolean collection =
        type.getKind() == TypeKind.ARRAY || type.getKind() == TypeKind.DECLARED && isCollection(types.erasure(type));
    return collection
        ? "collections and arrays are not supported as parameters; bind each value as its own parameter"
        : "use String, a number, boolean, BigDecimal, an enum, Instant, OffsetDateTime, LocalDateTime, LocalDate,"
            + " UUID or byte[]";
  }

  private boolean isCollection(TypeMirror erased) {
    String name = erased.toString();
    if (name.equals("java.util.Collection") || name.equals("java.lang.Iterable")) {
      return true;
    }
    return types.directSupertypes(erased).stream().map(types::erasure).anyMatch(this::isCollection);
  }

  /** The SQL names of the method's parameters, in order. */
  private static Set<String> declaredNames(ExecutableElement method) {
    Set<String> declared = new LinkedHashSet<>();
    for (VariableElement parameter : method.getParameters()) {
      declared.add(sqlName(parameter));
    }
    return declared;
  }

  private static void checkNames(
      ExecutableElement method, String name, NamedSql named, List<QueryParameter> parameters, List<Problem> problems) {
    Set<String> declared = declaredNames(method);
    Set<String> used = new LinkedHashSet<>(named.names());
    for (String sqlName : used) {
      if (!declared.contains(sqlName)) {
        problems.add(
            Problem.on(method, Message.QUERY_UNKNOWN_PARAMETER, name, sqlName, String.join(", ", declared)));
      }
    }
    for (VariableElement parameter : method.getParameters()) {
      String sqlName = sqlName(parameter);
      if (!used.contains(sqlName)) {
        problems.add(
            Problem.on(method, Message.QUERY_UNUSED_PARAMETER, parameter.getSimpleName(), name, sqlName));
      }
    }
  }

  /** The name the SQL uses for {@code parameter}: its {@code @Param} value, or its Java name. */
  private static String sqlName(VariableElement parameter) {
    return Annotations.find(parameter, PARAM)
        .flatMap(m -> Annotations.explicitValue(m, "value"))
        .map(v -> String.valueOf(v.getValue()))
        .orElse(parameter.getSimpleName().toString());
  }

  private static String quoted(String keyword) {
    return keyword.isEmpty() ? "an empty text" : keyword;
  }
}
