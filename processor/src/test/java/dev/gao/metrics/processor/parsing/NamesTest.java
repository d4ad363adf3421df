package dev.gao.metrics.processor.parsing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NamesTest {
  @Test
  void snakeCase() {
    assertEquals("total_time_seconds", Names.snakeCase("totalTimeSeconds"));
    assertEquals("api_url", Names.snakeCase("apiURL"));
    assertEquals("url_value", Names.snakeCase("URLValue"));
    assertEquals("performance_metrics", Names.snakeCase("PerformanceMetrics"));
    assertEquals("id", Names.snakeCase("id"));
    assertEquals("run_id", Names.snakeCase("run_id"));
    assertEquals("run_id", Names.snakeCase("run_Id"));
    assertEquals("http2_port", Names.snakeCase("http2Port"));
    assertEquals("x", Names.snakeCase("X"));
    assertEquals("", Names.snakeCase(""));
  }

  @Test
  void constantCaseAndCapitalize() {
    assertEquals("RUN_ID", Names.constantCase("run_id"));
    assertEquals("RUN_ID", Names.constantCase("runId"));
    assertEquals("RunId", Names.capitalize("runId"));
    assertEquals("", Names.capitalize(""));
  }

  @Test
  void sqlIdentifiers() {
    assertTrue(Names.isSqlIdentifier("benchmark_runs"));
    assertTrue(Names.isSqlIdentifier("_x1"));
    assertFalse(Names.isSqlIdentifier("1x"));
    assertFalse(Names.isSqlIdentifier("bad name"));
    assertFalse(Names.isSqlIdentifier(""));
    assertFalse(Names.isSqlIdentifier("SQLite_master"));
  }
}
