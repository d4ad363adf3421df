package dev.gao.metrics.runtime.schema;

import java.util.Objects;

/**
 * One trigger the schema declares on a table, for example the ones that keep time text in its
 * canonical UTC form whoever writes the row.
 *
 * @param name the trigger name, unique in the database
 * @param createSql the {@code CREATE TRIGGER} statement, compared with the stored one on open
 */
public record TriggerInfo(String name, String createSql) {
  /**
   * Validates the arguments.
   *
   * @param name the trigger name
   * @param createSql the {@code CREATE TRIGGER} statement
   */
  public TriggerInfo {
    Checks.requireName(name, "trigger name");
    Objects.requireNonNull(createSql, "createSql of trigger " + name);
  }
}
