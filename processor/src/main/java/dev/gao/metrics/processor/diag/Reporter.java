package dev.gao.metrics.processor.diag;

import java.util.Collection;
import javax.annotation.processing.Messager;
import javax.tools.Diagnostic;

/** Prints problems as compiler errors on the elements they point at. */
public final class Reporter {
  private final Messager messager;

  /** A reporter printing through {@code messager}. */
  public Reporter(Messager messager) {
    this.messager = messager;
  }

  /** Reports one problem as an error. */
  public void report(Problem problem) {
    if (problem.annotation() == null) {
      messager.printMessage(Diagnostic.Kind.ERROR, problem.text(), problem.element());
    } else if (problem.value() == null) {
      messager.printMessage(Diagnostic.Kind.ERROR, problem.text(), problem.element(), problem.annotation());
    } else {
      messager.printMessage(
          Diagnostic.Kind.ERROR, problem.text(), problem.element(), problem.annotation(), problem.value());
    }
  }

  /** Reports every problem, in order. */
  public void reportAll(Collection<Problem> problems) {
    problems.forEach(this::report);
  }
}
