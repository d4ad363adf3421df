/**
 * The recorded history of a schema: one JSON snapshot per version in the folder named by
 * {@code -Agaometrics.schemaDir}, each chained to its predecessor by the SHA-256 of its bytes, and the
 * checks that stop the build when the chain is broken or the model left its version behind.
 */
package dev.gao.metrics.processor.history;
