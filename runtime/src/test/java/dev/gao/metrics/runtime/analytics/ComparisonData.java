package dev.gao.metrics.runtime.analytics;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.dao.ColumnRef;
import dev.gao.metrics.runtime.dao.SqlValues.JsonText;
import dev.gao.metrics.runtime.dao.SqlValues;
import dev.gao.metrics.runtime.fixture.Target;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes runs of {@link ComparisonSchema} with plain SQL, so that reads are checked independently. */
final class ComparisonData {
  private static final ColumnRef<?> TIME = new ColumnRef<>("runs", "timestamp");
  private static final ColumnRef<?> SCORE = new ColumnRef<>("runs", "score");
  private static final ColumnRef<?> DRIFT = new ColumnRef<>("perf", "drift");
  private static final ColumnRef<?> TOKENS = new ColumnRef<>("perf", "tokens_by_agent");

  /** One run: its row, its optional perf row and its usage rows. */
  record Run(
      String id,
      Instant time,
      String benchmark,
      String version,
      String status,
      Double score,
      Double seconds,
      Double cost,
      Double drift,
      Map<String, ? extends Number> tokensByAgent,
      List<Long> usage) {

    /** A completed run with only the given seconds. */
    static Run timed(String id, Instant time, String benchmark, String version, double seconds) {
      return new Run(
          id, time, benchmark, version, "completed", null, seconds, 1.0, null, null, List.of());
    }

    Run status(String newStatus) {
      return new Run(
          id, time, benchmark, version, newStatus, score, seconds, cost, drift, tokensByAgent,
          usage);
    }
  }

  private ComparisonData() {}

  /** The database {@code name} of the target, with the schema. */
  static MetricsDatabase open(Target target, String name) {
    return target.open(ComparisonSchema.SCHEMA, name);
  }

  static void insert(MetricsDatabase db, List<Run> runs) {
    db.runInTransaction(
        tx -> {
          Connection c = tx.connection();
          try (PreparedStatement r = c.prepareStatement("INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?)");
              PreparedStatement p =
                  c.prepareStatement(
                      "INSERT INTO perf (run_id, seconds, cost, drift, tokens_by_agent)"
                          + " VALUES (?, ?, ?, ?, ?)");
              PreparedStatement u =
                  c.prepareStatement("INSERT INTO usage (run_id, model, tokens) VALUES (?, ?, ?)")) {
            for (Run run : runs) {
              write(db.values(), r, p, u, run);
            }
          }
        });
  }

  private static void write(
      SqlValues values, PreparedStatement r, PreparedStatement p, PreparedStatement u, Run run)
      throws SQLException {
    r.setString(1, run.id());
    values.setInstant(r, 2, run.time(), TIME);
    r.setString(3, run.benchmark());
    r.setString(4, run.version());
    r.setString(5, run.status());
    values.setValue(r, 6, run.score(), SCORE);
    r.executeUpdate();
    if (run.seconds() != null) {
      p.setString(1, run.id());
      p.setDouble(2, run.seconds());
      p.setDouble(3, run.cost());
      values.setValue(p, 4, run.drift(), DRIFT);
      values.setValue(
          p, 5, run.tokensByAgent() == null ? null : new JsonText(json(run.tokensByAgent())), TOKENS);
      p.executeUpdate();
    }
    int model = 0;
    for (long tokens : run.usage()) {
      u.setString(1, run.id());
      u.setString(2, "model-" + model++);
      u.setLong(3, tokens);
      u.executeUpdate();
    }
  }

  private static String json(Map<String, ? extends Number> map) {
    List<String> entries = new ArrayList<>();
    map.forEach((k, v) -> entries.add("\"" + k.replace("\"", "\\\"") + "\": " + v));
    return "{" + String.join(", ", entries) + "}";
  }

  static Map<String, Long> agents(Object... pairs) {
    Map<String, Long> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], ((Number) pairs[i + 1]).longValue());
    }
    return map;
  }
}
