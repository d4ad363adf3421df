/**
 * Migrations between versions of a schema: the differ that lists what changed (given the declared
 * renames), the guards that demand a declaration for ambiguous or data-losing changes, and the steps
 * the schema class declares. The SQL itself comes from the dialect.
 */
package dev.gao.metrics.processor.migration;
