package dev.gao.metrics.processor.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Decides which {@code findBy...} methods a DAO has. */
public final class Lookups {
  private Lookups() {}

  /**
   * One lookup by the leading column of each index and one by all columns of each multi-column
   * index, in index order, without duplicates and without one that is exactly the primary key. A
   * lookup is unique when a unique index has exactly its columns.
   */
  public static List<Lookup> of(TableModel table) {
    Map<List<String>, Boolean> lookups = new LinkedHashMap<>();
    var key = new HashSet<>(table.primaryKey());
    for (IndexModel index : table.indexes()) {
      List<String> leading = List.of(index.columns().get(0));
      add(lookups, leading, index.unique() && index.columns().size() == 1, key);
      if (index.columns().size() > 1) {
        add(lookups, index.columns(), index.unique(), key);
      }
    }
    List<Lookup> result = new ArrayList<>();
    lookups.forEach((columns, unique) -> result.add(new Lookup(columns, unique)));
    return result;
  }

  private static void add(
      Map<List<String>, Boolean> lookups, List<String> columns, boolean unique, Set<String> key) {
    if (key.size() == columns.size() && key.containsAll(columns)) {
      return;
    }
    lookups.merge(columns, unique, Boolean::logicalOr);
  }
}
