package test.metrics;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.exception.CheckViolationException;
import dev.gao.metrics.runtime.exception.InvalidValueException;
import dev.gao.metrics.runtime.schema.Better;
import dev.gao.metrics.runtime.schema.ColumnInfo;
import dev.gao.metrics.runtime.schema.MetricInfo;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

/** Drives the table with metric columns: metadata, range checks, NaN. */
public final class MetricScenario {
  private MetricScenario() {}

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError(what);
    }
  }

  private static Quality quality(String id, double coverage, Double rate, BigDecimal cost) {
    return new Quality(id, coverage, 3, rate, cost, 150_000L);
  }

  /** Checks metadata and range enforcement; throws on the first surprise. */
  public static void run(Path file) {
    List<String> metrics = QualityDao.TABLE.metrics().stream().map(ColumnInfo::name).toList();
    check(
        metrics.equals(
            List.of(
                "code_coverage_percentage",
                "linting_errors_count",
                "one_shot_success_rate",
                "api_calls_cost",
                "token_usage_total")),
        "metric columns " + metrics);
    check(
        QualityDao.TABLE.column("code_coverage_percentage").metric().equals(new MetricInfo("%", Better.HIGHER, 0, 100)),
        "coverage metadata");
    check(QualityDao.TABLE.column("run_id").metricInfo().isEmpty(), "the key is no metric");
    check(!QualityDao.TABLE.column("token_usage_total").metric().bounded(), "tokens have no range");
    check(RunDao.TABLE.metrics().isEmpty(), "runs have no metrics");
    try (MetricsDatabase db = MetricsDatabase.open(ShopSchema.SCHEMA, file)) {
      QualityDao dao = new QualityDao(db);
      dao.insert(quality("q1", 100, 0.05, new BigDecimal("25.5")));
      dao.insert(quality("q2", 0, null, null));
      check(dao.count() == 2, "both rows stored");
      expectCheck(() -> dao.insert(quality("q3", 100.5, null, null)), "code_coverage_percentage", 100.5);
      expectCheck(() -> dao.insert(quality("q3", 50, 0.01, null)), "one_shot_success_rate", 0.01);
      expectCheck(() -> dao.insert(quality("q3", 50, null, new BigDecimal("25.51"))), "api_calls_cost", new BigDecimal("25.51"));
      expectCheck(() -> dao.update(quality("q1", -1, null, null)), "code_coverage_percentage", -1.0);
      try {
        dao.insert(quality("q3", 101, null, null));
      } catch (CheckViolationException e) {
        String expected =
            "CHECK constraint failed on quality_metrics.code_coverage_percentage"
                + " (ck_quality_metrics_code_coverage_percentage): value 101.0 is outside the range [0, 100]";
        check(e.getMessage().equals(expected), e.getMessage());
      }
      expectCheck(
          () -> dao.insertAll(List.of(quality("q4", 1, null, null), quality("q5", 2, 1.5, null))),
          "one_shot_success_rate",
          1.5);
      try {
        dao.insert(quality("q3", Double.NaN, null, null));
        throw new AssertionError("NaN was stored");
      } catch (InvalidValueException e) {
        check(e.getMessage().contains("NaN"), e.getMessage());
      }
      check(dao.count() == 2, "no failed row was stored");
      check(dao.findById("q1").orElseThrow().codeCoveragePercentage() == 100, "q1 unchanged");
    }
  }

  private static void expectCheck(Runnable write, String column, Object value) {
    try {
      write.run();
    } catch (CheckViolationException e) {
      check("quality_metrics".equals(e.table()), "table of " + e.getMessage());
      check(column.equals(e.column()), "column of " + e.getMessage());
      check(String.valueOf(value).equals(String.valueOf(e.value())), "value of " + e.getMessage() + ": " + e.value());
      check(e.getMessage().contains("quality_metrics." + column), e.getMessage());
      check(e.getMessage().contains(" is outside the range "), e.getMessage());
      return;
    }
    throw new AssertionError("no CheckViolationException for " + column);
  }
}
