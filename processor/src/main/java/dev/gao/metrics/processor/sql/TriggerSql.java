package dev.gao.metrics.processor.sql;

/**
 * A trigger the schema declares on a table.
 *
 * @param name the trigger's name, unique in the database
 * @param createSql its {@code CREATE TRIGGER} statement
 */
public record TriggerSql(String name, String createSql) {}
