package dev.gao.metrics.runtime.json;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * A type token that keeps generic arguments at run time: {@code new JsonType<Map<String, Long>>()
 * {}}, or {@link #ofField JsonType.ofField(Row.class, "values")} for the declared type of a field.
 * Generated DAOs hold one per JSON column as a constant, read from the row type's field so that no
 * class is compiled per column.
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

  private JsonType(Type type) {
    this.type = type;
  }

  /**
   * The declared type, generic arguments included, of the instance field {@code field} of {@code
   * owner}: for a record, the type of the component of that name. The caller vouches that {@code T}
   * is that type, as the compiler cannot check it: generated DAOs call this with the row type and
   * the property of a JSON column, whose type they declare as {@code T}.
   *
   * @param owner the class that declares the field
   * @param field the field's name
   * @param <T> the field's type
   * @return the token
   * @throws IllegalArgumentException if {@code owner} declares no such field
   */
  public static <T> JsonType<T> ofField(Class<?> owner, String field) {
    try {
      return new Declared<>(owner.getDeclaredField(field).getGenericType());
    } catch (NoSuchFieldException e) {
      throw new IllegalArgumentException(owner.getName() + " declares no field " + field, e);
    }
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

  /** A token whose type was read from a declaration rather than captured from a subclass. */
  private static final class Declared<T> extends JsonType<T> {
    Declared(Type type) {
      super(type);
    }
  }
}
