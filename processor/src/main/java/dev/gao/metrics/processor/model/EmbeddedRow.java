package dev.gao.metrics.processor.model;

import com.squareup.javapoet.TypeName;
import java.util.List;

/**
 * A record component of a query result that is a table row, built from the result columns taken
 * from that table.
 *
 * @param component the name of the record component
 * @param rowType the table's row type
 * @param table the SQL table name
 * @param values the values of the row, one per column of the table, in constructor order
 */
public record EmbeddedRow(String component, TypeName rowType, String table, List<ResultValue> values)
    implements RowArgument {

  /** Copies the list. */
  public EmbeddedRow {
    values = List.copyOf(values);
  }
}
