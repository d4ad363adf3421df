package dev.gao.metrics.processor.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The random schema pairs of {@link RandomSchemaPairsTest} (same seed, same pairs) on PostgreSQL:
 * each migrated up and down on a populated schema, the catalog compared with a freshly created one
 * after each step, and the values of unchanged columns compared. A step that converts a NOT NULL
 * time column to a number (which SQLite does by reading the year) must fail instead, and leave the
 * schema and its rows as they were.
 */
class PostgresRandomSchemaPairsTest {
  private static final long SEED = 20261126L;
  private static final int PAIRS = 100;

  @Test
  void upgradeThenDowngradeRestoresStructureAndValues() throws SQLException {
    Set<ChangeKind> seen = EnumSet.noneOf(ChangeKind.class);
    int ran = 0;
    for (RandomSchemas.Pair pair : RandomSchemas.pairs(SEED, PAIRS)) {
      StepPlan plan = SchemaDiffer.diff(pair.from(), pair.to(), pair.renames());
      plan.changes().forEach(c -> seen.add(c.kind()));
      assertFalse(PostgresDatabase.DIALECT.migrate(plan).foreignKeysOff());
      try {
        ran += PostgresDatabase.assertRoundTrip(getClass(), pair.from(), pair.to(), pair.renames()) ? 1 : 0;
      } catch (AssertionError | SQLException e) {
        throw new AssertionError(pair.describe(), e);
      }
    }
    assertEquals(EnumSet.allOf(ChangeKind.class), seen, "change kinds covered");
    assertTrue(ran > PAIRS - 10, "steps that ran: " + ran);
  }
}
