package dev.gao.metrics.runtime.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.exception.BusyException;
import dev.gao.metrics.runtime.exception.CheckViolationException;
import dev.gao.metrics.runtime.exception.ConstraintViolationException;
import dev.gao.metrics.runtime.exception.ForeignKeyViolationException;
import dev.gao.metrics.runtime.exception.LockedException;
import dev.gao.metrics.runtime.exception.MetricsException;
import dev.gao.metrics.runtime.exception.StorageException;
import dev.gao.metrics.runtime.exception.TypeMismatchException;
import dev.gao.metrics.runtime.exception.UniqueViolationException;
import dev.gao.metrics.runtime.fixture.TestSchema;
import dev.gao.metrics.runtime.sql.sqlite.SqliteDialect;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Translation of the exceptions sqlite-jdbc throws, built as the driver builds them. */
class SqliteErrorTranslatorTest {
  private final SqliteDialect dialect = new SqliteDialect();

  private static SQLiteException sqlite(SQLiteErrorCode code, String message) {
    return new SQLiteException(
        "[" + code.name() + "] " + code.message + " (" + message + ")", code);
  }

  @Test
  void busyAndLockedAreSurfacedAsSuch() {
    MetricsException busy =
        dialect.translate(
            sqlite(SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT, "database is locked"),
            ErrorContext.of("f.db"));
    assertInstanceOf(BusyException.class, busy);
    assertTrue(busy.getMessage().contains("f.db"), busy.getMessage());
    MetricsException locked =
        dialect.translate(
            sqlite(SQLiteErrorCode.SQLITE_LOCKED, "database table is locked"),
            ErrorContext.of("f.db"));
    assertInstanceOf(LockedException.class, locked);
    assertTrue(locked.getMessage().contains("database table is locked"), locked.getMessage());
  }

  @Test
  void aFullDiskOrFileLimitNamesTheFileAndSaysSo() {
    MetricsException full =
        dialect.translate(
            sqlite(SQLiteErrorCode.SQLITE_FULL, "database or disk is full"),
            ErrorContext.of("/data/metrics.db", TestSchema.RUNS));
    assertInstanceOf(StorageException.class, full);
    assertEquals(
        "Database /data/metrics.db is full while writing table benchmark_runs: the disk has no"
            + " free space or the file reached a size limit (ulimit -f, PRAGMA max_page_count)"
            + " (database or disk is full). Free disk space or raise the limit, then retry.",
        full.getMessage());
    // What a write past `ulimit -f` (EFBIG) becomes.
    MetricsException tooLarge =
        dialect.translate(
            sqlite(SQLiteErrorCode.SQLITE_IOERR_WRITE, "disk I/O error"),
            ErrorContext.of("/data/metrics.db"));
    assertInstanceOf(StorageException.class, tooLarge);
    assertEquals(
        "Database /data/metrics.db could not be written (SQLITE_IOERR_WRITE: disk I/O error): the"
            + " disk may be full, the file may have reached a size limit (ulimit -f), or the"
            + " storage failed. Free disk space or raise the limit, then retry.",
        tooLarge.getMessage());
    MetricsException read =
        dialect.translate(
            sqlite(SQLiteErrorCode.SQLITE_IOERR_SHORT_READ, "disk I/O error"),
            ErrorContext.of("/data/metrics.db"));
    assertInstanceOf(StorageException.class, read);
    assertEquals(
        "I/O error on database /data/metrics.db (SQLITE_IOERR_SHORT_READ: disk I/O error): the"
            + " storage failed or the file was changed outside SQLite.",
        read.getMessage());
  }

  @Test
  void otherFailuresAreMetricsExceptionsWithSqlitesMessage() {
    MetricsException generic =
        dialect.translate(
            sqlite(SQLiteErrorCode.SQLITE_ERROR, "no such column: x"),
            ErrorContext.of("f.db", TestSchema.RUNS));
    assertEquals(MetricsException.class, generic.getClass());
    assertEquals(
        "SQL failed on table benchmark_runs in database f.db: no such column: x",
        generic.getMessage());
    MetricsException plain =
        dialect.translate(new SQLException("pool closed"), ErrorContext.of("f.db"));
    assertEquals("SQL failed in database f.db: pool closed", plain.getMessage());
    MetricsException trigger =
        dialect.translate(
            sqlite(SQLiteErrorCode.SQLITE_CONSTRAINT_TRIGGER, "stop"),
            ErrorContext.of("f.db", TestSchema.RUNS));
    assertEquals(ConstraintViolationException.class, trigger.getClass());
    assertEquals("benchmark_runs", ((ConstraintViolationException) trigger).table());
  }

  @Test
  void theSqliteExceptionIsFoundBehindABatchException() {
    BatchUpdateException batch = new BatchUpdateException("batch failed", new int[0]);
    batch.setNextException(
        sqlite(SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE, "UNIQUE constraint failed: t.c"));
    UniqueViolationException e =
        assertInstanceOf(
            UniqueViolationException.class, dialect.translate(batch, ErrorContext.of("f.db")));
    assertEquals("t", e.table());
    assertEquals("c", e.column());
    assertNull(e.value());
    assertTrue(e.getMessage().endsWith("the value already exists"), e.getMessage());
  }

  @Test
  void checkConstraintsNameTheirColumnWhereTheyCan() {
    CheckViolationException named =
        assertInstanceOf(
            CheckViolationException.class,
            dialect.translate(
                sqlite(
                    SQLiteErrorCode.SQLITE_CONSTRAINT_CHECK,
                    "CHECK constraint failed: positive_tokens"),
                ErrorContext.of("f.db", TestSchema.METRICS)));
    assertNull(named.column());
    assertTrue(named.getMessage().contains("performance_metrics.?"), named.getMessage());
    CheckViolationException byColumn =
        assertInstanceOf(
            CheckViolationException.class,
            dialect.translate(
                sqlite(SQLiteErrorCode.SQLITE_CONSTRAINT_CHECK, "CHECK constraint failed: tokens"),
                new ErrorContext(
                    "f.db", TestSchema.METRICS, column -> column.equals("tokens") ? -1L : null)));
    assertEquals("tokens", byColumn.column());
    assertEquals(-1L, byColumn.value());
    assertTrue(byColumn.getMessage().endsWith("value -1"), byColumn.getMessage());
    CheckViolationException noTable =
        assertInstanceOf(
            CheckViolationException.class,
            dialect.translate(
                sqlite(
                    SQLiteErrorCode.SQLITE_CONSTRAINT_CHECK,
                    "CHECK constraint failed: json_valid(\"a\"\"b\")"),
                ErrorContext.of("f.db")));
    assertEquals("a\"b", noTable.column());
    assertNull(noTable.table());
  }

  @Test
  void messagesWithoutDetailStillTranslate() {
    TypeMismatchException type =
        assertInstanceOf(
            TypeMismatchException.class,
            dialect.translate(
                new SQLiteException(
                    "datatype mismatch", SQLiteErrorCode.SQLITE_CONSTRAINT_DATATYPE),
                ErrorContext.of("f.db")));
    assertNull(type.column());
    ForeignKeyViolationException foreignKey =
        assertInstanceOf(
            ForeignKeyViolationException.class,
            dialect.translate(
                sqlite(
                    SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY, "FOREIGN KEY constraint failed"),
                ErrorContext.of("f.db")));
    assertNull(foreignKey.table());
    assertTrue(foreignKey.getMessage().contains("f.db"), foreignKey.getMessage());
    ForeignKeyViolationException parent =
        assertInstanceOf(
            ForeignKeyViolationException.class,
            dialect.translate(
                sqlite(
                    SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY, "FOREIGN KEY constraint failed"),
                ErrorContext.of("f.db", TestSchema.RUNS)));
    assertEquals("benchmark_runs", parent.table());
    assertNull(parent.column());
    UniqueViolationException unique =
        assertInstanceOf(
            UniqueViolationException.class,
            dialect.translate(
                new SQLiteException("constraint", SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY),
                ErrorContext.of("f.db")));
    assertTrue(unique.getMessage().contains("?"), unique.getMessage());
  }

  @Test
  void defaultsNormalizeOnlyEnclosingParentheses() {
    assertEquals("strftime('%Y', 'now')", dialect.normalizeDefault(" (strftime('%Y', 'now')) "));
    assertEquals("(1) + (2)", dialect.normalizeDefault("(1) + (2)"));
    assertEquals("'(x)'", dialect.normalizeDefault("'(x)'"));
    assertEquals("')'", dialect.normalizeDefault("(')')"));
    assertEquals("1", dialect.normalizeDefault("((1))"));
    assertNull(dialect.normalizeDefault(null));
    assertEquals("\"a\"\"b\"", dialect.quote("a\"b"));
  }
}
