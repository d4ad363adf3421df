/**
 * The recorded history of a schema: one JSON snapshot per version in the folder named by
 * {@code -Agaometrics.schemaDir}, each chained to its predecessor by the SHA-256 of its bytes, and the
 * checks that stop the build when the chain is broken or the model left its version behind. New
 * snapshots are written in format 2, which describes columns in engine-neutral terms; files of
 * format 1, which recorded SQLite's types and defaults, are read as they are ({@link
 * dev.gao.metrics.processor.history.FormatOne}) and never rewritten.
 */
package dev.gao.metrics.processor.history;
