package dev.gao.metrics.processor.parsing;

import dev.gao.metrics.processor.model.ValueKind;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Maps a Java type to the way its values are stored, when it has a direct column mapping. */
public final class TypeClassifier {
  private TypeClassifier() {}

  /** The storage of values of {@code type} without {@code @Json}, or empty when it has none. */
  public static Optional<ValueKind> classify(TypeMirror type) {
    return Optional.ofNullable(
        switch (type.getKind()) {
          case BOOLEAN -> ValueKind.BOOLEAN;
          case BYTE -> ValueKind.BYTE;
          case SHORT -> ValueKind.SHORT;
          case INT -> ValueKind.INT;
          case LONG -> ValueKind.LONG;
          case FLOAT -> ValueKind.FLOAT;
          case DOUBLE -> ValueKind.DOUBLE;
          case ARRAY -> ((ArrayType) type).getComponentType().getKind() == TypeKind.BYTE ? ValueKind.BYTES : null;
          case DECLARED -> declared((TypeElement) ((DeclaredType) type).asElement());
          default -> null;
        });
  }

  /**
   * The names of the constants of enum type {@code type}, sorted: what its values are stored as.
   * Empty for any other type.
   */
  public static List<String> enumNames(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return List.of();
    }
    Element element = ((DeclaredType) type).asElement();
    if (element.getKind() != ElementKind.ENUM) {
      return List.of();
    }
    return element.getEnclosedElements().stream()
        .filter(e -> e.getKind() == ElementKind.ENUM_CONSTANT)
        .map(e -> e.getSimpleName().toString())
        .sorted()
        .toList();
  }

  private static ValueKind declared(TypeElement element) {
    if (element.getKind() == ElementKind.ENUM) {
      return ValueKind.ENUM;
    }
    return switch (element.getQualifiedName().toString()) {
      case "java.lang.String" -> ValueKind.STRING;
      case "java.lang.Boolean" -> ValueKind.BOOLEAN;
      case "java.lang.Byte" -> ValueKind.BYTE;
      case "java.lang.Short" -> ValueKind.SHORT;
      case "java.lang.Integer" -> ValueKind.INT;
      case "java.lang.Long" -> ValueKind.LONG;
      case "java.lang.Float" -> ValueKind.FLOAT;
      case "java.lang.Double" -> ValueKind.DOUBLE;
      case "java.math.BigDecimal" -> ValueKind.DECIMAL;
      case "java.time.Instant" -> ValueKind.INSTANT;
      case "java.time.OffsetDateTime" -> ValueKind.OFFSET_DATE_TIME;
      case "java.time.LocalDateTime" -> ValueKind.LOCAL_DATE_TIME;
      case "java.time.LocalDate" -> ValueKind.LOCAL_DATE;
      case "java.util.UUID" -> ValueKind.UUID;
      default -> null;
    };
  }
}
