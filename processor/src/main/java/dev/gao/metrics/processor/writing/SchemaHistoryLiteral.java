package dev.gao.metrics.processor.writing;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import dev.gao.metrics.processor.migration.RenderedStep;
import dev.gao.metrics.processor.parsing.Names;
import dev.gao.metrics.processor.sql.SqlDialect;
import dev.gao.metrics.processor.structure.SchemaShape;
import dev.gao.metrics.processor.structure.TableShape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.lang.model.element.Modifier;

/**
 * The parts of a schema class that hold its history: a constant per earlier version (and one per
 * table of it), the {@code new SchemaHistory(...)} expression with every step, and the Javadoc that
 * lists each step's SQL.
 */
final class SchemaHistoryLiteral {
  private final TableInfoLiteral tables;

  SchemaHistoryLiteral(SqlDialect dialect, SqlDialect postgres) {
    this.tables = new TableInfoLiteral(dialect, postgres);
  }

  /** The constants of the earlier versions, in declaration order: tables first, then the version. */
  List<FieldSpec> versionFields(List<SchemaShape> versions, List<String> identityHashes) {
    List<FieldSpec> fields = new ArrayList<>();
    for (int i = 0; i < versions.size(); i++) {
      SchemaShape version = versions.get(i);
      List<CodeBlock> tableNames = new ArrayList<>();
      for (TableShape table : version.tables()) {
        String name = "V" + version.version() + "_" + Names.constantCase(table.name());
        fields.add(
            FieldSpec.builder(RuntimeTypes.TABLE_INFO, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer(tables.of(table))
                .build());
        tableNames.add(CodeBlock.of("$N", name));
      }
      fields.add(
          FieldSpec.builder(
                  RuntimeTypes.SCHEMA_INFO, "V" + version.version(), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
              .addJavadoc("Version $L of the schema, as recorded in its snapshot.\n", version.version())
              .initializer(
                  "new $T(\n$>$>$S,\n$L,\n$S,\n$L$<$<)",
                  RuntimeTypes.SCHEMA_INFO,
                  version.name(),
                  version.version(),
                  identityHashes.get(i),
                  list(tableNames, Function.identity()))
              .build());
    }
    return fields;
  }

  /** The {@code new SchemaHistory(...)} expression. */
  CodeBlock history(List<SchemaShape> versions, List<RenderedStep> steps) {
    return CodeBlock.of(
        "new $T(\n$>$>$L,\n$L$<$<)",
        RuntimeTypes.SCHEMA_HISTORY,
        list(versions, v -> CodeBlock.of("V$L", v.version())),
        list(steps, this::step));
  }

  private CodeBlock step(RenderedStep step) {
    return CodeBlock.of(
        "new $T(\n$>$>$L,\n$L,\n$L,\n$L,\n$L,\n$S,\n$L$<$<)\n$>$>.on(\n$>$>$T.POSTGRESQL,\n$L,\n$L)$<$<$<$<",
        RuntimeTypes.MIGRATION_STEP,
        step.fromVersion(),
        step.toVersion(),
        list(step.sql().statements(), s -> CodeBlock.of("$S", s)),
        list(step.sql().finalStatements(), s -> CodeBlock.of("$S", s)),
        step.sql().foreignKeysOff(),
        step.sql().checksum(),
        list(step.dataMigrations(), (ClassName c) -> CodeBlock.of("new $T()", c)),
        RuntimeTypes.ENGINE,
        list(step.postgres().statements(), s -> CodeBlock.of("$S", s)),
        list(step.postgres().finalStatements(), s -> CodeBlock.of("$S", s)));
  }

  /** The Javadoc paragraphs listing every step's SQL. */
  static CodeBlock javadoc(List<RenderedStep> steps) {
    CodeBlock.Builder doc = CodeBlock.builder().add("\n<p>Migration steps:\n");
    for (RenderedStep step : steps) {
      List<String> lines = new ArrayList<>();
      step.sql().statements().forEach(s -> lines.add(s + ";"));
      if (!step.dataMigrations().isEmpty()) {
        lines.add("-- data migrations: " + String.join(", ", step.dataMigrations().stream().map(ClassName::canonicalName).toList()));
      }
      if (!step.sql().finalStatements().isEmpty()) {
        lines.add("-- then:");
        step.sql().finalStatements().forEach(s -> lines.add(s + ";"));
      }
      doc.add(
          "\n<p>$L $L -> $L$L:\n",
          step.upgrade() ? "Upgrade" : "Downgrade",
          step.fromVersion(),
          step.toVersion(),
          step.sql().foreignKeysOff() ? " (foreign keys off)" : "");
      doc.add("<pre>\n$L\n</pre>\n", JavadocText.escape(lines.isEmpty() ? "-- no statements" : String.join("\n", lines)));
      List<String> postgres = new ArrayList<>();
      step.postgres().statements().forEach(s -> postgres.add(s + ";"));
      if (!step.postgres().finalStatements().isEmpty()) {
        postgres.add("-- then:");
        step.postgres().finalStatements().forEach(s -> postgres.add(s + ";"));
      }
      doc.add("<p>On PostgreSQL:\n");
      doc.add(
          "<pre>\n$L\n</pre>\n",
          JavadocText.escape(postgres.isEmpty() ? "-- no statements" : String.join("\n", postgres)));
    }
    return doc.build();
  }

  private static <T> CodeBlock list(List<T> items, Function<T, CodeBlock> element) {
    if (items.isEmpty()) {
      return CodeBlock.of("$T.of()", List.class);
    }
    return CodeBlock.of("$T.of(\n$>$>$L$<$<)", List.class, CodeBlock.join(items.stream().map(element).toList(), ",\n"));
  }
}
