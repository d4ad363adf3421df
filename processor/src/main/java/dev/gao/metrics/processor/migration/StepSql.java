package dev.gao.metrics.processor.migration;

import dev.gao.metrics.processor.identity.IdentityHash;
import java.util.List;

/**
 * The SQL of one migration step.
 *
 * @param statements what runs first, in order
 * @param finalStatements what runs after the step's data migrations: the drops of tables and
 *     columns, so data migrations can still read the old values
 * @param foreignKeysOff whether foreign-key enforcement must be off (outside the transaction) while
 *     the step runs, as the table rebuild procedure requires
 */
public record StepSql(List<String> statements, List<String> finalStatements, boolean foreignKeysOff) {
  /** Copies the lists. */
  public StepSql {
    statements = List.copyOf(statements);
    finalStatements = List.copyOf(finalStatements);
  }

  /**
   * The SHA-256 (lower-case hex) of the step: every statement followed by a newline, a line
   * {@code --final}, every final statement followed by a newline, and a line
   * {@code --foreign-keys-off=true|false}.
   */
  public String checksum() {
    StringBuilder text = new StringBuilder();
    statements.forEach(s -> text.append(s).append('\n'));
    text.append("--final\n");
    finalStatements.forEach(s -> text.append(s).append('\n'));
    text.append("--foreign-keys-off=").append(foreignKeysOff).append('\n');
    return IdentityHash.of(text.toString());
  }
}
