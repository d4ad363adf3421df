package dev.gao.metrics.processor.writing;

import com.squareup.javapoet.ArrayTypeName;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.WildcardTypeName;
import dev.gao.metrics.processor.model.ColumnModel;
import dev.gao.metrics.processor.model.Lookup;
import dev.gao.metrics.processor.model.Lookups;
import dev.gao.metrics.processor.model.TableModel;
import dev.gao.metrics.processor.parsing.Names;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;

/** The public methods of a DAO, and the private method that binds an update. */
final class DaoQueries {
  private final TableModel table;
  private final ClassName dao;
  private final MemberNames names;
  private final ValueCodec codec;
  private final List<Lookup> lookups;
  private final String binder;
  private final boolean auto;

  DaoQueries(TableModel table, ClassName dao, MemberNames names, ValueCodec codec) {
    this.table = table;
    this.dao = dao;
    this.names = names;
    this.codec = codec;
    this.lookups = Lookups.of(table);
    this.auto = table.autoIncrement();
    Set<String> properties = new HashSet<>();
    table.columns().forEach(c -> properties.add(c.property()));
    String name = "statement";
    for (int n = 2; properties.contains(name); n++) {
      name = "statement" + n;
    }
    this.binder = name;
  }

  List<MethodSpec> methods() {
    List<MethodSpec> methods = new ArrayList<>();
    methods.add(insert());
    methods.add(insertAll());
    methods.add(insertBatch());
    methods.add(upsert());
    methods.add(findById());
    lookups.forEach(lookup -> methods.add(findBy(lookup)));
    methods.add(listPage());
    methods.add(listOrdered());
    methods.add(update());
    methods.add(deleteById());
    methods.add(count());
    methods.add(exists());
    methods.add(stream());
    methods.add(bindUpdate());
    return methods;
  }

  private MethodSpec insert() {
    MethodSpec.Builder method = publicMethod("insert").addParameter(table.rowType(), "row");
    if (auto) {
      return method
          .returns(TypeName.LONG)
          .addJavadoc(
              "Inserts {@code row}. A key of 0 (or null) lets the database assign the next key, which is\n"
                  + "never reused.\n\n@param row the row to insert\n@return the key of the inserted row\n")
          .addStatement("return insertRowReturningKey(INSERT_SQL, row)")
          .build();
    }
    return method
        .addJavadoc("Inserts {@code row}.\n\n@param row the row to insert\n")
        .addStatement("insertRow(INSERT_SQL, row)")
        .build();
  }

  private MethodSpec insertAll() {
    MethodSpec.Builder method =
        publicMethod("insertAll")
            .addParameter(
                ParameterizedTypeName.get(ClassName.get(Iterable.class), WildcardTypeName.subtypeOf(table.rowType())),
                "rows");
    if (auto) {
      return method
          .returns(ArrayTypeName.of(TypeName.LONG))
          .addJavadoc(
              "Inserts all {@code rows} in one transaction: all or none.\n\n"
                  + "@param rows the rows to insert\n@return the keys of the inserted rows, in order\n")
          .addStatement("return insertRowsReturningKeys(INSERT_SQL, rows)")
          .build();
    }
    return method
        .returns(TypeName.INT)
        .addJavadoc(
            "Inserts all {@code rows} in one transaction, in batches: all or none.\n\n"
                + "@param rows the rows to insert\n@return the number of rows inserted\n")
        .addStatement("return insertRows(INSERT_SQL, rows)")
        .build();
  }

  private MethodSpec insertBatch() {
    return publicMethod("insertBatch")
        .addParameter(
            ParameterizedTypeName.get(ClassName.get(Iterable.class), WildcardTypeName.subtypeOf(table.rowType())),
            "rows")
        .returns(TypeName.INT)
        .addJavadoc(
            "Inserts all {@code rows} in one transaction, in JDBC batches, without reading back keys: all or\n"
                + "none. The fastest way to load many rows"
                + (auto ? "; use {@link #insertAll} for their keys" : "")
                + ".\n\n@param rows the rows to insert\n@return the number of rows inserted\n")
        .addStatement("return insertRows($L, rows)", auto ? "INSERT_BATCH_SQL" : "INSERT_SQL")
        .build();
  }

  private MethodSpec upsert() {
    MethodSpec.Builder method =
        publicMethod("upsert")
            .addParameter(table.rowType(), "row");
    if (auto) {
      return method
          .returns(TypeName.LONG)
          .addJavadoc(
              "Inserts {@code row}, or updates the row with its key if there is one. A key of 0 (or null)\n"
                  + "always inserts.\n\n@param row the row to write\n@return the key of the written row\n")
          .addStatement("return insertRowReturningKey(UPSERT_SQL, row)")
          .build();
    }
    return method
        .addJavadoc(
            "Inserts {@code row}, or updates the row with its key if there is one.\n\n@param row the row to write\n")
        .addStatement("insertRow(UPSERT_SQL, row)")
        .build();
  }

  private MethodSpec findById() {
    List<ColumnModel> key = table.keyColumns();
    return publicMethod("findById")
        .addParameters(parameters(key))
        .returns(ParameterizedTypeName.get(ClassName.get(Optional.class), table.rowType()))
        .addJavadoc(
            "The row with the given key.\n\n$L@return the row, or empty if there is none\n", paramDocs(key))
        .addCode("return queryOne(SELECT_BY_ID_SQL, $L);\n", binder(key))
        .build();
  }

  private MethodSpec findBy(Lookup lookup) {
    List<ColumnModel> columns = columns(lookup);
    String name = "findBy" + columns.stream().map(c -> Names.capitalize(c.property())).collect(Collectors.joining("And"));
    String sqlName = names.lookupSql(columns);
    String condition = columns.stream().map(c -> "{@code " + c.name() + "}").collect(Collectors.joining(" and "));
    MethodSpec.Builder method = publicMethod(name).addParameters(parameters(columns));
    if (lookup.unique()) {
      return method
          .returns(ParameterizedTypeName.get(ClassName.get(Optional.class), table.rowType()))
          .addJavadoc(
              "The row with the given $L (a unique index).\n\n$L@return the row, or empty if there is none\n",
              condition,
              paramDocs(columns))
          .addCode("return queryOne($N, $L);\n", sqlName, binder(columns))
          .build();
    }
    return method
        .returns(list())
        .addJavadoc(
            "The rows with the given $L, ordered by primary key.\n\n$L@return the matching rows\n",
            condition,
            paramDocs(columns))
        .addCode("return queryList($N, $L);\n", sqlName, binder(columns))
        .build();
  }

  private MethodSpec listPage() {
    return publicMethod("list")
        .addParameter(TypeName.INT, "limit")
        .addParameter(TypeName.LONG, "offset")
        .returns(list())
        .addJavadoc(
            "A page of rows ordered by primary key.\n\n@param limit the most rows to return\n"
                + "@param offset how many rows to skip first\n@return the rows of the page\n")
        .addCode("return queryList(SELECT_PAGE_SQL, $L);\n", pageBinder())
        .build();
  }

  private MethodSpec listOrdered() {
    ClassName column = dao.nestedClass("Column");
    return publicMethod("list")
        .addParameter(column, "orderBy")
        .addParameter(RuntimeTypes.SORT_ORDER, "order")
        .addParameter(TypeName.INT, "limit")
        .addParameter(TypeName.LONG, "offset")
        .returns(list())
        .addJavadoc(
            "A page of rows ordered by a column; rows with equal values are ordered by primary key.\n\n"
                + "@param orderBy the column to order by\n@param order ascending or descending\n"
                + "@param limit the most rows to return\n@param offset how many rows to skip first\n"
                + "@return the rows of the page\n")
        .addStatement("$T.requireNonNull(orderBy, $S)", Objects.class, "orderBy")
        .addStatement("$T.requireNonNull(order, $S)", Objects.class, "order")
        .addCode(
            "return queryList(\n$>$>SELECT_ALL_SQL + $S + orderBy.sql() + $S + order.name() + ORDERED_PAGE_TAIL_SQL,\n$L);\n$<$<",
            " ORDER BY ",
            " ",
            pageBinder())
        .build();
  }

  private MethodSpec update() {
    return publicMethod("update")
        .addParameter(table.rowType(), "row")
        .returns(TypeName.BOOLEAN)
        .addJavadoc(
            "Writes the non-key columns of {@code row} to the row with its key.\n\n"
                + "@param row the new values\n@return whether a row with that key exists (and was updated)\n")
        .addStatement("return updateRow(UPDATE_SQL, $L -> bindUpdate($L, row), row) > 0", binder, binder)
        .build();
  }

  private MethodSpec deleteById() {
    List<ColumnModel> key = table.keyColumns();
    return publicMethod("deleteById")
        .addParameters(parameters(key))
        .returns(TypeName.BOOLEAN)
        .addJavadoc(
            "Deletes the row with the given key (and, by cascade, the rows referencing it).\n\n"
                + "$L@return whether a row was deleted\n",
            paramDocs(key))
        .addCode("return executeUpdate(DELETE_BY_ID_SQL, $L) > 0;\n", binder(key))
        .build();
  }

  private MethodSpec count() {
    return publicMethod("count")
        .returns(TypeName.LONG)
        .addJavadoc("The number of rows.\n\n@return the row count\n")
        .addStatement("return queryLong(COUNT_SQL, $T.NONE)", RuntimeTypes.STATEMENT_BINDER)
        .build();
  }

  private MethodSpec exists() {
    List<ColumnModel> key = table.keyColumns();
    return publicMethod("exists")
        .addParameters(parameters(key))
        .returns(TypeName.BOOLEAN)
        .addJavadoc("Whether a row with the given key exists.\n\n$L@return whether it exists\n", paramDocs(key))
        .addCode("return queryLong(EXISTS_SQL, $L) != 0;\n", binder(key))
        .build();
  }

  private MethodSpec stream() {
    return publicMethod("stream")
        .returns(ParameterizedTypeName.get(ClassName.get(Stream.class), table.rowType()))
        .addJavadoc(
            "Every row ordered by primary key, read lazily, never all in memory. The stream holds a\n"
                + "connection until it is closed: use it in a try-with-resources statement.\n\n"
                + "@return the rows; close it when done\n")
        .addStatement("return queryStream(SELECT_ALL_ORDERED_SQL, $T.NONE)", RuntimeTypes.STATEMENT_BINDER)
        .build();
  }

  private MethodSpec bindUpdate() {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder("bindUpdate")
            .addModifiers(Modifier.PRIVATE)
            .addParameter(PreparedStatement.class, "statement")
            .addParameter(table.rowType(), "row")
            .addException(SQLException.class)
            .addJavadoc("Binds the parameters of {@code UPDATE_SQL}: the non-key columns, then the key.\n");
    int index = 1;
    List<ColumnModel> order = new ArrayList<>(table.nonKeyColumns());
    order.addAll(table.keyColumns());
    for (ColumnModel column : order) {
      method.addStatement(codec.bind("statement", index++, column.accessor().expression("row"), column, false));
    }
    return method.build();
  }

  private CodeBlock binder(List<ColumnModel> columns) {
    List<CodeBlock> binds = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      ColumnModel column = columns.get(i);
      binds.add(codec.bind(binder, i + 1, column.property(), column, false));
    }
    if (binds.size() == 1) {
      return CodeBlock.of("$L -> $L", binder, binds.get(0));
    }
    CodeBlock.Builder block = CodeBlock.builder().add("$L -> {\n$>", binder);
    binds.forEach(b -> block.add("$L;\n", b));
    return block.add("$<}").build();
  }

  private CodeBlock pageBinder() {
    return CodeBlock.builder()
        .add("$L -> {\n$>", binder)
        .add("$L.setInt(1, limit);\n", binder)
        .add("$L.setLong(2, offset);\n", binder)
        .add("$<}")
        .build();
  }

  private List<ParameterSpec> parameters(List<ColumnModel> columns) {
    return columns.stream().map(c -> ParameterSpec.builder(c.javaType(), c.property()).build()).toList();
  }

  private static String paramDocs(List<ColumnModel> columns) {
    return columns.stream()
        .map(c -> "@param " + c.property() + " the value of column {@code " + c.name() + "}\n")
        .collect(Collectors.joining());
  }

  private List<ColumnModel> columns(Lookup lookup) {
    return lookup.columns().stream().map(c -> table.column(c).orElseThrow()).toList();
  }

  private TypeName list() {
    return ParameterizedTypeName.get(ClassName.get(List.class), table.rowType());
  }

  private static MethodSpec.Builder publicMethod(String name) {
    return MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC);
  }
}
