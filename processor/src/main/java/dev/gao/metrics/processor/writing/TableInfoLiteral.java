package dev.gao.metrics.processor.writing;

import com.squareup.javapoet.CodeBlock;
import dev.gao.metrics.processor.model.ColumnModel;
import dev.gao.metrics.processor.model.ForeignKeyModel;
import dev.gao.metrics.processor.model.IndexModel;
import dev.gao.metrics.processor.model.TableModel;
import dev.gao.metrics.processor.sql.SqlDialect;
import java.util.List;
import java.util.function.Function;

/** The {@code new TableInfo(...)} expression holding a table's complete metadata. */
final class TableInfoLiteral {
  private final SqlDialect dialect;

  TableInfoLiteral(SqlDialect dialect) {
    this.dialect = dialect;
  }

  CodeBlock of(TableModel table) {
    return CodeBlock.builder()
        .add("new $T(\n$>$>", RuntimeTypes.TABLE_INFO)
        .add("$S,\n$S,\n", table.name(), table.qualifiedName())
        .add(list(table.columns(), c -> column(table, c)))
        .add(",\n$L,\n", table.autoIncrement())
        .add(list(table.indexes(), i -> index(table, i)))
        .add(",\n")
        .add(list(table.foreignKeys(), this::foreignKey))
        .add(",\n$S$<$<)", dialect.createTable(table))
        .build();
  }

  private CodeBlock column(TableModel table, ColumnModel column) {
    return CodeBlock.of(
        "new $T($S, $S, $S, $L, $S, $L, $L)",
        RuntimeTypes.COLUMN_INFO,
        column.name(),
        dialect.sqlType(column.kind()),
        column.javaTypeText(),
        dialect.notNullInDdl(table, column),
        dialect.defaultSql(column),
        column.primaryKeyPosition(),
        column.json());
  }

  private CodeBlock index(TableModel table, IndexModel index) {
    return CodeBlock.of(
        "new $T($S, $L, $L, $L, $S)",
        RuntimeTypes.INDEX_INFO,
        index.name(),
        strings(index.columns()),
        index.unique(),
        index.automatic(),
        dialect.createIndex(table, index));
  }

  private CodeBlock foreignKey(ForeignKeyModel foreignKey) {
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
