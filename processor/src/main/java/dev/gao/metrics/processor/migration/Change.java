package dev.gao.metrics.processor.migration;

/**
 * One structural change of a step.
 *
 * @param kind what changed
 * @param table the table's name before the step (after it, for an added table)
 * @param subject the column or index concerned (its name before the step where it had one), or
 *     {@code ""} for the table itself
 * @param description a readable sentence, for example {@code column runs.note: type TEXT -> INTEGER}
 */
public record Change(ChangeKind kind, String table, String subject, String description) {}
