package dev.gao.metrics.processor.parsing;

import dev.gao.metrics.processor.diag.Message;
import dev.gao.metrics.processor.diag.Problem;
import dev.gao.metrics.processor.model.Accessor;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.type.TypeMirror;

/**
 * One value of a row type: a record component or a field of a class.
 *
 * @param name the Java name
 * @param element the component or field, which carries the column annotations
 * @param location the element errors point at: the field (a record's private field has the
 *     component's source position, the component itself has none in some compilers)
 * @param type the declared type
 * @param accessor how generated code reads it
 * @param typeAnnotations annotations on the type where it is used (field, accessor), to find
 *     type-use {@code Nullable}
 */
public record Property(
    String name, Element element, Element location, TypeMirror type, Accessor accessor, List<AnnotationMirror> typeAnnotations) {
  /** Copies the list. */
  public Property {
    typeAnnotations = List.copyOf(typeAnnotations);
  }

  /** A problem pointing at this property. */
  public Problem problem(Message message, Object... arguments) {
    return Problem.on(location, message, arguments);
  }

  /**
   * A problem pointing at an annotation of this property, and at one of its members when
   * {@code member} is not null and was written.
   */
  public Problem problem(String annotation, String member, Message message, Object... arguments) {
    Optional<AnnotationMirror> mirror = Annotations.find(location, annotation);
    if (mirror.isEmpty()) {
      return problem(message, arguments);
    }
    return Problem.on(
        location,
        mirror.get(),
        member == null ? null : Annotations.explicitValue(mirror.get(), member).orElse(null),
        message,
        arguments);
  }
}
