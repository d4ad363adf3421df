package dev.gao.metrics.runtime.sql;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The pieces of the analytics' SQL that each engine spells its own way: expanding a JSON map into
 * its entries, a set of run ids bound as one JSON array, UTC time periods, the order of rows
 * without a key, the order of text, null-safe equality and "no limit". Everything else the analytics write is SQL
 * both engines read alike, so that the same question gets the same answer on either.
 *
 * <p>Arguments named {@code column} or {@code expression} are SQL the analytics built from
 * validated, quoted identifiers; nothing here quotes or checks them again.
 */
public interface AnalyticsSql {
  /**
   * A {@code FROM} item with one row per entry of the JSON object in {@code jsonColumn}, aliased
   * {@code alias}, whose entries are read with {@link #entryKey}, {@link #entryIsNumber} and
   * {@link #entryNumber}. A value that is SQL NULL, or JSON but not an object, gives no row.
   *
   * @param jsonColumn the qualified JSON column
   * @param alias the alias of the entries
   * @return the {@code FROM} item
   */
  String jsonEntries(String jsonColumn, String alias);

  /**
   * The key of an entry of {@link #jsonEntries}, as text.
   *
   * @param alias the entries' alias
   * @return the expression
   */
  default String entryKey(String alias) {
    return alias + ".key";
  }

  /**
   * The condition that an entry's value is a JSON number.
   *
   * @param alias the entries' alias
   * @return the condition
   */
  String entryIsNumber(String alias);

  /**
   * An entry's value as a floating-point number, for entries where {@link #entryIsNumber} holds.
   *
   * @param alias the entries' alias
   * @return the expression
   */
  String entryNumber(String alias);

  /**
   * A metric value as a floating-point number, so that sums, means and spreads are computed in the
   * same arithmetic on every engine (SQLite computes them in doubles; PostgreSQL would keep
   * integers and decimals exact and round differently).
   *
   * @param expression the value
   * @return the expression
   */
  String toDouble(String expression);

  /**
   * A parameter bound as text that compares with a column of the given Java type: SQLite compares
   * text with the column's own affinity; PostgreSQL casts the text to the column's type, so that a
   * filter on a number, a flag, a date or a UUID compares values (and uses an index), not text.
   *
   * @param javaType the qualified Java type of the column's values
   * @return the parameter: {@code ?}, or {@code CAST(? AS type)}
   */
  String textParameter(String javaType);

  /**
   * The condition that {@code column} is one of the ids in a JSON array bound as text at one
   * parameter.
   *
   * @param column the qualified or quoted column
   * @param javaType the qualified Java type of the column's values (the run id's type), so that
   *     an engine with typed columns converts the array's elements to it
   * @param parameter the parameter marker: {@code ?}, or {@code ?1} where {@link
   *     Dialect#numberedParameters()} allows numbers, to use one array several times
   * @return the condition
   */
  String inJsonArray(String column, String javaType, String parameter);

  /**
   * The label of the UTC period a time falls in: {@code 2026-01-05T13} for an hour, {@code
   * 2026-01-05} for a day, the date of the week's Monday for a week, {@code 2026-01} for a month.
   *
   * @param timeColumn the qualified time column, of an {@code Instant} or {@code OffsetDateTime}
   * @param period {@code hour}, {@code day}, {@code week} or {@code month}
   * @return the expression
   * @throws IllegalArgumentException for another period
   */
  String periodLabel(String timeColumn, String period);

  /**
   * The order in which rows of a table without a primary key were stored, to read them back in a
   * stable order.
   *
   * @param alias the table's alias
   * @return the {@code ORDER BY} expression
   */
  String storageOrder(String alias);

  /**
   * A text value as it sorts in an {@code ORDER BY}: by code point, as SQLite's default {@code
   * BINARY} collation sorts, whatever collation the database has, so that runs, groups and keys come
   * in the same order on every engine.
   *
   * @param expression a text value
   * @return the expression to sort by
   */
  String sortedText(String expression);

  /**
   * The condition that two values are equal or both NULL.
   *
   * @param left one value
   * @param right the other
   * @return the condition
   */
  String same(String left, String right);

  /**
   * Binds the value of a {@code LIMIT ?}.
   *
   * @param statement the statement
   * @param index the parameter's index
   * @param limit the number of rows, or a negative number for no limit
   * @throws SQLException if the driver refuses the value
   */
  void bindLimit(PreparedStatement statement, int index, long limit) throws SQLException;

  /**
   * The statement of the statistics of metrics per group of runs. {@code runs} selects one row per
   * run: the group keys {@code keys}, {@code failed} (1 or 0) and the metrics' values {@code x0},
   * {@code x1}, ... (double, NULL where the run has none). The statement returns one row per group
   * and metric, ordered by {@code groupOrder} (expressions over the keys qualified {@code g.}), then
   * metric: the metric's index, the keys, the group's runs, failed runs, and over the metric's
   * values that are not NULL their count, mean, minimum, maximum, two-pass sample standard
   * deviation (NULL for fewer than two), median (the mean of the values ranked {@code (n + 1) / 2}
   * and {@code (n + 2) / 2}, in integer division) and p95 (the value ranked {@code (95 * n + 99) /
   * 100}: nearest rank), ranks counted from 1 in ascending order; a metric without values has a
   * count of 0 or NULL and NULL statistics. The parameters are those of {@code runs}, in order.
   *
   * <p>This spelling, for an engine without ordered aggregates (SQLite): the runs are read once into
   * a materialized table, their values stacked one row per run and metric, and window functions over
   * one window rank them (so that the values are sorted once) and give the group mean; the run counts
   * are joined back per group.
   *
   * @param runs the query of the runs
   * @param keys the names of the group keys in {@code runs}
   * @param metrics how many metrics {@code runs} has values of
   * @param groupOrder the order of the groups
   * @return the statement
   */
  default String statistics(String runs, List<String> keys, int metrics, List<String> groupOrder) {
    String partition = String.join(", ", keys);
    List<String> stacked = new ArrayList<>();
    List<String> numbers = new ArrayList<>();
    for (int m = 0; m < metrics; m++) {
      stacked.add(
          "SELECT " + qualified("f", keys) + ", " + m + " AS m, f.x" + m + " AS x FROM f WHERE f.x" + m
              + " IS NOT NULL");
      numbers.add("SELECT " + m + " AS m");
    }
    // f is read twice (values and run counts): materialized, its runs are read once
    return "WITH f AS MATERIALIZED ("
        + runs
        + "), v AS ("
        + String.join(" UNION ALL ", stacked)
        // one window for the rank, count and mean of a partition: SQLite sorts once per window
        + "), ranked AS (SELECT m, "
        + partition
        + ", x, ROW_NUMBER() OVER w AS rn, COUNT(*) OVER w AS n, AVG(x) OVER w AS gm FROM v"
        + " WINDOW w AS (PARTITION BY m, "
        + partition
        + " ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)), s AS (SELECT m, "
        + partition
        + ", COUNT(*) AS cnt, AVG(x) AS mean, MIN(x) AS lo, MAX(x) AS hi,"
        + " CASE WHEN COUNT(*) > 1 THEN sqrt(SUM((x - gm) * (x - gm)) / (COUNT(*) - 1))"
        + " END AS sd,"
        + " AVG(CASE WHEN rn IN ((n + 1) / 2, (n + 2) / 2) THEN x END) AS median,"
        + " MAX(CASE WHEN rn = (95 * n + 99) / 100 THEN x END) AS p95"
        + " FROM ranked GROUP BY m, "
        + partition
        + "), g AS (SELECT "
        + partition
        + ", COUNT(*) AS runs, SUM(failed) AS failed FROM f GROUP BY "
        + partition
        + "), metrics AS ("
        + String.join(" UNION ALL ", numbers)
        + ") SELECT metrics.m, "
        + qualified("g", keys)
        + ", g.runs, g.failed, s.cnt, s.mean, s.lo, s.hi, s.sd, s.median, s.p95"
        + " FROM g CROSS JOIN metrics LEFT JOIN s ON s.m = metrics.m AND "
        + String.join(" AND ", keys.stream().map(k -> same("s." + k, "g." + k)).toList())
        + " ORDER BY "
        + String.join(", ", groupOrder)
        + ", metrics.m";
  }

  /** The keys qualified by {@code alias}, comma-separated. */
  static String qualified(String alias, List<String> keys) {
    return String.join(", ", keys.stream().map(k -> alias + "." + k).toList());
  }
}
