package dev.gao.metrics.runtime.dao;

import dev.gao.metrics.runtime.connection.StatementBinder;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Records the values a binder sets, by parameter index. Used only after a statement failed, to name
 * the offending value in the error message, so the cost of a dynamic proxy does not matter.
 */
final class BoundValues {
  private final Map<Integer, Object> byIndex = new HashMap<>();

  private BoundValues() {}

  /** Runs the binder against a recording statement. */
  static BoundValues capture(StatementBinder binder) throws SQLException {
    BoundValues values = new BoundValues();
    InvocationHandler recorder = (proxy, method, args) -> values.record(method, args);
    PreparedStatement recording =
        (PreparedStatement)
            Proxy.newProxyInstance(
                BoundValues.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class},
                recorder);
    binder.bind(recording);
    return values;
  }

  /** The value bound to a 1-based parameter, or null. */
  Object get(int index) {
    return byIndex.get(index);
  }

  private Object record(Method method, Object[] args) {
    String name = method.getName();
    if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer) {
      byIndex.put((Integer) args[0], name.equals("setNull") ? null : args[1]);
    }
    return defaultValue(method.getReturnType());
  }

  private static Object defaultValue(Class<?> type) {
    if (type == boolean.class) {
      return false;
    }
    if (type == int.class) {
      return 0;
    }
    if (type == long.class) {
      return 0L;
    }
    return null;
  }
}
