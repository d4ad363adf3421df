/**
 * The stored form of a schema version: what snapshots record, what DDL of earlier versions is
 * rendered from and what migrations compare.
 */
package dev.gao.metrics.processor.structure;
