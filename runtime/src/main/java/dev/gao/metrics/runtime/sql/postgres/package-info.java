/**
 * PostgreSQL: its dialect (typed value storage, errors classified by SQLState, catalog reads from
 * {@code pg_catalog}, validation against temporary tables created from the schema's own DDL, the
 * advisory lock that serializes migrators, the analytics' SQL) and its connections (a HikariCP pool
 * over pgjdbc, passwords kept out of every message).
 */
package dev.gao.metrics.runtime.sql.postgres;
