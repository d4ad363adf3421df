package dev.gao.metrics.processor.writing;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import dev.gao.metrics.processor.model.MetricModel;
import dev.gao.metrics.processor.model.TableModel;
import dev.gao.metrics.processor.sql.SqlDialect;
import dev.gao.metrics.processor.sql.TriggerSql;
import dev.gao.metrics.processor.structure.ColumnShape;
import dev.gao.metrics.processor.structure.ForeignKeyShape;
import dev.gao.metrics.processor.structure.IndexShape;
import dev.gao.metrics.processor.structure.Shapes;
import dev.gao.metrics.processor.structure.TableShape;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code new TableInfo(...)} expression holding a table's complete metadata. Lists are written
 * as array initializers, which cost the compiler far less than the generic overloads of {@code
 * List.of}.
 */
final class TableInfoLiteral {
  private final SqlDialect dialect;
  private final SqlDialect postgres;

  /**
   * A writer of table metadata.
   *
   * @param dialect SQLite's dialect, whose SQL the metadata's main fields hold
   * @param postgres PostgreSQL's dialect, whose {@code CREATE TABLE} follows as {@code .on(...)}
   */
  TableInfoLiteral(SqlDialect dialect, SqlDialect postgres) {
    this.dialect = dialect;
    this.postgres = postgres;
  }

  /** The metadata of the current version, with unit and direction of each {@code @Metric} column. */
  CodeBlock of(TableModel table) {
    Map<String, MetricModel> metrics = new HashMap<>();
    table.columns().stream().filter(c -> c.metric() != null).forEach(c -> metrics.put(c.name(), c.metric()));
    return of(Shapes.of(table), metrics);
  }

  /**
   * The metadata of an earlier version, read from its snapshot: ranged columns get a {@code
   * MetricInfo} without unit and with direction {@code NONE}, as snapshots keep only the structure.
   */
  CodeBlock of(TableShape table) {
    return of(table, Map.of());
  }

  private CodeBlock of(TableShape table, Map<String, MetricModel> metrics) {
    return CodeBlock.builder()
        .add("new $T(\n$>$>", RuntimeTypes.TABLE_INFO)
        .add("$L,\n$L,\n", JavaLiterals.string(table.name()), JavaLiterals.string(table.javaType()))
        .add(array(RuntimeTypes.COLUMN_INFO, table.columns(), c -> column(c, metrics.get(c.name()))))
        .add(",\n$L,\n", table.autoIncrement())
        .add(array(RuntimeTypes.INDEX_INFO, table.indexes(), i -> index(table, i)))
        .add(",\n")
        .add(array(RuntimeTypes.FOREIGN_KEY_INFO, table.foreignKeys(), this::foreignKey))
        .add(",\n$S", dialect.createTable(table))
        .add(triggers(table))
        .add("$<$<)")
        .add("\n$>$>.on($T.POSTGRESQL, $S)$<$<", RuntimeTypes.ENGINE, postgres.createTable(table))
        .build();
  }

  /** The table's triggers as a trailing array argument; nothing for a table without triggers. */
  private CodeBlock triggers(TableShape table) {
    List<TriggerSql> triggers = dialect.triggers(table);
    if (triggers.isEmpty()) {
      return CodeBlock.of("");
    }
    return CodeBlock.of(
        ",\n$L",
        array(
            RuntimeTypes.TRIGGER_INFO,
            triggers,
            t -> CodeBlock.of("new $T($L)", RuntimeTypes.TRIGGER_INFO, JavaLiterals.arguments(t.name(), t.createSql()))));
  }

  /** The column's metadata; its SQL type and default are the dialect's rendering, as the runtime reads them. */
  private CodeBlock column(ColumnShape column, MetricModel metric) {
    String arguments =
        JavaLiterals.arguments(
            column.name(),
            dialect.sqlType(column.kind()),
            column.javaType(),
            column.notNull(),
            dialect.defaultSql(column),
            column.primaryKeyPosition(),
            column.json());
    if (metric != null || column.ranged()) {
      return CodeBlock.of(
          "new $T($L,\n$>$>new $T($L, $T.$L, $L, $L)$<$<)",
          RuntimeTypes.COLUMN_INFO,
          arguments,
          RuntimeTypes.METRIC_INFO,
          JavaLiterals.string(metric == null ? "" : metric.unit()),
          RuntimeTypes.BETTER,
          metric == null ? "NONE" : metric.better(),
          bound(column.min()),
          bound(column.max()));
    }
    return CodeBlock.of("new $T($L)", RuntimeTypes.COLUMN_INFO, arguments);
  }

  private CodeBlock index(TableShape table, IndexShape index) {
    return CodeBlock.of(
        "new $T($L, new $T[] {$L}, $L)",
        RuntimeTypes.INDEX_INFO,
        JavaLiterals.string(index.name()),
        String.class,
        JavaLiterals.arguments(index.columns().toArray()),
        JavaLiterals.arguments(index.unique(), index.automatic(), dialect.createIndex(table, index)));
  }

  private CodeBlock foreignKey(ForeignKeyShape foreignKey) {
    return CodeBlock.of(
        "new $T($L)",
        RuntimeTypes.FOREIGN_KEY_INFO,
        JavaLiterals.arguments(
            foreignKey.column(),
            foreignKey.referencedTable(),
            foreignKey.referencedColumn(),
            foreignKey.onDelete(),
            foreignKey.onUpdate()));
  }

  /** A bound as a Java double expression. */
  private static CodeBlock bound(double value) {
    if (value == Double.NEGATIVE_INFINITY) {
      return CodeBlock.of("$T.NEGATIVE_INFINITY", Double.class);
    }
    if (value == Double.POSITIVE_INFINITY) {
      return CodeBlock.of("$T.POSITIVE_INFINITY", Double.class);
    }
    String text = ColumnShape.boundText(value);
    return CodeBlock.of("$L", text.contains(".") || text.contains("E") ? text : text + ".0");
  }

  private static <T> CodeBlock array(ClassName type, List<T> items, Function<T, CodeBlock> element) {
    if (items.isEmpty()) {
      return CodeBlock.of("new $T[] {}", type);
    }
    return CodeBlock.of(
        "new $T[] {\n$>$>$L$<$<}", type, CodeBlock.join(items.stream().map(element).toList(), ",\n"));
  }
}
