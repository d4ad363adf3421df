package dev.gao.metrics.runtime.sql.postgres;

import dev.gao.metrics.runtime.sql.AnalyticsSql;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL's spelling of the analytics' SQL: {@code jsonb_each} over {@code jsonb}, ids unpacked
 * once from a {@code jsonb} array into an array of the id column's type (so that its index serves
 * the lookup), periods formatted from {@code timestamptz} at UTC with {@code to_char} and {@code
 * date_trunc} (whose weeks start on Monday, as ISO's do), {@code ctid} as storage order, {@code IS
 * NOT DISTINCT FROM} as null-safe equality and {@code LIMIT NULL} as no limit.
 */
enum PostgresAnalyticsSql implements AnalyticsSql {
  INSTANCE;

  /**
   * The types a column of these Java types has, where it is not {@code text}; a value of another
   * type (a string, an enum) is compared as text.
   */
  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("long", "bigint"),
          Map.entry("java.lang.Long", "bigint"),
          Map.entry("int", "integer"),
          Map.entry("java.lang.Integer", "integer"),
          Map.entry("short", "smallint"),
          Map.entry("java.lang.Short", "smallint"),
          Map.entry("byte", "smallint"),
          Map.entry("java.lang.Byte", "smallint"),
          Map.entry("boolean", "boolean"),
          Map.entry("java.lang.Boolean", "boolean"),
          Map.entry("double", "double precision"),
          Map.entry("java.lang.Double", "double precision"),
          Map.entry("float", "real"),
          Map.entry("java.lang.Float", "real"),
          Map.entry("java.math.BigDecimal", "numeric"),
          Map.entry("java.time.Instant", "timestamp with time zone"),
          Map.entry("java.time.OffsetDateTime", "timestamp with time zone"),
          Map.entry("java.time.LocalDateTime", "timestamp without time zone"),
          Map.entry("java.time.LocalDate", "date"),
          Map.entry("java.util.UUID", "uuid"));

  @Override
  public String jsonEntries(String jsonColumn, String alias) {
    return "jsonb_each(CASE WHEN jsonb_typeof(" + jsonColumn + ") = 'object' THEN " + jsonColumn
        + " END) " + alias;
  }

  @Override
  public String entryIsNumber(String alias) {
    return "jsonb_typeof(" + alias + ".value) = 'number'";
  }

  @Override
  public String entryNumber(String alias) {
    return "CAST(" + alias + ".value AS double precision)";
  }

  @Override
  public String toDouble(String expression) {
    return "CAST(" + expression + " AS double precision)";
  }

  @Override
  public String textParameter(String javaType) {
    String type = TYPES.get(javaType);
    return type == null ? "?" : "CAST(? AS " + type + ")";
  }

  @Override
  public String inJsonArray(String column, String javaType, String parameter) {
    String type = TYPES.getOrDefault(javaType, "text");
    // an array computed once (an init plan), so that the planner looks each id up through the
    // column's index (= ANY), where a set-returning function in an IN would be joined by a scan
    return column
        + " = ANY (ARRAY(SELECT CAST(ids.id AS "
        + type
        + ") FROM jsonb_array_elements_text(CAST("
        + parameter
        + " AS jsonb)) AS ids(id)))";
  }

  @Override
  public String periodLabel(String timeColumn, String period) {
    String utc = "(" + timeColumn + " AT TIME ZONE 'UTC')";
    return switch (period) {
      case "hour" -> "to_char(" + utc + ", 'YYYY-MM-DD\"T\"HH24')";
      case "day" -> "to_char(" + utc + ", 'YYYY-MM-DD')";
      case "week" -> "to_char(date_trunc('week', " + utc + "), 'YYYY-MM-DD')";
      case "month" -> "to_char(" + utc + ", 'YYYY-MM')";
      default -> throw new IllegalArgumentException("no such period: " + period);
    };
  }

  @Override
  public String storageOrder(String alias) {
    return alias + ".ctid";
  }

  @Override
  public String sortedText(String expression) {
    // "C" compares the UTF-8 bytes, which is code point order
    return expression + " COLLATE \"C\"";
  }

  @Override
  public String same(String left, String right) {
    return left + " IS NOT DISTINCT FROM " + right;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here one aggregation per group reads the runs once, counts them and aggregates every metric
   * beside them, its values sorted into an array ({@code array_agg(x ORDER BY x)}) in which the
   * ranks are subscripts; the deviation's second pass reads that array back in memory. No
   * materialized table (which the planner cannot scan in parallel), no window over every value
   * (whose sort spills to disk at the default {@code work_mem}), no join back to the run counts.
   */
  @Override
  public String statistics(String runs, List<String> keys, int metrics, List<String> groupOrder) {
    String partition = String.join(", ", keys);
    StringBuilder aggregates = new StringBuilder();
    List<String> perMetric = new ArrayList<>();
    for (int m = 0; m < metrics; m++) {
      String x = "f.x" + m;
      aggregates.append(", COUNT(").append(x).append(") AS cnt").append(m)
          .append(", AVG(").append(x).append(") AS mean").append(m)
          .append(", MIN(").append(x).append(") AS lo").append(m)
          .append(", MAX(").append(x).append(") AS hi").append(m)
          .append(", array_agg(").append(x).append(" ORDER BY ").append(x).append(") FILTER (WHERE ")
          .append(x).append(" IS NOT NULL) AS xs").append(m);
      perMetric.add("(" + m + ", g.cnt" + m + ", g.mean" + m + ", g.lo" + m + ", g.hi" + m + ", g.xs" + m + ")");
    }
    return "SELECT s.m, "
        + AnalyticsSql.qualified("g", keys)
        + ", g.runs, g.failed, s.cnt, s.mean, s.lo, s.hi,"
        + " CASE WHEN s.cnt > 1 THEN (SELECT sqrt(SUM((u.x - s.mean) * (u.x - s.mean)) / (s.cnt - 1))"
        + " FROM unnest(s.xs) AS u(x)) END AS sd,"
        + " (s.xs[CAST((s.cnt + 1) / 2 AS integer)] + s.xs[CAST((s.cnt + 2) / 2 AS integer)]) / 2 AS median,"
        + " s.xs[CAST((95 * s.cnt + 99) / 100 AS integer)] AS p95"
        + " FROM (SELECT "
        + AnalyticsSql.qualified("f", keys)
        + ", COUNT(*) AS runs, SUM(f.failed) AS failed"
        + aggregates
        + " FROM ("
        + runs
        + ") f GROUP BY "
        + AnalyticsSql.qualified("f", keys)
        + ") g CROSS JOIN LATERAL (VALUES "
        + String.join(", ", perMetric)
        + ") AS s(m, cnt, mean, lo, hi, xs) ORDER BY "
        + String.join(", ", groupOrder)
        + ", s.m";
  }

  @Override
  public void bindLimit(PreparedStatement statement, int index, long limit) throws SQLException {
    if (limit < 0) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, limit);
    }
  }
}
