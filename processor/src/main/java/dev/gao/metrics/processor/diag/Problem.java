package dev.gao.metrics.processor.diag;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * One error found while reading or checking a type, with the place it points at: an element, and
 * where possible the annotation and the annotation value on it.
 *
 * @param message what is wrong
 * @param element the element the error is reported on
 * @param annotation the annotation on {@code element} the error is about, or {@code null}
 * @param value the value within {@code annotation} the error is about, or {@code null}
 * @param arguments the arguments of the message
 */
public record Problem(
    Message message, Element element, AnnotationMirror annotation, AnnotationValue value, List<Object> arguments) {

  /** Copies the arguments. */
  public Problem {
    arguments = List.copyOf(arguments);
  }

  /** A problem reported on an element. */
  public static Problem on(Element element, Message message, Object... arguments) {
    return new Problem(message, element, null, null, List.of(arguments));
  }

  /** A problem reported on an annotation (and optionally one of its values) of an element. */
  public static Problem on(
      Element element, AnnotationMirror annotation, AnnotationValue value, Message message, Object... arguments) {
    return new Problem(message, element, annotation, value, List.of(arguments));
  }

  /** The message text, starting with its ID. */
  public String text() {
    return message.format(arguments.toArray());
  }
}
