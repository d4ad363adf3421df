/**
 * The seam between the processor and the database engines: {@link
 * dev.gao.metrics.processor.sql.SqlDialect} renders DDL and the statements of migration steps from
 * the engine-neutral structure, and each engine has one sub-package that implements it. The DAOs'
 * statements are rendered at run time from the same structure, by the runtime's {@code TableDao}.
 */
package dev.gao.metrics.processor.sql;
