package dev.gao.metrics.runtime.sql.postgres;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * The write lock of a PostgreSQL database: none. The server runs writers side by side and orders
 * what must be ordered with its own row locks, so this process does not queue them.
 */
final class NoLock implements Lock {
  @Override
  public void lock() {}

  @Override
  public void lockInterruptibly() throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
  }

  @Override
  public boolean tryLock() {
    return true;
  }

  @Override
  public boolean tryLock(long time, TimeUnit unit) {
    return true;
  }

  @Override
  public void unlock() {}

  @Override
  public Condition newCondition() {
    throw new UnsupportedOperationException("the write lock of a PostgreSQL database has no conditions");
  }
}
