package dev.gao.metrics.runtime.connection;

import dev.gao.metrics.runtime.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The prepared statements of every physical connection, looked up once per borrow. A physical
 * connection seen for the first time is prepared by the dialect (which checks that foreign keys are
 * enforced on it). Entries of closed connections are dropped whenever a new connection appears, so
 * the cache holds about as many entries as the pool holds connections.
 */
final class StatementCache {
  private final Dialect dialect;
  private final Map<Connection, PhysicalConnection> byPhysical = new IdentityHashMap<>();

  StatementCache(Dialect dialect) {
    this.dialect = dialect;
  }

  /** The statements of the physical connection behind a borrowed connection. */
  PhysicalConnection of(Connection borrowed) throws SQLException {
    Connection physical = borrowed.unwrap(Connection.class);
    synchronized (byPhysical) {
      PhysicalConnection known = byPhysical.get(physical);
      if (known != null) {
        return known;
      }
    }
    dialect.prepareConnection(physical);
    PhysicalConnection fresh = new PhysicalConnection(physical, dialect);
    synchronized (byPhysical) {
      dropClosed();
      byPhysical.put(physical, fresh);
    }
    return fresh;
  }

  private void dropClosed() {
    for (Iterator<PhysicalConnection> it = byPhysical.values().iterator(); it.hasNext(); ) {
      if (it.next().isClosed()) {
        it.remove();
      }
    }
  }
}
