package dev.gao.metrics.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gao.metrics.runtime.dao.ColumnRef;
import dev.gao.metrics.runtime.dao.TableDao;
import dev.gao.metrics.runtime.exception.CheckViolationException;
import dev.gao.metrics.runtime.exception.InvalidValueException;
import dev.gao.metrics.runtime.exception.SchemaMismatchException;
import dev.gao.metrics.runtime.fixture.Databases;
import dev.gao.metrics.runtime.fixture.Target;
import dev.gao.metrics.runtime.schema.Better;
import dev.gao.metrics.runtime.schema.ColumnInfo;
import dev.gao.metrics.runtime.schema.Engine;
import dev.gao.metrics.runtime.schema.MetricInfo;
import dev.gao.metrics.runtime.schema.SchemaInfo;
import dev.gao.metrics.runtime.schema.TableInfo;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Metric columns with ranges: metadata, and CHECK violations naming table, column and value, on every
 * engine.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class RangeCheckTest {
  @Parameter Engine engine;

  private static final TableInfo SCORES =
      new TableInfo(
          "scores",
          "p.Score",
          List.of(
              new ColumnInfo("id", "INTEGER", "long", true, null, 1, false),
              new ColumnInfo(
                  "coverage", "REAL", "double", true, null, 0, false, new MetricInfo("%", Better.HIGHER, 0, 100)),
              new ColumnInfo(
                  "cost",
                  "TEXT",
                  "java.math.BigDecimal",
                  false,
                  null,
                  0,
                  false,
                  new MetricInfo("USD", Better.LOWER, Double.NEGATIVE_INFINITY, 25.5)),
              new ColumnInfo(
                  "errors", "INTEGER", "long", true, null, 0, false, new MetricInfo("count", Better.LOWER, 0, Double.POSITIVE_INFINITY)),
              new ColumnInfo("label", "TEXT", "java.lang.String", false, null, 0, false)),
          false,
          List.of(),
          List.of(),
          "CREATE TABLE \"scores\" (\n"
              + "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
              + "  \"coverage\" REAL NOT NULL,\n"
              + "  \"cost\" TEXT,\n"
              + "  \"errors\" INTEGER NOT NULL,\n"
              + "  \"label\" TEXT,\n"
              + "  CONSTRAINT \"ck_scores_coverage\" CHECK (\"coverage\" BETWEEN 0 AND 100),\n"
              + "  CONSTRAINT \"ck_scores_cost\" CHECK (CAST(\"cost\" AS REAL) <= 25.5),\n"
              + "  CONSTRAINT \"ck_scores_errors\" CHECK (\"errors\" >= 0)\n"
              + ") STRICT")
          .on(
              Engine.POSTGRESQL,
              "CREATE TABLE \"scores\" (\n"
                  + "  \"id\" bigint NOT NULL PRIMARY KEY,\n"
                  + "  \"coverage\" double precision NOT NULL,\n"
                  + "  \"cost\" numeric,\n"
                  + "  \"errors\" bigint NOT NULL,\n"
                  + "  \"label\" text,\n"
                  + "  CONSTRAINT \"ck_scores_coverage\" CHECK (\"coverage\" BETWEEN 0 AND 100),\n"
                  + "  CONSTRAINT \"ck_scores_cost\" CHECK (\"cost\" <= 25.5),\n"
                  + "  CONSTRAINT \"ck_scores_errors\" CHECK (\"errors\" >= 0)\n"
                  + ")");
  private static final SchemaInfo SCHEMA = new SchemaInfo("Scores", 1, "hash-1", List.of(SCORES));

  record Score(long id, double coverage, BigDecimal cost, long errors, String label) {}

  /** A DAO written as the processor generates them. */
  static final class ScoreDao extends TableDao<Score> {
    private static final ColumnRef<?> ID = new ColumnRef<>("scores", "id");
    private static final ColumnRef<?> COVERAGE = new ColumnRef<>("scores", "coverage");
    private static final ColumnRef<?> COST = new ColumnRef<>("scores", "cost");
    private static final ColumnRef<?> ERRORS = new ColumnRef<>("scores", "errors");
    private static final ColumnRef<?> LABEL = new ColumnRef<>("scores", "label");

    ScoreDao(MetricsDatabase database) {
      super(database, SCORES);
    }

    void insert(Score row) {
      insertRow(row);
    }

    int insertAll(List<Score> rows) {
      return insertBatch(rows);
    }

    @Override
    protected void bindRow(PreparedStatement statement, Score row) throws SQLException {
      values().setLong(statement, 1, row.id(), ID);
      values().setDouble(statement, 2, row.coverage(), COVERAGE);
      values().setDecimal(statement, 3, row.cost(), COST);
      values().setLong(statement, 4, row.errors(), ERRORS);
      values().setText(statement, 5, row.label(), LABEL);
    }

    @Override
    protected Score readRow(ResultSet resultSet) throws SQLException {
      throw new UnsupportedOperationException("not read in this test");
    }
  }

  @Test
  void metadataIsExposed() {
    assertEquals(List.of("coverage", "cost", "errors"), SCORES.metrics().stream().map(ColumnInfo::name).toList());
    MetricInfo coverage = SCORES.column("coverage").metricInfo().orElseThrow();
    assertEquals(Better.HIGHER, coverage.better());
    assertEquals("%", coverage.unit());
    assertTrue(coverage.bounded());
    assertTrue(coverage.contains(0) && coverage.contains(100));
    assertFalse(coverage.contains(100.01) || coverage.contains(Double.NaN));
    assertTrue(SCORES.column("label").metricInfo().isEmpty());
    assertFalse(new MetricInfo("", Better.NONE, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY).bounded());
    assertEquals("ck_scores_coverage", SCORES.rangeConstraintName("coverage"));
    assertThrows(IllegalArgumentException.class, () -> new MetricInfo("", Better.NONE, 2, 1));
    assertThrows(IllegalArgumentException.class, () -> new MetricInfo("", Better.NONE, Double.NaN, 1));
    assertThrows(IllegalArgumentException.class, () -> new MetricInfo("", Better.NONE, 0, Double.NaN));
    assertThrows(NullPointerException.class, () -> new MetricInfo(null, Better.NONE, 0, 1));
    assertThrows(NullPointerException.class, () -> new MetricInfo("", null, 0, 1));
  }

  @Test
  void violationsNameTableColumnAndValue(@TempDir Path folder) {
    try (MetricsDatabase db = Target.of(engine, folder, "ranges").open(SCHEMA, "scores")) {
      ScoreDao dao = new ScoreDao(db);
      dao.insert(new Score(1, 100, new BigDecimal("25.5"), 0, "ok"));
      CheckViolationException coverage =
          assertThrows(CheckViolationException.class, () -> dao.insert(new Score(2, 100.5, null, 0, null)));
      assertEquals("scores", coverage.table());
      assertEquals("coverage", coverage.column());
      assertEquals(100.5, coverage.value());
      assertEquals(
          "CHECK constraint failed on scores.coverage (ck_scores_coverage): value 100.5 is outside the range [0, 100]",
          coverage.getMessage());
      CheckViolationException cost =
          assertThrows(
              CheckViolationException.class, () -> dao.insert(new Score(2, 1, new BigDecimal("25.51"), 0, null)));
      assertEquals("cost", cost.column());
      assertTrue(cost.getMessage().endsWith("is outside the range <= 25.5"), cost.getMessage());
      CheckViolationException errors =
          assertThrows(CheckViolationException.class, () -> dao.update(new Score(1, 1, null, -3, null)));
      assertEquals("errors", errors.column());
      assertEquals(-3L, errors.value());
      assertTrue(errors.getMessage().endsWith("value -3 is outside the range >= 0"), errors.getMessage());
      CheckViolationException batch =
          assertThrows(
              CheckViolationException.class,
              () -> dao.insertAll(List.of(new Score(3, 1, null, 0, null), new Score(4, 101, null, 0, null))));
      assertEquals("coverage", batch.column());
      assertEquals(101.0, batch.value());
      InvalidValueException nan =
          assertThrows(InvalidValueException.class, () -> dao.insert(new Score(5, Double.NaN, null, 0, null)));
      assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
      assertTrue(dao.update(new Score(1, 50, null, 2, "changed")));
      assertEquals(1, dao.count());
    }
  }

  @Test
  void openingComparesTheRangeConstraints(@TempDir Path folder) throws Exception {
    assumeTrue(engine == Engine.SQLITE, "the SQLite report of a missing range constraint");
    Path file = folder.resolve("scores.db");
    MetricsDatabase.open(SCHEMA, file).close();
    String withoutRange =
        SCORES.createSql()
            .replace("CREATE TABLE \"scores\"", "CREATE TABLE \"scores_plain\"")
            .replace(",\n  CONSTRAINT \"ck_scores_errors\" CHECK (\"errors\" >= 0)", "");
    try (Connection connection = Databases.connect(file);
        Statement statement = connection.createStatement()) {
      statement.execute(withoutRange);
      statement.execute("DROP TABLE \"scores\"");
      statement.execute("ALTER TABLE \"scores_plain\" RENAME TO \"scores\"");
    }
    SchemaMismatchException mismatch =
        assertThrows(SchemaMismatchException.class, () -> MetricsDatabase.open(SCHEMA, file));
    assertTrue(
        mismatch.getMessage().contains(
            "column errors: range constraint CONSTRAINT \"ck_scores_errors\" CHECK (\"errors\" >= 0) is missing"),
        mismatch.getMessage());
    assertFalse(mismatch.getMessage().contains("ck_scores_coverage"), mismatch.getMessage());
  }
}
