/**
 * SQLite: its dialect (statements, value storage as text for times, UUIDs and decimals, error
 * translation, catalog reads through {@code PRAGMA}s, the analytics' SQL), and the machinery only a
 * database file needs: file checks before opening, WAL and side-file rules, the per-file write lock,
 * backups by {@code VACUUM INTO}, adoption of files written by GAO-Dev's Python store, dry runs on a
 * copy, the schema-cookie stamp, and the lookup that names a failed foreign key's missing parent.
 */
package dev.gao.metrics.runtime.sql.sqlite;
