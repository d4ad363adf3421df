package dev.gao.metrics.processor.writing;

import dev.gao.metrics.processor.model.ColumnModel;
import dev.gao.metrics.processor.model.TableModel;
import dev.gao.metrics.processor.parsing.Names;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Names of the members a DAO declares per column: the {@code ColumnRef} constant and the {@code
 * JsonType} field. Both derive from the SQL name ({@code run_id -> RUN_ID}); should two columns map
 * to one name, the later ones get a numeric suffix.
 */
final class MemberNames {
  private final Map<String, String> constants = new HashMap<>();

  MemberNames(TableModel table) {
    Set<String> used = new HashSet<>();
    for (ColumnModel column : table.columns()) {
      String base = Names.constantCase(column.name());
      String constant = base;
      for (int n = 2; !used.add(constant); n++) {
        constant = base + "_" + n;
      }
      constants.put(column.name(), constant);
    }
  }

  /** The name both members derive from, for example {@code RUN_ID}. */
  private String constant(ColumnModel column) {
    return constants.get(column.name());
  }

  /** The public {@code ColumnRef} constant, for example {@code COL_RUN_ID}. */
  String columnRef(ColumnModel column) {
    return "COL_" + constant(column);
  }

  /** The {@code JsonType} field, for example {@code PHASE_TIMES_JSON}. */
  String jsonType(ColumnModel column) {
    return constant(column) + "_JSON";
  }
}
