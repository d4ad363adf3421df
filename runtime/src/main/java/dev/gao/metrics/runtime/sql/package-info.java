/**
 * The database dialect seam: everything that depends on the database engine at run time (connection
 * settings, transaction statements, schema introspection, error translation). SQLite is the one
 * dialect today.
 */
package dev.gao.metrics.runtime.sql;
