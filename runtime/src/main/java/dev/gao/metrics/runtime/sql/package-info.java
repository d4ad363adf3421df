/**
 * The database dialect seam: everything that depends on the database engine at run time (connection
 * settings, transaction statements, schema introspection, error translation, and how values are
 * stored: {@link dev.gao.metrics.runtime.sql.ValueCodec}). Each engine lives in a package of its own
 * below this one, {@code sqlite} and {@code postgres}, which nothing but the engine itself and the
 * public API that chooses it names.
 */
package dev.gao.metrics.runtime.sql;
