package dev.gao.metrics.processor.parsing;

import dev.gao.metrics.processor.diag.Message;
import dev.gao.metrics.processor.diag.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;

/** Reads a table's primary key: one {@code @PrimaryKey} component or the {@code primaryKey} list. */
final class PrimaryKeyReader {
  private final Annotations annotations;

  PrimaryKeyReader(Annotations annotations) {
    this.annotations = annotations;
  }

  /** Reads the key of the table {@code type} from its columns and {@code @MetricsTable}. */
  KeyDraft read(
      TypeElement type, AnnotationMirror table, String tableName, List<ColumnDraft> columns, List<Problem> problems) {
    List<ColumnDraft> annotated = new ArrayList<>();
    for (ColumnDraft column : columns) {
      if (Annotations.find(column.property().element(), Annotations.PRIMARY_KEY).isPresent()) {
        annotated.add(column);
      }
    }
    List<? extends AnnotationValue> listed = annotations.list(table, "primaryKey");
    AnnotationValue listedValue = Annotations.explicitValue(table, "primaryKey").orElse(null);
    if (annotated.size() > 1) {
      ColumnDraft second = annotated.get(1);
      problems.add(
          second.property().problem(
              Annotations.PRIMARY_KEY,
              null,
              Message.TWO_PRIMARY_KEYS,
              tableName,
              annotated.stream().map(c -> "@PrimaryKey " + c.property().name()).collect(Collectors.joining(", "))));
      return new KeyDraft(List.of(), false);
    }
    if (!annotated.isEmpty() && !listed.isEmpty()) {
      problems.add(
          Problem.on(
              type,
              table,
              listedValue,
              Message.TWO_PRIMARY_KEYS,
              tableName,
              "@PrimaryKey " + annotated.get(0).property().name() + ", primaryKey = " + listed));
      return new KeyDraft(List.of(), false);
    }
    if (annotated.isEmpty() && listed.isEmpty()) {
      problems.add(Problem.on(type, table, null, Message.NO_PRIMARY_KEY, tableName));
      return new KeyDraft(List.of(), false);
    }
    if (!annotated.isEmpty()) {
      ColumnDraft key = annotated.get(0);
      AnnotationMirror primaryKey = Annotations.find(key.property().element(), Annotations.PRIMARY_KEY).orElseThrow();
      boolean autoGenerate = annotations.bool(primaryKey, "autoGenerate");
      if (autoGenerate && key.kind() != null && !key.kind().isIntegerKey()) {
        problems.add(
            key.property().problem(
                Annotations.PRIMARY_KEY,
                "autoGenerate",
                Message.AUTO_KEY_TYPE,
                key.property().name(),
                key.javaType()));
      }
      if (autoGenerate && key.declaredDefault() != null) {
        problems.add(
            key.property().problem(Annotations.COLUMN, "defaultValue", Message.AUTO_KEY_DEFAULT, key.property().name()));
      }
      return new KeyDraft(List.of(key), autoGenerate);
    }
    List<ColumnDraft> key = new ArrayList<>();
    for (AnnotationValue value : listed) {
      String name = (String) value.getValue();
      Optional<ColumnDraft> column = ColumnDraft.find(columns, name);
      if (column.isEmpty()) {
        problems.add(
            Problem.on(type, table, listedValue, Message.PRIMARY_KEY_MISSING_COLUMN, name, tableName, ColumnDraft.names(columns)));
      } else if (!key.contains(column.get())) {
        key.add(column.get());
      }
    }
    return new KeyDraft(key, false);
  }

  /**
   * A primary key while its table is read.
   *
   * @param columns the key columns in key order; empty when the key has errors
   * @param autoIncrement whether the database assigns the key
   */
  record KeyDraft(List<ColumnDraft> columns, boolean autoIncrement) {
    KeyDraft {
      columns = List.copyOf(columns);
    }
  }
}
