package dev.gao.metrics.processor.parsing;

import com.squareup.javapoet.TypeName;
import dev.gao.metrics.annotations.ForeignKey;
import dev.gao.metrics.processor.diag.Message;
import dev.gao.metrics.processor.diag.Problem;
import dev.gao.metrics.processor.model.ColumnModel;
import dev.gao.metrics.processor.model.MetricModel;
import dev.gao.metrics.processor.model.ValueKind;
import dev.gao.metrics.processor.validation.Accessibility;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/** Reads one column: name, storage, nullability, default and foreign key. */
final class ColumnReader {
  /** The kinds {@code @Metric} may annotate. */
  private static final Set<ValueKind> NUMERIC =
      EnumSet.of(ValueKind.BYTE, ValueKind.SHORT, ValueKind.INT, ValueKind.LONG, ValueKind.FLOAT, ValueKind.DOUBLE, ValueKind.DECIMAL);

  private final Annotations annotations;
  private final Accessibility accessibility;
  private final Types types;

  ColumnReader(Annotations annotations, Accessibility accessibility, Types types) {
    this.annotations = annotations;
    this.accessibility = accessibility;
    this.types = types;
  }

  /** Reads the column of {@code property} of a table in {@code tablePackage}. */
  ColumnDraft read(PackageElement tablePackage, Property property, List<Problem> problems) {
    Optional<AnnotationMirror> column = Annotations.find(property.element(), Annotations.COLUMN);
    String name = column.map(c -> annotations.string(c, "name")).orElse("");
    if (name.isEmpty()) {
      name = Names.snakeCase(property.name());
    } else {
      if (!Names.isSqlIdentifier(name)) {
        problems.add(property.problem(Annotations.COLUMN, "name", Message.INVALID_IDENTIFIER, "column", name));
      }
    }
    String declaredDefault = column.map(c -> annotations.string(c, "defaultValue")).orElse("");
    TypeMirror javaType = property.type();
    boolean primitive = javaType.getKind().isPrimitive();
    ValueKind kind = null;
    Optional<AnnotationMirror> json = Annotations.find(property.element(), Annotations.JSON);
    if (json.isPresent()) {
      if (primitive) {
        problems.add(property.problem(Annotations.JSON, null, Message.JSON_ON_PRIMITIVE, javaType, property.name()));
      } else {
        kind = ValueKind.JSON;
      }
    } else {
      kind = TypeClassifier.classify(javaType).orElse(null);
      if (kind == null) {
        problems.add(property.problem(Message.UNSUPPORTED_TYPE, javaType, property.name()));
      }
    }
    if (!accessibility.isVisibleFrom(javaType, tablePackage)) {
      problems.add(
          property.problem(
              Message.COLUMN_TYPE_NOT_ACCESSIBLE,
              javaType,
              property.name(),
              tablePackage.getQualifiedName()));
    }
    boolean nullable =
        !primitive
            && (Annotations.anyNullable(property.element().getAnnotationMirrors())
                || Annotations.anyNullable(property.typeAnnotations()));
    Annotations.find(property.element(), Annotations.FOREIGN_KEY)
        .ifPresent(fk -> checkForeignKey(property, fk, nullable, problems));
    Optional<AnnotationMirror> metricAnnotation = Annotations.find(property.element(), Annotations.METRIC);
    MetricModel metric =
        metricAnnotation.isPresent() ? readMetric(property, metricAnnotation.get(), javaType, kind, problems) : null;
    return new ColumnDraft(
        name,
        property,
        withoutAnnotations(TypeName.get(javaType)),
        kind,
        primitive,
        nullable,
        declaredDefault.isBlank() ? null : declaredDefault.trim(),
        metric,
        kind == ValueKind.ENUM ? TypeClassifier.enumNames(javaType) : List.of());
  }

  /**
   * Reads {@code @Metric}, reporting a column that is neither numeric nor a {@code @Json} map from
   * String to numbers, an invalid range, and a range on such a map. The metric of a map describes each
   * of its values and never has a range, so it adds no CHECK constraint and leaves the structure alone.
   */
  private MetricModel readMetric(
      Property property, AnnotationMirror metric, TypeMirror javaType, ValueKind kind, List<Problem> problems) {
    boolean map = kind == ValueKind.JSON && isNumberMap(javaType);
    if (kind != null && !NUMERIC.contains(kind) && !map) {
      problems.add(property.problem(Annotations.METRIC, null, Message.METRIC_NOT_NUMERIC, property.name(), javaType));
    }
    double min = (Double) annotations.value(metric, "min").getValue();
    double max = (Double) annotations.value(metric, "max").getValue();
    String better = ((VariableElement) annotations.value(metric, "better").getValue()).getSimpleName().toString();
    String unit = annotations.string(metric, "unit");
    if (map) {
      if (!Double.isInfinite(min)) {
        problems.add(
            property.problem(Annotations.METRIC, "min", Message.METRIC_RANGE_ON_MAP, property.name(), "min", min));
      }
      if (!Double.isInfinite(max)) {
        problems.add(
            property.problem(Annotations.METRIC, "max", Message.METRIC_RANGE_ON_MAP, property.name(), "max", max));
      }
      return new MetricModel(unit, better, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }
    if (Double.isNaN(min) || Double.isNaN(max)) {
      problems.add(
          property.problem(
              Annotations.METRIC,
              Double.isNaN(min) ? "min" : "max",
              Message.METRIC_INVALID_RANGE,
              property.name(),
              min,
              max,
              "a bound cannot be NaN; leave it out for no bound"));
    } else if (min > max) {
      problems.add(
          property.problem(
              Annotations.METRIC, "min", Message.METRIC_INVALID_RANGE, property.name(), min, max, "min must not exceed max"));
    }
    return new MetricModel(unit, better, min, max);
  }

  /**
   * Whether {@code type} is assignable to {@code Map<String, V>} with V a box of a number, {@code
   * BigDecimal} or {@code Number}.
   */
  private boolean isNumberMap(TypeMirror type) {
    Optional<DeclaredType> map = mapType(type);
    if (map.isEmpty() || map.get().getTypeArguments().isEmpty()) {
      return false;
    }
    TypeMirror key = map.get().getTypeArguments().get(0);
    TypeMirror value = map.get().getTypeArguments().get(1);
    return isNamed(key, "java.lang.String")
        && (isNamed(value, "java.lang.Number") || TypeClassifier.classify(value).filter(NUMERIC::contains).isPresent());
  }

  /** {@code java.util.Map} with the type arguments {@code type} gives it, if {@code type} is a map. */
  private Optional<DeclaredType> mapType(TypeMirror type) {
    Deque<TypeMirror> pending = new ArrayDeque<>(List.of(type));
    while (!pending.isEmpty()) {
      TypeMirror next = pending.removeFirst();
      if (next.getKind() != TypeKind.DECLARED) {
        continue;
      }
      if (isNamed(next, "java.util.Map")) {
        return Optional.of((DeclaredType) next);
      }
      pending.addAll(types.directSupertypes(next));
    }
    return Optional.empty();
  }

  private static boolean isNamed(TypeMirror type, String qualifiedName) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().contentEquals(qualifiedName);
  }

  private void checkForeignKey(Property property, AnnotationMirror foreignKey, boolean nullable, List<Problem> problems) {
    if (!(annotations.value(foreignKey, "table").getValue() instanceof DeclaredType)) {
      problems.add(
          property.problem(
              Annotations.FOREIGN_KEY,
              "table",
              Message.FOREIGN_KEY_NOT_A_TABLE,
              property.name(),
              annotations.value(foreignKey, "table").getValue()));
    }
    for (String member : List.of("onDelete", "onUpdate")) {
      if (!nullable && action(annotations.value(foreignKey, member)).equals(ForeignKey.Action.SET_NULL.sql())) {
        problems.add(
            property.problem(Annotations.FOREIGN_KEY, member, Message.FOREIGN_KEY_SET_NULL_NOT_NULL, member, property.name()));
      }
    }
  }

  /** The foreign key written on {@code property}, whose column is {@code column}. */
  ForeignKeyRef foreignKeyRef(ColumnModel column, Property property, AnnotationMirror foreignKey) {
    AnnotationValue tableValue = annotations.value(foreignKey, "table");
    TypeElement target = (TypeElement) ((DeclaredType) tableValue.getValue()).asElement();
    return new ForeignKeyRef(
        column,
        property,
        target,
        action(annotations.value(foreignKey, "onDelete")),
        action(annotations.value(foreignKey, "onUpdate")));
  }

  private static String action(AnnotationValue value) {
    String constant = ((VariableElement) value.getValue()).getSimpleName().toString();
    return ForeignKey.Action.valueOf(constant).sql();
  }


  private static TypeName withoutAnnotations(TypeName type) {
    // Only when annotated: an unannotated copy of a primitive is no longer the constant box() expects.
    return type.isAnnotated() ? type.withoutAnnotations() : type;
  }
}
