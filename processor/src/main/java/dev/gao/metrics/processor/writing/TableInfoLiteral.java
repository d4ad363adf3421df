package dev.gao.metrics.processor.writing;

import com.squareup.javapoet.CodeBlock;
import dev.gao.metrics.processor.model.TableModel;
import dev.gao.metrics.processor.sql.SqlDialect;
import dev.gao.metrics.processor.structure.ColumnShape;
import dev.gao.metrics.processor.structure.ForeignKeyShape;
import dev.gao.metrics.processor.structure.IndexShape;
import dev.gao.metrics.processor.structure.Shapes;
import dev.gao.metrics.processor.structure.TableShape;
import java.util.List;
import java.util.function.Function;

/** The {@code new TableInfo(...)} expression holding a table's complete metadata. */
final class TableInfoLiteral {
  private final SqlDialect dialect;

  TableInfoLiteral(SqlDialect dialect) {
    this.dialect = dialect;
  }

  CodeBlock of(TableModel table) {
    return of(Shapes.of(table, dialect));
  }

  CodeBlock of(TableShape table) {
    return CodeBlock.builder()
        .add("new $T(\n$>$>", RuntimeTypes.TABLE_INFO)
        .add("$S,\n$S,\n", table.name(), table.javaType())
        .add(list(table.columns(), this::column))
        .add(",\n$L,\n", table.autoIncrement())
        .add(list(table.indexes(), i -> index(table, i)))
        .add(",\n")
        .add(list(table.foreignKeys(), this::foreignKey))
        .add(",\n$S$<$<)", dialect.createTable(table))
        .build();
  }

  private CodeBlock column(ColumnShape column) {
    return CodeBlock.of(
        "new $T($S, $S, $S, $L, $S, $L, $L)",
        RuntimeTypes.COLUMN_INFO,
        column.name(),
        column.sqlType(),
        column.javaType(),
        column.notNull(),
        column.defaultSql(),
        column.primaryKeyPosition(),
        column.json());
  }

  private CodeBlock index(TableShape table, IndexShape index) {
    return CodeBlock.of(
        "new $T($S, $L, $L, $L, $S)",
        RuntimeTypes.INDEX_INFO,
        index.name(),
        strings(index.columns()),
        index.unique(),
        index.automatic(),
        dialect.createIndex(table, index));
  }

  private CodeBlock foreignKey(ForeignKeyShape foreignKey) {
    return CodeBlock.of(
        "new $T($S, $S, $S, $S, $S)",
        RuntimeTypes.FOREIGN_KEY_INFO,
        foreignKey.column(),
        foreignKey.referencedTable(),
        foreignKey.referencedColumn(),
        foreignKey.onDelete(),
        foreignKey.onUpdate());
  }

  private static CodeBlock strings(List<String> values) {
    return CodeBlock.of(
        "$T.of($L)",
        List.class,
        CodeBlock.join(values.stream().map(v -> CodeBlock.of("$S", v)).toList(), ", "));
  }

  private static <T> CodeBlock list(List<T> items, Function<T, CodeBlock> element) {
    if (items.isEmpty()) {
      return CodeBlock.of("$T.of()", List.class);
    }
    return CodeBlock.of(
        "$T.of(\n$>$>$L$<$<)",
        List.class,
        CodeBlock.join(items.stream().map(element).toList(), ",\n"));
  }
}
