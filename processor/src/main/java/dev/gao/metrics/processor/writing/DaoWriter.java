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
import dev.gao.metrics.processor.sql.TriggerSql;
import dev.gao.metrics.processor.structure.Shapes;
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

  /**
   * A writer rendering SQL with {@code dialect}, and each table's PostgreSQL DDL with {@code
   * postgres}.
   */
  public DaoWriter(SqlDialect dialect, SqlDialect postgres) {
    this.dialect = dialect;
    this.tableInfo = new TableInfoLiteral(dialect, postgres);
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
    // One public constant per column, typed by the row type: it names the column in conversion
    // messages and is what list(ColumnRef, ...) takes, so that another table's column does not compile.
    // The type argument is written out: a diamond costs javac an inference per constant.
    TypeName columnRef = ParameterizedTypeName.get(RuntimeTypes.COLUMN_REF, table.rowType());
    for (ColumnModel column : table.columns()) {
      type.addField(
          FieldSpec.builder(columnRef, names.columnRef(column), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
              .addJavadoc("Column {@code $L}, to order listings by.\n", column.name())
              .initializer("new $T($L)", columnRef, JavaLiterals.arguments(table.name(), column.name()))
              .build());
    }
    for (ColumnModel column : table.columns()) {
      if (column.json()) {
        TypeName jsonType = ParameterizedTypeName.get(RuntimeTypes.JSON_TYPE, column.javaType());
        type.addField(
            FieldSpec.builder(jsonType, names.jsonType(column), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc(
                    "The Java type of JSON column {@code $L}, generic arguments included: the declared type of\n"
                        + "{@code $L}.\n",
                    column.name(),
                    column.property())
                .initializer("$T.ofField($T.class, $S)", RuntimeTypes.JSON_TYPE, table.rowType(), column.property())
                .build());
      }
    }
    DaoQueries queries = new DaoQueries(table, codec);
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
    return type.build();
  }

  private CodeBlock classJavadoc(TableModel table) {
    List<String> ddl = new ArrayList<>();
    ddl.add(dialect.createTable(table) + ";");
    for (IndexModel index : table.indexes()) {
      ddl.add(dialect.createIndex(table, index) + ";");
    }
    for (TriggerSql trigger : dialect.triggers(Shapes.of(table))) {
      ddl.add(trigger.createSql() + ";");
    }
    return CodeBlock.of(
        "Data access for table {@code $L}, whose rows are {@link $T}.\n\n<pre>\n$L\n</pre>\n\n"
            + "<p>The methods that do not depend on the key ({@code insertBatch}, {@code update}, {@code list},\n"
            + "{@code count}, {@code stream}) are {@link $T}'s, which renders the SQL of every method from\n"
            + "{@link #TABLE}. Every method joins the calling thread's transaction on the database, if there\n"
            + "is one, or runs in its own: writes in a write transaction (several rows atomically), reads on\n"
            + "a pooled connection. To group several calls into one unit of work, call them inside\n"
            + "{@code MetricsDatabase.inTransaction}. Values are bound and read with the database's\n"
            + "{@code values()}, as its engine (SQLite or PostgreSQL) stores them.\n",
        table.name(),
        table.rowType(),
        JavadocText.escape(String.join("\n", ddl)),
        RuntimeTypes.TABLE_DAO);
  }

  private MethodSpec bindRow(TableModel table, ValueCodec codec) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("bindRow")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PROTECTED)
            .addParameter(PreparedStatement.class, "statement")
            .addParameter(table.rowType(), "row")
            .addException(SQLException.class);
    int index = 1;
    for (ColumnModel column : table.columns()) {
      method.addStatement(codec.bind("statement", index++, column.accessor().expression("row"), column));
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
        .addStatement("return new Object[] {$L}", CodeBlock.join(values, ", "))
        .build();
  }
}
