/**
 * Connections and units of work: a unit is bound to the calling thread, writes begin with the write
 * lock taken, nested units are savepoints, and statements are prepared once per physical
 * connection.
 */
package dev.gao.metrics.runtime.connection;
