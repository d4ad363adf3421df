package dev.gao.metrics.runtime.analytics;

import dev.gao.metrics.runtime.connection.StatementBinder;

/** An SQL statement and the binder of its parameters. */
record BoundQuery(String sql, StatementBinder binder) {}
