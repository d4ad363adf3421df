package dev.gao.metrics.runtime.dao;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;

/**
 * A statement whose parameters are set by column position ({@link TableDao#bindRow} binds every
 * column, in table order) but taken in another order: each {@code setX(index, ...)} goes to the
 * position the column has in the statement, and a column the statement does not use is not set. For
 * engines without numbered parameters ({@code ?3}), such as PostgreSQL, where an UPDATE lists the
 * key after the columns it sets.
 */
final class ReorderedParameters implements InvocationHandler {
  private final PreparedStatement statement;
  private final int[] positions;

  private ReorderedParameters(PreparedStatement statement, int[] positions) {
    this.statement = statement;
    this.positions = positions;
  }

  /**
   * {@code statement} as binders see it.
   *
   * @param statement the statement
   * @param positions for each 1-based column index minus one, the statement's parameter, or 0 for
   *     none; null when the parameters already are in column order
   * @return the statement to bind
   */
  static PreparedStatement of(PreparedStatement statement, int[] positions) {
    if (positions == null) {
      return statement;
    }
    return (PreparedStatement)
        Proxy.newProxyInstance(
            ReorderedParameters.class.getClassLoader(),
            new Class<?>[] {PreparedStatement.class},
            new ReorderedParameters(statement, positions));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getName().startsWith("set")
        && args != null
        && args.length >= 2
        && args[0] instanceof Integer index) {
      int position = index >= 1 && index <= positions.length ? positions[index - 1] : index;
      if (position == 0) {
        return null;
      }
      args[0] = position;
    }
    try {
      return method.invoke(statement, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
