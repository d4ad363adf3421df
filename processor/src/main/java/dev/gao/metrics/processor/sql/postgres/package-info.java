/**
 * PostgreSQL: native types written as {@code format_type} reports them, identity columns for keys
 * the database assigns, constraints named after their table and column, no triggers, and migration
 * steps made of native {@code ALTER TABLE} statements in one transaction, never a table rebuild.
 */
package dev.gao.metrics.processor.sql.postgres;
