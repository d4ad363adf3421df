/**
 * Schema migrations: the steps between versions of a schema, the planner that chains them from the
 * version a database file holds to the version the code asks for, and the executor that runs each
 * step as one unit that either completes or leaves the file at the version it had.
 */
package dev.gao.metrics.runtime.migration;
