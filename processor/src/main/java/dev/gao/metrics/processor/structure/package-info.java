/**
 * The stored form of a schema version: what snapshots record, what DDL of earlier versions is
 * rendered from and what migrations compare. It is engine-neutral: columns carry their value kind and
 * declared default, and each SQL dialect renders types and defaults from them.
 */
package dev.gao.metrics.processor.structure;
