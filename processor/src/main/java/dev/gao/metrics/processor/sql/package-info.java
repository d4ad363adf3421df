/**
 * Pure SQL renderers, one per database dialect: DDL, the statements of the generated DAOs, and the
 * statements of migration steps (native {@code ALTER TABLE} where the engine allows it, a table
 * rebuild otherwise).
 */
package dev.gao.metrics.processor.sql;
