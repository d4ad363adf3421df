package dev.gao.metrics.processor.model;

/**
 * How generated code reads one value from a row object.
 *
 * @param name the method or field name
 * @param method whether {@code name} is a no-argument method (else a field)
 */
public record Accessor(String name, boolean method) {
  /** The Java expression reading the value from {@code target}. */
  public String expression(String target) {
    return target + "." + name + (method ? "()" : "");
  }
}
