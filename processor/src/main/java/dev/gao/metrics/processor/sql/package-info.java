/**
 * Pure SQL renderers, one per database dialect: DDL and the statements of migration steps (native
 * {@code ALTER TABLE} where the engine allows it, a table rebuild otherwise). The DAOs' statements
 * are rendered at run time from the same structure, by the runtime's {@code TableDao}.
 */
package dev.gao.metrics.processor.sql;
