package dev.gao.metrics.processor.migration;

/**
 * A change of an upgrade step that needs a declaration before the step can be generated.
 *
 * @param ambiguous whether the change may be a rename ({@code true}) or loses data ({@code false})
 * @param newTable for an ambiguous change, the added table (or the table holding the added column)
 *     after the step; for data loss, the changed table's name after the step, or {@code null} when
 *     the table is dropped
 * @param description what happens, for example {@code column runs.note}
 * @param addedName for an ambiguous change, the name of the added table or column; else {@code null}
 * @param renameAnnotation for an ambiguous change, the {@code @RenamedFrom} to add; else {@code null}
 * @param allowAnnotation the {@code @AllowDataLoss} that acknowledges the loss
 */
public record GuardFinding(
    boolean ambiguous,
    String newTable,
    String description,
    String addedName,
    String renameAnnotation,
    String allowAnnotation) {}
