package dev.gao.metrics.processor.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Property-style round trips: pairs of random schemas (a random version 1 and a random set of
 * changes to it), each migrated up and down on a populated database, with a fixed seed.
 */
class RandomSchemaPairsTest {
  private static final long SEED = 20261126L;
  private static final int PAIRS = 100;

  @Test
  void upgradeThenDowngradeRestoresStructureAndValues() throws SQLException {
    Set<ChangeKind> seen = EnumSet.noneOf(ChangeKind.class);
    int rebuilds = 0;
    for (RandomSchemas.Pair pair : RandomSchemas.pairs(SEED, PAIRS)) {
      StepPlan plan = SchemaDiffer.diff(pair.from(), pair.to(), pair.renames());
      plan.changes().forEach(c -> seen.add(c.kind()));
      rebuilds += SqliteDatabase.DIALECT.migrate(plan).foreignKeysOff() ? 1 : 0;
      try {
        SqliteDatabase.assertRoundTrip(pair.from(), pair.to(), pair.renames());
      } catch (AssertionError | SQLException e) {
        throw new AssertionError(pair.describe(), e);
      }
    }
    assertEquals(EnumSet.allOf(ChangeKind.class), seen, "change kinds covered");
    assertTrue(rebuilds > 10 && rebuilds < PAIRS - 10, "rebuilds: " + rebuilds);
  }
}
