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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * The public methods of a DAO that depend on the row's key type: thin typed methods over the
 * protected operations of {@code TableDao}, which renders their SQL from the table's structure. The
 * operations that do not depend on the key ({@code insertBatch}, {@code update}, both {@code list}
 * methods, {@code count}, {@code stream}) are {@code TableDao}'s own.
 */
final class DaoQueries {
  private final TableModel table;
  private final ValueCodec codec;
  private final List<Lookup> lookups;
  private final boolean auto;

  DaoQueries(TableModel table, ValueCodec codec) {
    this.table = table;
    this.codec = codec;
    this.lookups = Lookups.of(table);
    this.auto = table.autoIncrement();
  }

  List<MethodSpec> methods() {
    List<MethodSpec> methods = new ArrayList<>();
    methods.add(insert());
    methods.add(insertAll());
    methods.add(upsert());
    methods.add(findById());
    lookups.forEach(lookup -> methods.add(findBy(lookup)));
    methods.add(deleteById());
    methods.add(exists());
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
          .addStatement("return insertRowReturningKey(row)")
          .build();
    }
    return method
        .addJavadoc("Inserts {@code row}.\n\n@param row the row to insert\n")
        .addStatement("insertRow(row)")
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
              "Inserts all {@code rows} in one transaction: all or none. To load many rows without their\n"
                  + "keys, {@link #insertBatch} is faster.\n\n"
                  + "@param rows the rows to insert\n@return the keys of the inserted rows, in order\n")
          .addStatement("return insertRowsReturningKeys(rows)")
          .build();
    }
    return method
        .returns(TypeName.INT)
        .addJavadoc(
            "Inserts all {@code rows} in one transaction, in batches: all or none, as {@link #insertBatch}.\n\n"
                + "@param rows the rows to insert\n@return the number of rows inserted\n")
        .addStatement("return insertBatch(rows)")
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
          .addStatement("return upsertRowReturningKey(row)")
          .build();
    }
    return method
        .addJavadoc(
            "Inserts {@code row}, or updates the row with its key if there is one.\n\n@param row the row to write\n")
        .addStatement("upsertRow(row)")
        .build();
  }

  private MethodSpec findById() {
    List<ColumnModel> key = table.keyColumns();
    return publicMethod("findById")
        .addParameters(parameters(key))
        .returns(ParameterizedTypeName.get(ClassName.get(Optional.class), table.rowType()))
        .addJavadoc(
            "The row with the given key.\n\n$L@return the row, or empty if there is none\n", paramDocs(key))
        .addStatement("return findOneByKey($L)", values(key))
        .build();
  }

  private MethodSpec findBy(Lookup lookup) {
    List<ColumnModel> columns = columns(lookup);
    String name = "findBy" + columns.stream().map(c -> Names.capitalize(c.property())).collect(Collectors.joining("And"));
    String condition = columns.stream().map(c -> "{@code " + c.name() + "}").collect(Collectors.joining(" and "));
    CodeBlock names =
        CodeBlock.of(
            "new $T[] {$L}",
            String.class,
            CodeBlock.join(lookup.columns().stream().map(c -> CodeBlock.of("$S", c)).toList(), ", "));
    MethodSpec.Builder method = publicMethod(name).addParameters(parameters(columns));
    if (lookup.unique()) {
      return method
          .returns(ParameterizedTypeName.get(ClassName.get(Optional.class), table.rowType()))
          .addJavadoc(
              "The row with the given $L (a unique index).\n\n$L@return the row, or empty if there is none\n",
              condition,
              paramDocs(columns))
          .addStatement("return findOneWhere($L, $L)", names, values(columns))
          .build();
    }
    return method
        .returns(ParameterizedTypeName.get(ClassName.get(List.class), table.rowType()))
        .addJavadoc(
            "The rows with the given $L, ordered by primary key.\n\n$L@return the matching rows\n",
            condition,
            paramDocs(columns))
        .addStatement("return findAllWhere($L, $L)", names, values(columns))
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
        .addStatement("return deleteByKey($L)", values(key))
        .build();
  }

  private MethodSpec exists() {
    List<ColumnModel> key = table.keyColumns();
    return publicMethod("exists")
        .addParameters(parameters(key))
        .returns(TypeName.BOOLEAN)
        .addJavadoc("Whether a row with the given key exists.\n\n$L@return whether it exists\n", paramDocs(key))
        .addStatement("return existsByKey($L)", values(key))
        .build();
  }

  /**
   * The values of {@code columns} as the protected lookups of {@code TableDao} take them: the
   * parameters themselves, which it binds by their type, and a JSON value as its JSON text.
   */
  private CodeBlock values(List<ColumnModel> columns) {
    return CodeBlock.join(columns.stream().map(codec::value).toList(), ", ");
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

  private static MethodSpec.Builder publicMethod(String name) {
    return MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC);
  }
}
