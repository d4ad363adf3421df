package dev.gao.metrics.processor.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamedSqlTest {
  @Test
  void replacesNamesOutsideLiteralsIdentifiersAndComments() {
    NamedSql sql =
        NamedSql.parse(
            "select \"a:b\", `c:d`, [e:f], ':g''h:i' FROM t -- :j\n WHERE x = :x1 AND y = :_y /* :k */ OR z = :x1");
    assertEquals(
        "select \"a:b\", `c:d`, [e:f], ':g''h:i' FROM t -- :j\n WHERE x = ? AND y = ? /* :k */ OR z = ?",
        sql.jdbcSql());
    assertEquals(List.of("x1", "_y", "x1"), sql.names());
    assertEquals("SELECT", sql.keyword());
    assertFalse(sql.trailingText());
  }

  @Test
  void findsTheKeywordAfterComments() {
    assertEquals("DELETE", NamedSql.parse("-- note\n/* more */ delete from t").keyword());
    assertEquals("", NamedSql.parse("  ").keyword());
    assertEquals("", NamedSql.parse("'text").keyword());
  }

  @Test
  void detectsASecondStatement() {
    assertFalse(NamedSql.parse("SELECT 1;  \n").trailingText());
    assertTrue(NamedSql.parse("SELECT 1; SELECT 2").trailingText());
  }

  @Test
  void leavesOtherColonsAndUnterminatedText() {
    NamedSql sql = NamedSql.parse("SELECT ': 1 /* x");
    assertEquals("SELECT ': 1 /* x", sql.jdbcSql());
    assertEquals(List.of(), sql.names());
    assertEquals("SELECT a:1, b : c, [x", NamedSql.parse("SELECT a:1, b : c, [x").jdbcSql());
    assertEquals("SELECT 1 /* open", NamedSql.parse("SELECT 1 /* open").jdbcSql());
  }

  @Test
  void postgresCastsAndDollarQuotesAreNotParameters() {
    NamedSql sql = NamedSql.parse(
        "SELECT x::int, y :: bigint, '{}'::jsonb, $$ :notme $$, $tag$ a :no $tag$, $1 FROM t WHERE z = :z::text");
    assertEquals(
        "SELECT x::int, y :: bigint, '{}'::jsonb, $$ :notme $$, $tag$ a :no $tag$, $1 FROM t WHERE z = ?::text",
        sql.jdbcSql());
    assertEquals(List.of("z"), sql.names());
    assertEquals("SELECT ?::int", NamedSql.parse("SELECT :a::int").jdbcSql());
    assertEquals(List.of("a"), NamedSql.parse("SELECT :a::int").names());
  }
}
