package dev.gao.metrics.processor.parsing;

import dev.gao.metrics.processor.model.ForeignKeyModel;
import dev.gao.metrics.processor.model.IndexModel;
import dev.gao.metrics.processor.model.TableModel;
import java.util.ArrayList;
import java.util.List;

/** Adds an index to every foreign-key column that no index or primary key leads with. */
public final class IndexPlanner {
  private IndexPlanner() {}

  /** The declared indexes followed by the automatic ones, in foreign-key order. */
  public static List<IndexModel> withAutomaticIndexes(TableModel table, List<ForeignKeyModel> foreignKeys) {
    List<IndexModel> indexes = new ArrayList<>(table.indexes());
    List<String> key = table.primaryKey();
    for (ForeignKeyModel foreignKey : foreignKeys) {
      String column = foreignKey.column();
      boolean covered =
          (!key.isEmpty() && key.get(0).equals(column))
              || indexes.stream().anyMatch(i -> i.columns().get(0).equals(column));
      if (!covered) {
        indexes.add(new IndexModel("idx_" + table.name() + "_" + column, List.of(column), false, true));
      }
    }
    return indexes;
  }
}
