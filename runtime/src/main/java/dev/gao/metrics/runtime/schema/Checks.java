package dev.gao.metrics.runtime.schema;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Argument checks shared by the schema records, so that every message has the same form. */
final class Checks {
  private Checks() {}

  static String requireName(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return value;
  }

  /** A view of {@code values}, for the constructors that take arrays; the canonical one copies it. */
  static <T> List<T> list(T[] values, String what) {
    return Arrays.asList(Objects.requireNonNull(values, what));
  }

  static <T> List<T> copy(List<T> values, String what) {
    Objects.requireNonNull(values, what);
    for (T value : values) {
      Objects.requireNonNull(value, () -> what + " must not contain null");
    }
    return List.copyOf(values);
  }
}
