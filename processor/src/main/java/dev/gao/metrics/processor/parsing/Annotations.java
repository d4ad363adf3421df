package dev.gao.metrics.processor.parsing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/** Reads annotation mirrors without loading annotation classes. */
public final class Annotations {
  /** {@code @MetricsTable}. */
  public static final String METRICS_TABLE = "dev.gao.metrics.annotations.MetricsTable";
  /** {@code @MetricsSchema}. */
  public static final String METRICS_SCHEMA = "dev.gao.metrics.annotations.MetricsSchema";
  /** {@code @Json}. */
  public static final String JSON = "dev.gao.metrics.annotations.Json";
  /** {@code @PrimaryKey}. */
  public static final String PRIMARY_KEY = "dev.gao.metrics.annotations.PrimaryKey";
  /** {@code @Column}. */
  public static final String COLUMN = "dev.gao.metrics.annotations.Column";
  /** {@code @ForeignKey}. */
  public static final String FOREIGN_KEY = "dev.gao.metrics.annotations.ForeignKey";

  /** {@code @Metric}. */
  public static final String METRIC = "dev.gao.metrics.annotations.Metric";

  private final Elements elements;

  /** Reads annotations with the help of {@code elements}. */
  public Annotations(Elements elements) {
    this.elements = elements;
  }

  /** The annotation of the given qualified type on {@code element}, if present. */
  public static Optional<AnnotationMirror> find(Element element, String qualifiedName) {
    return element.getAnnotationMirrors().stream()
        .filter(m -> qualifiedName(m).equals(qualifiedName))
        .map(m -> (AnnotationMirror) m)
        .findFirst();
  }

  /** The qualified name of an annotation's type. */
  public static String qualifiedName(AnnotationMirror mirror) {
    return ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
  }

  /** Whether any of the annotations has the simple name {@code Nullable}. */
  public static boolean anyNullable(List<? extends AnnotationMirror> mirrors) {
    return mirrors.stream()
        .anyMatch(m -> m.getAnnotationType().asElement().getSimpleName().contentEquals("Nullable"));
  }

  /** The value of a member, its default when not written. */
  public AnnotationValue value(AnnotationMirror mirror, String member) {
    return entry(elements.getElementValuesWithDefaults(mirror), member)
        .orElseThrow(() -> new IllegalArgumentException(qualifiedName(mirror) + " has no member " + member));
  }

  /** The value of a member as written in the source, if it was. */
  public static Optional<AnnotationValue> explicitValue(AnnotationMirror mirror, String member) {
    return entry(mirror.getElementValues(), member);
  }

  /** A string member. */
  public String string(AnnotationMirror mirror, String member) {
    return (String) value(mirror, member).getValue();
  }

  /** An int member. */
  public int integer(AnnotationMirror mirror, String member) {
    return (Integer) value(mirror, member).getValue();
  }

  /** A boolean member. */
  public boolean bool(AnnotationMirror mirror, String member) {
    return (Boolean) value(mirror, member).getValue();
  }

  /** The elements of an array member. */
  public List<? extends AnnotationValue> list(AnnotationMirror mirror, String member) {
    Object value = value(mirror, member).getValue();
    return value instanceof List<?> ? castList(value) : List.of();
  }

  /** A class member as a type, or empty when the class could not be resolved. */
  public static Optional<TypeMirror> type(AnnotationValue value) {
    return value.getValue() instanceof TypeMirror type ? Optional.of(type) : Optional.empty();
  }

  @SuppressWarnings("unchecked")
  private static List<? extends AnnotationValue> castList(Object value) {
    return (List<? extends AnnotationValue>) value;
  }

  private static Optional<AnnotationValue> entry(
      Map<? extends ExecutableElement, ? extends AnnotationValue> values, String member) {
    return values.entrySet().stream()
        .filter(e -> e.getKey().getSimpleName().contentEquals(member))
        .map(e -> (AnnotationValue) e.getValue())
        .findFirst();
  }
}
