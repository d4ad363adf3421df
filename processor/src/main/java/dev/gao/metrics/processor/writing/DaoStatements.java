package dev.gao.metrics.processor.writing;

import com.squareup.javapoet.FieldSpec;
import dev.gao.metrics.processor.model.ColumnModel;
import dev.gao.metrics.processor.model.Lookup;
import dev.gao.metrics.processor.model.Lookups;
import dev.gao.metrics.processor.model.TableModel;
import dev.gao.metrics.processor.sql.SqlDialect;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/** The {@code private static final String ..._SQL} constants of a DAO, rendered by the dialect. */
final class DaoStatements {
  private final SqlDialect dialect;
  private final TableModel table;
  private final MemberNames names;
  private final boolean auto;

  DaoStatements(SqlDialect dialect, TableModel table, MemberNames names) {
    this.dialect = dialect;
    this.table = table;
    this.names = names;
    this.auto = table.autoIncrement();
  }

  /** The SQL constants, in the order the DAO declares them. */
  List<FieldSpec> fields() {
    List<FieldSpec> fields = new ArrayList<>();
    fields.add(sql("INSERT_SQL", "Inserts one row" + (auto ? " and returns its key." : "."), dialect.insert(table, auto)));
    if (auto) {
      fields.add(
          sql("INSERT_BATCH_SQL", "Inserts one row of a batch, without returning its key.", dialect.insert(table, false)));
    }
    fields.add(
        sql(
            "UPSERT_SQL",
            "Inserts one row or updates the row with the same key" + (auto ? "; returns the key." : "."),
            dialect.upsert(table)));
    fields.add(sql("SELECT_BY_ID_SQL", "Selects the row with the given key.", dialect.selectWhere(table, table.primaryKey(), false)));
    for (Lookup lookup : Lookups.of(table)) {
      fields.add(
          sql(
              names.lookupSql(columns(lookup)),
              "Selects the rows with the given " + String.join(" and ", lookup.columns()) + ".",
              dialect.selectWhere(table, lookup.columns(), !lookup.unique())));
    }
    fields.add(sql("SELECT_ALL_SQL", "Selects every row, unordered.", dialect.selectAll(table)));
    fields.add(sql("SELECT_ALL_ORDERED_SQL", "Selects every row ordered by the primary key.", dialect.selectAllOrdered(table)));
    fields.add(sql("SELECT_PAGE_SQL", "Selects a page of rows ordered by the primary key.", dialect.selectPage(table)));
    fields.add(
        sql(
            "ORDERED_PAGE_TAIL_SQL",
            "Follows {@code ORDER BY} a column and direction: breaks ties by the primary key, then pages.",
            dialect.orderedPageTail(table)));
    fields.add(sql("UPDATE_SQL", "Updates the non-key columns of the row with the given key.", dialect.update(table)));
    fields.add(sql("DELETE_BY_ID_SQL", "Deletes the row with the given key.", dialect.deleteByKey(table)));
    fields.add(sql("COUNT_SQL", "Counts the rows.", dialect.count(table)));
    fields.add(sql("EXISTS_SQL", "Tells whether a row with the given key exists.", dialect.exists(table)));
    return fields;
  }

  private static FieldSpec sql(String name, String javadoc, String sql) {
    return FieldSpec.builder(String.class, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("$L\n", javadoc)
        .initializer("$S", sql)
        .build();
  }

  private List<ColumnModel> columns(Lookup lookup) {
    return lookup.columns().stream().map(c -> table.column(c).orElseThrow()).toList();
  }
}
