package dev.gao.metrics.processor.writing;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import com.squareup.javapoet.WildcardTypeName;
import dev.gao.metrics.processor.model.EmbeddedRow;
import dev.gao.metrics.processor.model.QueriesModel;
import dev.gao.metrics.processor.model.QueryModel;
import dev.gao.metrics.processor.model.QueryParameter;
import dev.gao.metrics.processor.model.ResultShape;
import dev.gao.metrics.processor.model.ResultValue;
import dev.gao.metrics.processor.model.RowArgument;
import dev.gao.metrics.processor.model.ValueKind;
import dev.gao.metrics.processor.parsing.Names;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/** Writes the implementation of a {@code @MetricsQueries} interface. */
public final class QueriesWriter {
  /** The static field listing every query as PostgreSQL runs it; no query's member is named so. */
  private static final String POSTGRES_STATEMENTS = "POSTGRES_STATEMENTS";

  /** {@code ColumnRef<?>}: a query's parameters and result values belong to no one table's rows. */
  private static final TypeName ANY_COLUMN_REF =
      ParameterizedTypeName.get(RuntimeTypes.COLUMN_REF, WildcardTypeName.subtypeOf(Object.class));

  /** The class implementing {@code queries}. */
  public TypeSpec write(QueriesModel queries) {
    ClassName name = GeneratedNames.queries(queries.interfaceType());
    TypeSpec.Builder type =
        TypeSpec.classBuilder(name)
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .superclass(RuntimeTypes.QUERY_SUPPORT)
            .addSuperinterface(queries.interfaceType())
            .addJavadoc(
                "Runs the queries of {@link $T} on a database of schema {@code $L}; each was checked against the"
                    + " schema's\ntables at compile time.\n\n"
                    + "<p>Every query joins the calling thread's transaction on the database, if there is one, or\n"
                    + "runs in its own: INSERT, UPDATE and DELETE in a write transaction, SELECTs on a pooled\n"
                    + "connection. To group several calls into one unit of work, call them inside\n"
                    + "{@code MetricsDatabase.inTransaction}.\n",
                queries.interfaceType(),
                queries.schemaName());
    for (QueryModel query : queries.queries()) {
      addFields(type, query, queries.interfaceType().simpleName() + "." + query.method());
    }
    type.addField(postgresStatements(queries));
    MethodSpec.Builder constructor =
        MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PUBLIC)
            .addParameter(RuntimeTypes.METRICS_DATABASE, "database")
            .addJavadoc(
                "Binds the queries to {@code database}. On PostgreSQL, the server prepares every query first\n"
                    + "(runs none) and picks the SQL each one runs there.\n\n"
                    + "@param database a database opened with schema {@code $L}\n"
                    + "@throws IllegalArgumentException if it was opened with another schema\n"
                    + "@throws $T on PostgreSQL, if the server refuses a query or one\n"
                    + "    returns other columns than it reads\n",
                queries.schemaName(),
                RuntimeTypes.QUERY_PREPARATION_EXCEPTION)
            .addStatement("super(database, $S, $N)", queries.schemaName(), POSTGRES_STATEMENTS);
    List<QueryModel> variants = queries.queries().stream().filter(q -> q.postgres() != null).toList();
    if (!variants.isEmpty()) {
      constructor.addStatement("boolean postgres = engine() == $T.POSTGRESQL", RuntimeTypes.ENGINE);
    }
    for (QueryModel query : variants) {
      type.addField(
          FieldSpec.builder(String.class, sqlInstanceField(query), Modifier.PRIVATE, Modifier.FINAL)
              .addJavadoc("The SQL of {@link #$L} this database runs: its engine's.\n", query.method())
              .build());
      constructor.addStatement(
          "this.$N = postgres ? $N : $N", sqlInstanceField(query), postgresSqlField(query), sqlField(query));
      if (bindsInOtherOrder(query)) {
        type.addField(
            FieldSpec.builder(TypeName.BOOLEAN, postgresOrderField(query), Modifier.PRIVATE, Modifier.FINAL)
                .addJavadoc(
                    "Whether {@link #$L} binds its parameters in the order of its PostgreSQL SQL, which uses them\n"
                        + "in another order than its SQLite SQL.\n",
                    query.method())
                .build());
        constructor.addStatement("this.$N = postgres", postgresOrderField(query));
      }
    }
    type.addMethod(constructor.build());
    Map<String, Integer> overloads = new HashMap<>();
    for (QueryModel query : queries.queries()) {
      int ordinal = overloads.merge(query.method(), 1, Integer::sum);
      String reader = "read" + Names.capitalize(query.method()) + (ordinal == 1 ? "" : String.valueOf(ordinal));
      type.addMethod(method(query, reader));
      if (query.shape() != ResultShape.AFFECTED_ROWS) {
        type.addMethod(reader(query, reader));
      }
    }
    return type.build();
  }

  /**
   * The list the constructor hands to {@code QuerySupport}: each query as PostgreSQL runs it, with
   * the number of values its binder binds and what its reader reads.
   */
  private static FieldSpec postgresStatements(QueriesModel queries) {
    List<CodeBlock> statements = new ArrayList<>();
    for (QueryModel query : queries.queries()) {
      String sql = query.postgres() == null ? sqlField(query) : postgresSqlField(query);
      int parameters = query.postgresBindOrder().size();
      if (query.shape() == ResultShape.AFFECTED_ROWS) {
        statements.add(
            CodeBlock.of("$T.changes($S, $N, $L)", RuntimeTypes.QUERY_STATEMENT, query.signature(), sql, parameters));
      } else if (!query.record()) {
        statements.add(
            CodeBlock.of("$T.value($S, $N, $L)", RuntimeTypes.QUERY_STATEMENT, query.signature(), sql, parameters));
      } else {
        CodeBlock columns =
            query.resultColumns().stream().map(c -> CodeBlock.of("$S", c)).collect(CodeBlock.joining(", "));
        statements.add(
            CodeBlock.of(
                "$T.rows($S, $N, $L,\n$>$T.of($L))$<",
                RuntimeTypes.QUERY_STATEMENT,
                query.signature(),
                sql,
                parameters,
                List.class,
                columns));
      }
    }
    TypeName listType = ParameterizedTypeName.get(ClassName.get(List.class), RuntimeTypes.QUERY_STATEMENT);
    CodeBlock initializer =
        statements.isEmpty()
            ? CodeBlock.of("$T.of()", List.class)
            : CodeBlock.of("$T.of(\n$>$>$L)$<$<", List.class, CodeBlock.join(statements, ",\n"));
    return FieldSpec.builder(listType, POSTGRES_STATEMENTS, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc(
            "Every query as PostgreSQL runs it, with the number of values its method binds and the result\n"
                + "columns its reader takes: a database on PostgreSQL prepares each one when it binds these queries.\n")
        .initializer(initializer)
        .build();
  }

  private static void addFields(TypeSpec.Builder type, QueryModel query, String source) {
    type.addField(
        FieldSpec.builder(String.class, sqlField(query), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer("$S", query.jdbcSql())
            .build());
    if (query.postgres() != null) {
      type.addField(
          FieldSpec.builder(String.class, postgresSqlField(query), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
              .addJavadoc("The SQL of {@link #$L} on PostgreSQL:\n<pre>\n$L\n</pre>\n", query.method(),
                  JavadocText.escape(query.postgres().sql().strip()))
              .initializer("$S", query.postgres().jdbcSql())
              .build());
    }
    for (QueryParameter parameter : query.parameters()) {
      type.addField(
          FieldSpec.builder(ANY_COLUMN_REF, parameterRef(query, parameter), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
              .initializer("new $T<>($S, $S)", RuntimeTypes.COLUMN_REF, source, ":" + parameter.sqlName())
              .build());
    }
    for (ResultValue value : query.values()) {
      type.addField(
          FieldSpec.builder(ANY_COLUMN_REF, valueRef(query, value), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
              .initializer("new $T<>($S, $S)", RuntimeTypes.COLUMN_REF, value.source(), value.column())
              .build());
      if (value.kind() == ValueKind.JSON) {
        TypeName jsonType = ParameterizedTypeName.get(RuntimeTypes.JSON_TYPE, value.type());
        type.addField(
            FieldSpec.builder(jsonType, jsonField(query, value), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("new $T() {}", jsonType)
                .build());
      }
    }
  }

  private static MethodSpec method(QueryModel query, String reader) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder(query.method())
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(query.returnType())
            .addJavadoc("<pre>\n$L\n</pre>\n", JavadocText.escape(query.sql().strip()));
    for (QueryParameter parameter : query.parameters()) {
      method.addParameter(parameter.type(), parameter.javaName());
    }
    CodeBlock binder = binder(query, query.bindOrder());
    if (bindsInOtherOrder(query)) {
      binder =
          CodeBlock.of(
              "this.$N\n$>$>? $L\n: $L$<$<",
              postgresOrderField(query),
              binder(query, query.postgres().bindOrder()),
              binder);
    }
    CodeBlock sql = query.postgres() == null ? CodeBlock.of("$N", sqlField(query)) : CodeBlock.of("this.$N", sqlInstanceField(query));
    if (query.shape() == ResultShape.AFFECTED_ROWS) {
      String prefix = query.returnType().equals(TypeName.VOID) ? "" : "return ";
      return method.addCode("$LexecuteUpdate($L, $L);\n", prefix, sql, binder).build();
    }
    String call =
        switch (query.shape()) {
          case SINGLE -> query.rowType().isPrimitive() ? "queryRequired" : "querySingle";
          case OPTIONAL -> "queryOne";
          case LIST -> "queryList";
          case STREAM -> "queryStream";
          case AFFECTED_ROWS -> throw new IllegalStateException("handled above");
        };
    return method.addCode("return $L($L, $L, this::$L);\n", call, sql, binder, reader).build();
  }

  /** Binds the parameters to the {@code ?} of a statement whose placeholders stand for {@code bindOrder}. */
  private static CodeBlock binder(QueryModel query, List<String> bindOrder) {
    if (bindOrder.isEmpty()) {
      return CodeBlock.of("$T.NONE", RuntimeTypes.STATEMENT_BINDER);
    }
    Set<String> taken = new LinkedHashSet<>();
    query.parameters().forEach(p -> taken.add(p.javaName()));
    String statement = "statement";
    while (taken.contains(statement)) {
      statement = statement + "_";
    }
    CodeBlock.Builder code = CodeBlock.builder().add("$L -> {\n$>", statement);
    int index = 1;
    for (String sqlName : bindOrder) {
      QueryParameter parameter = query.parameter(sqlName);
      code.addStatement(
          "values().$L($L, $L, $N, $N)",
          SqlValueCalls.setter(parameter.kind(), parameter.type().isPrimitive()),
          statement,
          index++,
          parameter.javaName(),
          parameterRef(query, parameter));
    }
    return code.add("$<}").build();
  }

  private static MethodSpec reader(QueryModel query, String reader) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder(reader)
            .addModifiers(Modifier.PRIVATE)
            .addParameter(ResultSet.class, "resultSet")
            .returns(query.rowType().box())
            .addException(SQLException.class)
            .addJavadoc("Reads a result row of {@link #$L}.\n", query.method());
    if (!query.record()) {
      return method.addStatement("return $L", read(query, (ResultValue) query.arguments().get(0))).build();
    }
    List<String> embedded = new ArrayList<>();
    List<CodeBlock> arguments = new ArrayList<>();
    for (RowArgument argument : query.arguments()) {
      if (argument instanceof EmbeddedRow row) {
        embedded.add("{@code " + row.component() + "} from {@code " + row.table() + "}");
        arguments.add(construct(row.rowType(), row.values().stream().map(value -> read(query, value)).toList()));
      } else {
        arguments.add(read(query, (ResultValue) argument));
      }
    }
    if (!embedded.isEmpty()) {
      method.addJavadoc(
          "\n<p>Rows of embedded tables, each built from the result columns of its table:\n$L.\n",
          String.join(",\n", embedded));
    }
    return method.addCode("return $L;\n", construct(query.rowType(), arguments)).build();
  }

  /** {@code new Type(...)} with one argument per line. */
  private static CodeBlock construct(TypeName type, List<CodeBlock> arguments) {
    return CodeBlock.of("new $T(\n$>$>$L)$<$<", type, CodeBlock.join(arguments, ",\n"));
  }

  private static CodeBlock read(QueryModel query, ResultValue value) {
    String getter = SqlValueCalls.getter(value.kind(), value.type().isPrimitive());
    return switch (value.kind()) {
      case JSON -> CodeBlock.of(
          "values().$L(resultSet, $L, $N, $N)", getter, value.index(), jsonField(query, value), valueRef(query, value));
      case ENUM -> CodeBlock.of(
          "values().$L(resultSet, $L, $T.class, $N)", getter, value.index(), value.type(), valueRef(query, value));
      default -> CodeBlock.of("values().$L(resultSet, $L, $N)", getter, value.index(), valueRef(query, value));
    };
  }

  private static String sqlField(QueryModel query) {
    return query.memberBase() + "_SQL";
  }

  /** {@code _SQL_POSTGRES}: no other member's name ends so ({@code _SQL}, {@code _PARAM_x}, {@code _COL_n}). */
  private static String postgresSqlField(QueryModel query) {
    return query.memberBase() + "_SQL_POSTGRES";
  }

  /** The instance field holding the SQL of the database's engine: {@code RUN_IDS_2} gives {@code runIds2Sql}. */
  private static String sqlInstanceField(QueryModel query) {
    return camelCase(query.memberBase()) + "Sql";
  }

  private static String postgresOrderField(QueryModel query) {
    return camelCase(query.memberBase()) + "InPostgresOrder";
  }

  private static boolean bindsInOtherOrder(QueryModel query) {
    return query.postgres() != null && !query.postgres().bindOrder().equals(query.bindOrder());
  }

  private static String camelCase(String constantCase) {
    StringBuilder camel = new StringBuilder();
    for (String word : constantCase.toLowerCase(Locale.ROOT).split("_")) {
      camel.append(camel.length() == 0 ? word : Names.capitalize(word));
    }
    return camel.toString();
  }

  private static String parameterRef(QueryModel query, QueryParameter parameter) {
    return query.memberBase() + "_PARAM_" + Names.constantCase(parameter.javaName());
  }

  private static String valueRef(QueryModel query, ResultValue value) {
    return query.memberBase() + "_COL_" + (value.index());
  }

  private static String jsonField(QueryModel query, ResultValue value) {
    return query.memberBase() + "_COL_" + value.index() + "_JSON";
  }
}
