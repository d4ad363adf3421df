package dev.gao.metrics.processor.migration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The renames declared for one step: tables and columns, each from its old to its new name.
 *
 * @param tables the renamed tables
 * @param columns the renamed columns; their {@code table} is the table's name after the step
 */
public record Renames(List<TableRename> tables, List<ColumnRename> columns) {
  /** No renames. */
  public static final Renames NONE = new Renames(List.of(), List.of());

  /** Sorts and copies the lists, so equal declarations give equal values. */
  public Renames {
    tables = tables.stream().sorted(Comparator.comparing(TableRename::to)).toList();
    columns =
        columns.stream()
            .sorted(Comparator.comparing(ColumnRename::table).thenComparing(ColumnRename::to))
            .toList();
  }

  /**
   * A table renamed from {@code from} to {@code to}.
   *
   * @param from the old name
   * @param to the new name
   */
  public record TableRename(String from, String to) {}

  /**
   * A column of table {@code table} renamed from {@code from} to {@code to}.
   *
   * @param table the table's name after the step
   * @param from the old column name
   * @param to the new column name
   */
  public record ColumnRename(String table, String from, String to) {}

  /** The old name of the table now named {@code newName}, if it was renamed. */
  public Optional<String> tableSource(String newName) {
    return tables.stream().filter(r -> r.to().equals(newName)).map(TableRename::from).findFirst();
  }

  /** The old name of column {@code newColumn} of the table now named {@code newTable}, if renamed. */
  public Optional<String> columnSource(String newTable, String newColumn) {
    return columns.stream()
        .filter(r -> r.table().equals(newTable) && r.to().equals(newColumn))
        .map(ColumnRename::from)
        .findFirst();
  }

  /** The same renames seen from the other side of the step, for the inverse step. */
  public Renames inverse() {
    List<TableRename> inverseTables = new ArrayList<>();
    tables.forEach(r -> inverseTables.add(new TableRename(r.to(), r.from())));
    List<ColumnRename> inverseColumns = new ArrayList<>();
    for (ColumnRename rename : columns) {
      String oldTable = tableSource(rename.table()).orElse(rename.table());
      inverseColumns.add(new ColumnRename(oldTable, rename.to(), rename.from()));
    }
    return new Renames(inverseTables, inverseColumns);
  }

  /** Whether nothing was renamed. */
  public boolean isEmpty() {
    return tables.isEmpty() && columns.isEmpty();
  }
}
