package dev.gao.metrics.processor.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.squareup.javapoet.ClassName;
import dev.gao.metrics.processor.model.Models;
import dev.gao.metrics.processor.model.SchemaModel;
import dev.gao.metrics.processor.sql.sqlite.SqliteDialect;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the in-memory schema database reports about the result columns of a query. */
class SchemaDatabaseTest {
  private static final SchemaModel SCHEMA =
      new SchemaModel(
          ClassName.get("p", "Db"),
          "Db",
          1,
          List.of(
              Models.table("runs", List.of(Models.key("run_id", 1), Models.text("name"))),
              Models.table("metrics", List.of(Models.key("id", 1), Models.text("run_id")))));

  @Test
  void reportsTheOriginTableOfEachColumn() throws SQLException {
    try (SchemaDatabase database = SchemaDatabase.create(SCHEMA, new SqliteDialect())) {
      PreparedQuery query =
          database.prepare(
              "SELECT r.*, m.*, count(*) AS n FROM runs r JOIN (SELECT * FROM metrics) m ON m.run_id = r.run_id"
                  + " WHERE r.run_id = ?");
      assertEquals(List.of("run_id", "name", "id", "run_id", "n"), query.columns());
      assertEquals(Arrays.asList("runs", "runs", "metrics", "metrics", null), query.originTables());
      assertEquals(Arrays.asList("run_id", "name", "id", "run_id", null), query.originColumns());
      assertEquals(Arrays.asList("TEXT", "TEXT", "TEXT", "TEXT", null), query.declaredTypes());
      assertEquals(1, query.parameterCount());
    }
  }

  @Test
  void anAliasedColumnKeepsItsTableAndReportsItsAlias() throws SQLException {
    try (SchemaDatabase database = SchemaDatabase.create(SCHEMA, new SqliteDialect())) {
      PreparedQuery query = database.prepare("SELECT name AS label FROM runs");
      assertEquals(List.of("label"), query.columns());
      assertEquals(List.of("runs"), query.originTables());
      // sqlite-jdbc's getColumnName gives the result name, not the origin column's name.
      assertEquals(List.of("label"), query.originColumns());
    }
  }
}
