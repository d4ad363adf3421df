package dev.gao.metrics.processor.parsing;

import dev.gao.metrics.processor.diag.Message;
import dev.gao.metrics.processor.structure.Identifiers;
import java.util.Optional;

/**
 * The names a schema declares or derives (tables, columns, indexes, the constraints named after
 * their table and column) must fit in {@value Identifiers#MAX_BYTES} bytes of UTF-8 on every engine:
 * PostgreSQL cuts longer names without an error. Each check gives the arguments of {@link
 * Message#IDENTIFIER_TOO_LONG} when the name is too long.
 */
final class NameLengths {
  /** The advice for a name written or derived from one name. */
  static final String SHORTER_NAME = "choose a shorter name";

  /** The advice for a constraint name made of the table's name. */
  static final String SHORTER_TABLE = "it is made from the table name: choose a shorter one";

  /** The advice for a constraint name made of the table's and the column's names. */
  static final String SHORTER_TABLE_OR_COLUMN = "it is made from the table and column names: shorten either";

  /** The advice for an index name made from the table's and the columns' names. */
  static final String NAME_THE_INDEX =
      "it is made from the table and column names: shorten them, or give the index a name with @Index(name = ...)";

  /** The advice for the name of the index added for a foreign key. */
  static final String DECLARE_AN_INDEX =
      "it is the index added for the foreign key, made from the table and column names: shorten them, or declare"
          + " an index that starts with the column in @MetricsTable(indexes = @Index(name = ..., columns = ...))";

  private NameLengths() {}

  /**
   * The message arguments when {@code name}, a {@code what} (for example {@code "column name"}),
   * is too long, with the advice {@code hint}.
   */
  static Optional<Object[]> check(String what, String name, String hint) {
    if (Identifiers.fits(name)) {
      return Optional.empty();
    }
    return Optional.of(new Object[] {what, name, Identifiers.bytes(name), Identifiers.MAX_BYTES, hint});
  }

  /**
   * The message arguments when the name of a constraint derived from {@code parts} is too long;
   * none when a part is too long itself, which is reported on its own.
   */
  static Optional<Object[]> derived(String what, String name, String hint, String... parts) {
    for (String part : parts) {
      if (!Identifiers.fits(part)) {
        return Optional.empty();
      }
    }
    return check(what, name, hint);
  }
}
