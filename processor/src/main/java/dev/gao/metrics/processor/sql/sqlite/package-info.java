/**
 * SQLite: {@code STRICT} tables with time as fixed-width UTC text, the triggers that keep it so,
 * JSON checked with {@code json_valid}, and migration steps made of native {@code ALTER TABLE} where
 * SQLite allows it and the documented table rebuild everywhere else.
 */
package dev.gao.metrics.processor.sql.sqlite;
