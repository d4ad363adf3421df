package dev.gao.metrics.runtime.json;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * A type token that keeps generic arguments at run time: {@code new JsonType<Map<String, Long>>()
 * {}}. Generated DAOs hold one per JSON column as a constant.
 *
 * @param <T> the Java type of the JSON value
 */
public abstract class JsonType<T> {
  private final Type type;

  /**
   * Captures the type argument of the anonymous subclass.
   *
   * @throws IllegalStateException if the subclass does not give a type argument
   */
  protected JsonType() {
    Type superclass = getClass().getGenericSuperclass();
    if (!(superclass instanceof ParameterizedType parameterized)) {
      throw new IllegalStateException(
          getClass().getName()
              + " must extend JsonType with a type argument, as in new JsonType<List<String>>()"
              + " {}");
    }
    this.type = parameterized.getActualTypeArguments()[0];
  }

  /**
   * The captured Java type, with its generic arguments.
   *
   * @return the type
   */
  public final Type type() {
    return type;
  }

  /** Renders the captured type, for messages. */
  @Override
  public String toString() {
    return "JsonType<" + type.getTypeName() + ">";
  }
}
