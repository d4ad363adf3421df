package dev.gao.metrics.processor.parsing;

import dev.gao.metrics.processor.diag.Message;
import dev.gao.metrics.processor.diag.Problem;
import dev.gao.metrics.processor.model.IndexModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;

/** Reads the declared indexes of a table. */
final class IndexReader {
  private final Annotations annotations;

  IndexReader(Annotations annotations) {
    this.annotations = annotations;
  }

  /** Reads the indexes declared in {@code @MetricsTable(indexes)} of the table {@code type}. */
  List<IndexModel> read(
      TypeElement type, AnnotationMirror table, String tableName, List<ColumnDraft> columns, List<Problem> problems) {
    List<IndexModel> indexes = new ArrayList<>();
    for (AnnotationValue value : annotations.list(table, "indexes")) {
      AnnotationMirror index = (AnnotationMirror) value.getValue();
      AnnotationValue columnsValue = Annotations.explicitValue(index, "columns").orElse(null);
      List<String> written = annotations.list(index, "columns").stream().map(v -> (String) v.getValue()).toList();
      String name = annotations.string(index, "name");
      boolean derived = name.isEmpty();
      if (derived) {
        name = "idx_" + tableName + "_" + String.join("_", written);
      } else {
        if (!Names.isSqlIdentifier(name)) {
          problems.add(
              Problem.on(
                  type, index, Annotations.explicitValue(index, "name").orElse(null), Message.INVALID_IDENTIFIER, "index", name));
        }
      }
      (derived
              ? NameLengths.derived("index name", name, NameLengths.NAME_THE_INDEX, tableName)
              : NameLengths.check("index name", name, NameLengths.SHORTER_NAME))
          .ifPresent(
              a -> problems.add(
                  Problem.on(type, index, Annotations.explicitValue(index, "name").orElse(null), Message.IDENTIFIER_TOO_LONG, a)));
      if (written.isEmpty() || new HashSet<>(written.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList()).size() != written.size()) {
        problems.add(Problem.on(type, index, columnsValue, Message.INDEX_COLUMNS, name, String.join(", ", written)));
        continue;
      }
      List<String> resolved = new ArrayList<>();
      for (String columnName : written) {
        Optional<ColumnDraft> column = ColumnDraft.find(columns, columnName);
        if (column.isEmpty()) {
          problems.add(
              Problem.on(type, index, columnsValue, Message.INDEX_MISSING_COLUMN, name, columnName, tableName, ColumnDraft.names(columns)));
        } else {
          resolved.add(column.get().name());
        }
      }
      indexes.add(new IndexModel(name, resolved, annotations.bool(index, "unique"), false));
    }
    return indexes;
  }
}
