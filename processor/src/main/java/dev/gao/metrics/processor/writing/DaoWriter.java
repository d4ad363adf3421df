package dev.gao.metrics.processor.writing;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import dev.gao.metrics.processor.model.ColumnModel;
import dev.gao.metrics.processor.model.IndexModel;
import dev.gao.metrics.processor.model.TableModel;
import dev.gao.metrics.processor.sql.SqlDialect;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/** Writes the DAO class of one table. */
public final class DaoWriter {
  private final SqlDialect dialect;
  private final TableInfoLiteral tableInfo;

  /** A writer rendering SQL with {@code dialect}. */
  public DaoWriter(SqlDialect dialect) {
    this.dialect = dialect;
    this.tableInfo = new TableInfoLiteral(dialect);
  }

  /** The DAO of {@code table}, named by {@link GeneratedNames#dao}. */
  public TypeSpec write(TableModel table) {
    ClassName dao = GeneratedNames.dao(table.rowType());
    MemberNames names = new MemberNames(table);
    ValueCodec codec = new ValueCodec(table, names);
    TypeSpec.Builder type =
        TypeSpec.classBuilder(dao)
            .addModifiers(table.publicType() ? new Modifier[] {Modifier.PUBLIC, Modifier.FINAL} : new Modifier[] {Modifier.FINAL})
            .superclass(ParameterizedTypeName.get(RuntimeTypes.TABLE_DAO, table.rowType()))
            .addJavadoc(classJavadoc(table));
    type.addField(
        FieldSpec.builder(RuntimeTypes.TABLE_INFO, "TABLE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("The structure of table {@code $L}: columns, key, indexes, foreign keys and DDL.\n", table.name())
            .initializer(tableInfo.of(table))
            .build());
    for (ColumnModel column : table.columns()) {
      type.addField(
          FieldSpec.builder(RuntimeTypes.COLUMN_REF, names.columnRef(column), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
              .addJavadoc("Names column {@code $L} in error messages.\n", column.name())
              .initializer("new $T($S, $S)", RuntimeTypes.COLUMN_REF, table.name(), column.name())
              .build());
    }
    for (ColumnModel column : table.columns()) {
      if (column.json()) {
        TypeName jsonType = ParameterizedTypeName.get(RuntimeTypes.JSON_TYPE, column.javaType());
        type.addField(
            FieldSpec.builder(jsonType, names.jsonType(column), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The Java type of JSON column {@code $L}, generic arguments included.\n", column.name())
                .initializer("new $T() {}", jsonType)
                .build());
      }
    }
    new DaoStatements(dialect, table, names).fields().forEach(type::addField);
    DaoQueries queries = new DaoQueries(table, dao, names, codec);
    type.addMethod(
        MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PUBLIC)
            .addParameter(RuntimeTypes.METRICS_DATABASE, "database")
            .addJavadoc(
                "A DAO of table {@code $L} in {@code database}.\n\n"
                    + "@param database an open database whose schema has table {@code $L}\n"
                    + "@throws IllegalArgumentException if the database's schema has no such table\n",
                table.name(),
                table.name())
            .addStatement("super(database, TABLE)")
            .build());
    queries.methods().forEach(type::addMethod);
    type.addMethod(bindRow(table, codec));
    type.addMethod(readRow(table, codec));
    if (!table.foreignKeys().isEmpty()) {
      type.addMethod(foreignKeyValues(table));
    }
    type.addType(columnEnum(table, names));
    return type.build();
  }

  private CodeBlock classJavadoc(TableModel table) {
    List<String> ddl = new ArrayList<>();
    ddl.add(dialect.createTable(table) + ";");
    for (IndexModel index : table.indexes()) {
      ddl.add(dialect.createIndex(table, index) + ";");
    }
    return CodeBlock.of(
        "Data access for table {@code $L}, whose rows are {@link $T}.\n\n<pre>\n$L\n</pre>\n\n$L",
        table.name(),
        table.rowType(),
        JavadocText.escape(String.join("\n", ddl)),
        "<p>Every method joins the calling thread's transaction on the database, if there is one, or\n"
            + "runs in its own: writes in an {@code IMMEDIATE} transaction (several rows atomically), reads on\n"
            + "a pooled connection. To group several calls into one unit of work, call them inside\n"
            + "{@code MetricsDatabase.inTransaction}.\n");
  }

  private MethodSpec bindRow(TableModel table, ValueCodec codec) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("bindRow")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PROTECTED)
            .addParameter(PreparedStatement.class, "statement")
            .addParameter(table.rowType(), "row")
            .addException(SQLException.class)
            .addJavadoc("Binds every column of {@code row}, in table order, to parameters 1 to $L.\n", table.columns().size());
    int index = 1;
    for (ColumnModel column : table.columns()) {
      method.addStatement(codec.bind("statement", index++, column.accessor().expression("row"), column, true));
    }
    return method.build();
  }

  private MethodSpec readRow(TableModel table, ValueCodec codec) {
    List<CodeBlock> values = new ArrayList<>();
    int index = 1;
    for (ColumnModel column : table.columns()) {
      values.add(codec.read("resultSet", index++, column));
    }
    return MethodSpec.methodBuilder("readRow")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PROTECTED)
        .addParameter(ResultSet.class, "resultSet")
        .returns(table.rowType())
        .addException(SQLException.class)
        .addJavadoc("Reads the current row of {@code resultSet}, whose columns are in table order.\n")
        .addCode("return new $T(\n$>$>$L);\n$<$<", table.rowType(), CodeBlock.join(values, ",\n"))
        .build();
  }

  private static MethodSpec foreignKeyValues(TableModel table) {
    List<CodeBlock> values =
        table.foreignKeys().stream()
            .map(fk -> CodeBlock.of("$L", table.column(fk.column()).orElseThrow().accessor().expression("row")))
            .toList();
    return MethodSpec.methodBuilder("foreignKeyValues")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PROTECTED)
        .addParameter(table.rowType(), "row")
        .returns(Object[].class)
        .addJavadoc("The values of the foreign-key columns of {@code row}, in foreign-key order.\n")
        .addStatement("return new Object[] {$L}", CodeBlock.join(values, ", "))
        .build();
  }

  private TypeSpec columnEnum(TableModel table, MemberNames names) {
    TypeSpec.Builder columns =
        TypeSpec.enumBuilder("Column")
            .addModifiers(Modifier.PUBLIC)
            .addJavadoc("The columns of table {@code $L}, to order listings by.\n", table.name())
            .addField(
                FieldSpec.builder(String.class, "sql", Modifier.PRIVATE, Modifier.FINAL)
                    .addJavadoc("The quoted SQL name.\n")
                    .build())
            .addMethod(
                MethodSpec.constructorBuilder()
                    .addJavadoc("A column with the quoted SQL name {@code sql}.\n")
                    .addParameter(String.class, "sql")
                    .addStatement("this.sql = sql")
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("sql")
                    .addModifiers(Modifier.PUBLIC)
                    .returns(String.class)
                    .addJavadoc("The quoted SQL name of the column.\n\n@return the column name as SQL writes it\n")
                    .addStatement("return sql")
                    .build());
    for (ColumnModel column : table.columns()) {
      columns.addEnumConstant(
          names.constant(column),
          TypeSpec.anonymousClassBuilder("$S", dialect.quote(column.name()))
              .addJavadoc("Column {@code $L}.\n", column.name())
              .build());
    }
    return columns.build();
  }
}
