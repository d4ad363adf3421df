package dev.gao.metrics.processor.migration;

import static dev.gao.metrics.processor.migration.Shapes.col;
import static dev.gao.metrics.processor.migration.Shapes.key;
import static dev.gao.metrics.processor.migration.Shapes.schema;
import static dev.gao.metrics.processor.migration.Shapes.table;
import static dev.gao.metrics.processor.migration.Shapes.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gao.metrics.processor.history.DataLossAllowance;
import dev.gao.metrics.processor.model.ValueKind;
import dev.gao.metrics.processor.structure.ColumnShape;
import dev.gao.metrics.processor.structure.SchemaShape;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepGuardsTest {
  private static List<GuardFinding> check(SchemaShape from, SchemaShape to, DataLossAllowance... allowed) {
    return StepGuards.check(SchemaDiffer.diff(from, to, Renames.NONE), List.of(allowed), SqliteDatabase.DIALECT);
  }

  @Test
  void typeChangesThatKeepValuesAreNotLosses() {
    assertFalse(StepGuards.narrowing(col("a", "INTEGER", "int", true, null, 0), col("a", "INTEGER", "long", true, null, 0)));
    assertFalse(StepGuards.narrowing(col("a", "REAL", "float", true, null, 0), col("a", "REAL", "java.lang.Double", true, null, 0)));
    assertFalse(StepGuards.narrowing(col("a", "INTEGER", "int", true, null, 0), col("a", "REAL", "double", true, null, 0)));
    assertFalse(StepGuards.narrowing(col("a", "REAL", "double", true, null, 0), col("a", "TEXT", "java.lang.String", true, null, 0)));
    assertTrue(StepGuards.narrowing(col("a", "INTEGER", "long", true, null, 0), col("a", "INTEGER", "int", true, null, 0)));
    assertTrue(StepGuards.narrowing(col("a", "INTEGER", "long", true, null, 0), col("a", "REAL", "double", true, null, 0)));
    assertTrue(StepGuards.narrowing(col("a", "TEXT", "java.lang.String", true, null, 0), col("a", "INTEGER", "long", true, null, 0)));
    assertTrue(StepGuards.narrowing(col("a", "TEXT", "java.lang.String", true, null, 0), col("a", "TEXT", "java.util.UUID", true, null, 0)));
    assertTrue(StepGuards.narrowing(col("a", "INTEGER", "int", true, null, 0), col("a", "INTEGER", "boolean", true, null, 0)));
    assertTrue(StepGuards.narrowing(new ColumnShape("a", ValueKind.JSON, "int", true, null, 0), new ColumnShape("a", ValueKind.JSON, "double", true, null, 0)));
    assertTrue(StepGuards.narrowing(text("a", true), new ColumnShape("a", ValueKind.JSON, "java.lang.String", true, null, 0)));
  }

  @Test
  void everyLosingChangeNeedsItsAcknowledgement() {
    SchemaShape from = schema(1, table("t", key("id"), text("a", false), text("b", false), col("n", "INTEGER", "long", true, null, 0)), table("u", key("id")));
    SchemaShape to =
        schema(
            2,
            table("t", key("id"), text("a", true), col("b", "INTEGER", "long", false, null, 0), col("n", "INTEGER", "int", true, null, 0),
                col("m", "REAL", "double", true, null, 0)));
    List<GuardFinding> findings = check(from, to);
    assertEquals(
        List.of(
            "column t.a: nullable -> NOT NULL without a default; NULL values become the type's zero value",
            "column t.b: type STRING (java.lang.String) -> LONG (long) narrows the values",
            "column t.n: type LONG (long) -> INT (int) narrows the values",
            "added column t.m is NOT NULL without a default; existing rows get the type's zero value",
            "dropped table u"),
        findings.stream().map(GuardFinding::description).toList());
    assertEquals("@AllowDataLoss(version = 2, table = \"u\", reason = \"...\")", findings.get(4).allowAnnotation());
    assertEquals(
        List.of(),
        check(
            from,
            to,
            new DataLossAllowance("t", "", "all of t"),
            new DataLossAllowance("u", "", "gone")));
  }

  @Test
  void droppedAndAddedColumnOfAnotherTypeIsNoRename() {
    SchemaShape from = schema(1, table("t", key("id"), text("a", false)));
    SchemaShape to = schema(2, table("t", key("id"), col("b", "INTEGER", "java.lang.Long", false, null, 0)));
    List<GuardFinding> findings = check(from, to);
    assertEquals(1, findings.size());
    assertFalse(findings.get(0).ambiguous());
    GuardFinding rename = check(from, schema(2, table("t", key("id"), text("b", false)))).get(0);
    assertTrue(rename.ambiguous());
    assertEquals("@RenamedFrom(name = \"a\", version = 2)", rename.renameAnnotation());
    assertEquals("b", rename.addedName());
  }

  @Test
  void renamesInvertForTheDowngrade() {
    Renames renames =
        new Renames(List.of(new Renames.TableRename("a", "b")), List.of(new Renames.ColumnRename("b", "x", "y")));
    assertEquals(
        new Renames(List.of(new Renames.TableRename("b", "a")), List.of(new Renames.ColumnRename("a", "y", "x"))),
        renames.inverse());
    assertEquals(renames, renames.inverse().inverse());
    assertTrue(Renames.NONE.isEmpty());
    assertFalse(renames.isEmpty());
  }
}
