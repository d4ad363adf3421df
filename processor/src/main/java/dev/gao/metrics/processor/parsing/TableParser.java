package dev.gao.metrics.processor.parsing;

import com.squareup.javapoet.ClassName;
import dev.gao.metrics.processor.diag.Message;
import dev.gao.metrics.processor.diag.Problem;
import dev.gao.metrics.processor.model.ColumnModel;
import dev.gao.metrics.processor.model.IndexModel;
import dev.gao.metrics.processor.model.MetricModel;
import dev.gao.metrics.processor.model.TableModel;
import dev.gao.metrics.processor.structure.Identifiers;
import dev.gao.metrics.processor.validation.Accessibility;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/** Reads one {@code @MetricsTable} type into a {@link TableDraft}, collecting every problem it finds. */
public final class TableParser {
  private final Elements elements;
  private final Annotations annotations;
  private final PropertyScanner scanner;
  private final Accessibility accessibility;
  private final ColumnReader columnReader;
  private final PrimaryKeyReader primaryKeyReader;
  private final IndexReader indexReader;

  /** A parser using the compiler's utilities. */
  public TableParser(Elements elements, Annotations annotations, PropertyScanner scanner, Accessibility accessibility) {
    this.elements = elements;
    this.annotations = annotations;
    this.scanner = scanner;
    this.accessibility = accessibility;
    this.columnReader = new ColumnReader(annotations, accessibility, scanner.types());
    this.primaryKeyReader = new PrimaryKeyReader(annotations);
    this.indexReader = new IndexReader(annotations);
  }

  /** Reads {@code type}, which carries {@code @MetricsTable}. */
  public TableDraft parse(TypeElement type) {
    AnnotationMirror table = Annotations.find(type, Annotations.METRICS_TABLE).orElseThrow();
    List<Problem> problems = new ArrayList<>();
    if (type.getKind() != ElementKind.RECORD && type.getKind() != ElementKind.CLASS) {
      problems.add(
          Problem.on(type, table, null, Message.NOT_A_CLASS, kindName(type.getKind()), type.getQualifiedName()));
      return broken(type, table, problems);
    }
    if (!type.getTypeParameters().isEmpty()) {
      problems.add(Problem.on(type, table, null, Message.GENERIC_TABLE, type.getQualifiedName()));
    }
    accessibility
        .tableTypeProblem(type)
        .ifPresent(why -> problems.add(Problem.on(type, table, null, Message.TYPE_NOT_ACCESSIBLE, type.getQualifiedName(), why)));

    List<Property> properties = scanner.scan(type, problems);
    Set<String> unresolved = new TreeSet<>();
    for (Property property : properties) {
      UnresolvedTypes.collect(property.type(), unresolved);
      Annotations.find(property.element(), Annotations.FOREIGN_KEY)
          .ifPresent(fk -> collectUnresolvedTarget(fk, unresolved));
    }
    if (!unresolved.isEmpty()) {
      return new TableDraft(type, table, null, List.of(), List.of(), unresolved);
    }

    String tableName = annotations.string(table, "name");
    if (tableName.isEmpty()) {
      tableName = Names.snakeCase(type.getSimpleName().toString());
    }
    AnnotationValue nameValue = Annotations.explicitValue(table, "name").orElse(null);
    checkIdentifier("table", tableName, type, table, nameValue, problems);
    NameLengths.check("table name", tableName, NameLengths.SHORTER_NAME)
        .ifPresent(a -> problems.add(Problem.on(type, table, nameValue, Message.IDENTIFIER_TOO_LONG, a)));
    NameLengths.derived(
            "primary-key constraint name", Identifiers.primaryKeyConstraint(tableName), NameLengths.SHORTER_TABLE, tableName)
        .ifPresent(a -> problems.add(Problem.on(type, table, nameValue, Message.IDENTIFIER_TOO_LONG, a)));

    PackageElement tablePackage = elements.getPackageOf(type);
    List<ColumnDraft> columns = new ArrayList<>();
    Map<String, ColumnDraft> byName = new HashMap<>();
    for (Property property : properties) {
      ColumnDraft column = columnReader.read(tablePackage, property, problems);
      ColumnDraft previous = byName.putIfAbsent(column.name().toLowerCase(Locale.ROOT), column);
      if (previous != null) {
        problems.add(
            property.problem(
                Message.DUPLICATE_COLUMN_NAME,
                column.name(),
                tableName,
                previous.property().name(),
                property.name()));
      }
      columns.add(column);
      checkLengths(tableName, column, problems);
    }

    PrimaryKeyReader.KeyDraft key = primaryKeyReader.read(type, table, tableName, columns, problems);
    List<IndexModel> indexes = indexReader.read(type, table, tableName, columns, problems);

    if (!problems.isEmpty()) {
      return broken(type, table, problems);
    }
    List<ColumnModel> models = new ArrayList<>();
    Map<String, ColumnModel> modelsByProperty = new HashMap<>();
    for (ColumnDraft column : columns) {
      int position = keyPosition(key.columns(), column);
      ColumnModel model =
          new ColumnModel(
              column.name(),
              column.property().name(),
              column.javaType(),
              column.kind(),
              column.primitive() || !column.nullable() || position > 0,
              column.declaredDefault(),
              position,
              column.property().accessor(),
              column.metric(),
              column.enumNames());
      models.add(model);
      modelsByProperty.put(column.property().name(), model);
    }
    List<ForeignKeyRef> foreignKeys = new ArrayList<>();
    for (ColumnDraft column : columns) {
      Optional<AnnotationMirror> foreignKey = Annotations.find(column.property().element(), Annotations.FOREIGN_KEY);
      foreignKey.ifPresent(
          fk -> foreignKeys.add(columnReader.foreignKeyRef(modelsByProperty.get(column.property().name()), column.property(), fk)));
    }
    TableModel model =
        new TableModel(
            ClassName.get(type),
            tableName,
            models,
            key.autoIncrement(),
            indexes,
            List.of(),
            type.getKind() == ElementKind.RECORD,
            type.getModifiers().contains(Modifier.PUBLIC));
    return new TableDraft(type, table, model, foreignKeys, List.of(), Set.of());
  }

  private void collectUnresolvedTarget(AnnotationMirror foreignKey, Set<String> unresolved) {
    AnnotationValue target = annotations.value(foreignKey, "table");
    Optional<TypeMirror> type = Annotations.type(target);
    if (type.isEmpty()) {
      unresolved.add(String.valueOf(target.getValue()));
    } else {
      UnresolvedTypes.collect(type.get(), unresolved);
    }
  }

  /**
   * The 1-based position of {@code column} in the key, 0 if it is not part of it. Compares identity:
   * the equality of drafts compares JavaPoet type names, which renders them.
   */
  private static int keyPosition(List<ColumnDraft> key, ColumnDraft column) {
    for (int i = 0; i < key.size(); i++) {
      if (key.get(i) == column) {
        return i + 1;
      }
    }
    return 0;
  }

  private static void checkIdentifier(
      String what,
      String name,
      Element element,
      AnnotationMirror annotation,
      AnnotationValue value,
      List<Problem> problems) {
    if (!Names.isSqlIdentifier(name)) {
      problems.add(Problem.on(element, annotation, value, Message.INVALID_IDENTIFIER, what, name));
    }
  }

  /** Reports a column name, or the name of its range constraint, that PostgreSQL would cut. */
  private static void checkLengths(String tableName, ColumnDraft column, List<Problem> problems) {
    Property property = column.property();
    NameLengths.check("column name", column.name(), NameLengths.SHORTER_NAME)
        .ifPresent(a -> problems.add(property.problem(Annotations.COLUMN, "name", Message.IDENTIFIER_TOO_LONG, a)));
    MetricModel metric = column.metric();
    String constraint = Identifiers.rangeConstraint(tableName, column.name());
    if (metric != null && (!Double.isInfinite(metric.min()) || !Double.isInfinite(metric.max()))) {
      NameLengths.derived("range constraint name", constraint, NameLengths.SHORTER_TABLE_OR_COLUMN, tableName, column.name())
          .ifPresent(a -> problems.add(property.problem(Annotations.METRIC, null, Message.IDENTIFIER_TOO_LONG, a)));
    } else if (!column.enumNames().isEmpty()) {
      NameLengths.derived("enum check constraint name", constraint, NameLengths.SHORTER_TABLE_OR_COLUMN, tableName, column.name())
          .ifPresent(a -> problems.add(property.problem(Message.IDENTIFIER_TOO_LONG, a)));
    }
  }

  private static TableDraft broken(TypeElement type, AnnotationMirror table, List<Problem> problems) {
    return new TableDraft(type, table, null, List.of(), problems, Set.of());
  }

  private static String kindName(ElementKind kind) {
    return switch (kind) {
      case ANNOTATION_TYPE -> "annotation type";
      default -> kind.name().toLowerCase(Locale.ROOT);
    };
  }
}
