package dev.gao.metrics.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.runtime.connection.StatementBinder;
import dev.gao.metrics.runtime.dao.ColumnRef;
import dev.gao.metrics.runtime.dao.TableDao;
import dev.gao.metrics.runtime.exception.CheckViolationException;
import dev.gao.metrics.runtime.exception.SchemaMismatchException;
import dev.gao.metrics.runtime.fixture.Target;
import dev.gao.metrics.runtime.schema.ColumnInfo;
import dev.gao.metrics.runtime.schema.Engine;
import dev.gao.metrics.runtime.schema.SchemaDifference;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Enum columns checked against their constants' names, as the processor writes the checks: a name
 * the check lacks is refused by the engine itself and becomes a {@link CheckViolationException}
 * naming table, column and (when the runtime bound it) value; NULL passes a nullable column; opening
 * a database whose check is missing or lists other names reports it, on every engine.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class EnumCheckTest {
  @Parameter Engine engine;

  private static final String STATUS_CHECK = "CHECK (\"status\" IN ('done', 'failed', 'queued'))";

  private static final TableInfo JOBS =
      new TableInfo(
          "jobs",
          "p.Job",
          List.of(
              new ColumnInfo("id", "INTEGER", "long", true, null, 1, false),
              new ColumnInfo("status", "TEXT", "p.Status", true, null, 0, false),
              new ColumnInfo("priority", "TEXT", "p.Priority", false, null, 0, false)),
          false,
          List.of(),
          List.of(),
          "CREATE TABLE \"jobs\" (\n"
              + "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
              + "  \"status\" TEXT NOT NULL,\n"
              + "  \"priority\" TEXT,\n"
              + "  CONSTRAINT \"ck_jobs_status\" " + STATUS_CHECK + ",\n"
              + "  CONSTRAINT \"ck_jobs_priority\" CHECK (\"priority\" IN ('high', 'low'))\n"
              + ") STRICT")
          .on(
              Engine.POSTGRESQL,
              "CREATE TABLE \"jobs\" (\n"
                  + "  \"id\" bigint NOT NULL PRIMARY KEY,\n"
                  + "  \"status\" text NOT NULL,\n"
                  + "  \"priority\" text,\n"
                  + "  CONSTRAINT \"ck_jobs_status\" " + STATUS_CHECK + ",\n"
                  + "  CONSTRAINT \"ck_jobs_priority\" CHECK (\"priority\" IN ('high', 'low'))\n"
                  + ")");
  private static final SchemaInfo SCHEMA = new SchemaInfo("Jobs", 1, "hash-1", List.of(JOBS));

  /** The Java enum has a constant the stored check lacks, as code newer than its database would. */
  enum Status {
    queued,
    done,
    failed,
    cancelled
  }

  enum Priority {
    low,
    high
  }

  record Job(long id, Status status, Priority priority) {}

  /** A DAO written as the processor generates them, plus the raw statements of a hand-written one. */
  static final class JobDao extends TableDao<Job> {
    private static final ColumnRef<?> ID = new ColumnRef<>("jobs", "id");
    private static final ColumnRef<?> STATUS = new ColumnRef<>("jobs", "status");
    private static final ColumnRef<?> PRIORITY = new ColumnRef<>("jobs", "priority");

    JobDao(MetricsDatabase database) {
      super(database, JOBS);
    }

    void insert(Job row) {
      insertRow(row);
    }

    int raw(String sql) {
      return executeUpdate(sql, StatementBinder.NONE);
    }

    @Override
    protected void bindRow(PreparedStatement statement, Job row) throws SQLException {
      values().setLong(statement, 1, row.id(), ID);
      values().setEnum(statement, 2, row.status(), STATUS);
      values().setEnum(statement, 3, row.priority(), PRIORITY);
    }

    @Override
    protected Job readRow(ResultSet resultSet) throws SQLException {
      return new Job(
          values().getLong(resultSet, 1, ID),
          values().getEnum(resultSet, 2, Status.class, STATUS),
          values().getEnum(resultSet, 3, Priority.class, PRIORITY));
    }
  }

  @Test
  void aNameTheCheckLacksIsRefusedNamingTableColumnAndValue(@TempDir Path folder) throws Exception {
    Target target = Target.of(engine, folder, "enums");
    try (MetricsDatabase db = target.open(SCHEMA, "m")) {
      JobDao dao = new JobDao(db);
      dao.insert(new Job(1, Status.done, Priority.high));
      dao.insert(new Job(2, Status.queued, null));

      CheckViolationException written =
          assertThrows(CheckViolationException.class, () -> dao.insert(new Job(3, Status.cancelled, Priority.low)));
      assertEquals("jobs", written.table());
      assertEquals("status", written.column());
      assertEquals("cancelled", written.value());
      assertEquals(
          "CHECK constraint failed on jobs.status (ck_jobs_status): value 'cancelled'", written.getMessage());

      CheckViolationException updated =
          assertThrows(CheckViolationException.class, () -> dao.update(new Job(1, Status.cancelled, Priority.low)));
      assertEquals("jobs", updated.table());
      assertEquals("status", updated.column());
      assertEquals("cancelled", updated.value());

      // A statement whose values the runtime did not bind: table and column still named.
      CheckViolationException raw =
          assertThrows(
              CheckViolationException.class,
              () -> dao.raw("INSERT INTO \"jobs\" (\"id\", \"status\") VALUES (4, 'bogus')"));
      assertEquals("jobs", raw.table());
      assertEquals("status", raw.column());
      assertTrue(raw.getMessage().startsWith("CHECK constraint failed on jobs.status (ck_jobs_status)"), raw.getMessage());

      assertEquals(List.of(new Job(1, Status.done, Priority.high), new Job(2, Status.queued, null)), dao.list(10, 0));
    }
    // Any other program is refused by the engine itself; a NULL passes the nullable column's check.
    SQLException other =
        assertThrows(
            SQLException.class,
            () -> target.execute("INSERT INTO \"jobs\" (\"id\", \"status\", \"priority\") VALUES (5, 'done', 'urgent')"));
    assertTrue(other.getMessage().contains("ck_jobs_priority"), other.getMessage());
    target.execute("INSERT INTO \"jobs\" (\"id\", \"status\", \"priority\") VALUES (6, 'failed', NULL)");
    assertEquals(List.of("1", "2", "6"), target.column("SELECT \"id\" FROM \"jobs\" ORDER BY \"id\""));
  }

  @Test
  void openingReportsAMissingCheck(@TempDir Path folder) throws Exception {
    Target target = Target.of(engine, folder, "enums");
    target.open(SCHEMA, "m").close();
    replaceStatusCheck(target, null);
    SchemaMismatchException mismatch = assertThrows(SchemaMismatchException.class, () -> target.open(SCHEMA, "m"));
    assertEquals(
        List.of(SchemaDifference.Kind.MISSING_CHECK),
        mismatch.differences().stream().map(SchemaDifference::kind).toList(),
        mismatch.getMessage());
    assertEquals("ck_jobs_status", mismatch.differences().get(0).subject());
    assertTrue(mismatch.getMessage().contains("check constraint ck_jobs_status ("), mismatch.getMessage());
    assertTrue(mismatch.getMessage().contains("is missing"), mismatch.getMessage());
  }

  @Test
  void openingReportsACheckOfOtherNames(@TempDir Path folder) throws Exception {
    Target target = Target.of(engine, folder, "enums");
    target.open(SCHEMA, "m").close();
    replaceStatusCheck(target, "CHECK (\"status\" IN ('done', 'queued'))");
    SchemaMismatchException mismatch = assertThrows(SchemaMismatchException.class, () -> target.open(SCHEMA, "m"));
    assertEquals(
        List.of(SchemaDifference.Kind.CHECK_DEFINITION),
        mismatch.differences().stream().map(SchemaDifference::kind).toList(),
        mismatch.getMessage());
    SchemaDifference difference = mismatch.differences().get(0);
    assertEquals("ck_jobs_status", difference.subject());
    assertTrue(difference.expected().contains("failed"), difference.expected());
    assertTrue(!difference.actual().contains("failed") && difference.actual().contains("queued"), difference.actual());
  }

  /** Gives {@code jobs.status} another check, or none, behind the runtime's back. */
  private static void replaceStatusCheck(Target target, String check) throws SQLException {
    if (!target.sqlite()) {
      target.execute("ALTER TABLE \"jobs\" DROP CONSTRAINT \"ck_jobs_status\"");
      if (check != null) {
        target.execute("ALTER TABLE \"jobs\" ADD CONSTRAINT \"ck_jobs_status\" " + check);
      }
      return;
    }
    String replacement = check == null ? "" : ",\n  CONSTRAINT \"ck_jobs_status\" " + check;
    String sql =
        JOBS.createSql()
            .replace("CREATE TABLE \"jobs\"", "CREATE TABLE \"jobs_other\"")
            .replace(",\n  CONSTRAINT \"ck_jobs_status\" " + STATUS_CHECK, replacement);
    target.execute(
        sql,
        "INSERT INTO \"jobs_other\" SELECT * FROM \"jobs\"",
        "DROP TABLE \"jobs\"",
        "ALTER TABLE \"jobs_other\" RENAME TO \"jobs\"");
  }
}
