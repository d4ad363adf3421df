package dev.gao.metrics.example.cli;

import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.exception.SchemaMismatchException;
import dev.gao.metrics.runtime.migration.MigrationPlan;
import dev.gao.metrics.runtime.schema.SchemaDifference;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code gao-metrics validate}: compares the live schema with the schema of the version the file
 * records, without changing anything. Exit 0 when they match, 1 with the report otherwise.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Compares the database's live structure with the schema of the version it records.",
      "Exit code 0 when they match; 1, with every difference, when they do not."
    })
final class ValidateCommand extends DatabaseCommand {
  /** Exit code when the live schema differs. */
  static final int EXIT_MISMATCH = 1;


  @Override
  public Integer call() {
    Path file = file();
    PrintWriter out = out();
    MigrationPlan plan = Databases.plan(file);
    try (MetricsDatabase db = Databases.openAsStored(plan)) {
      List<SchemaDifference> differences = db.validate();
      if (!differences.isEmpty()) {
        out.printf("%s differs from schema version %d:%n", file, db.storedVersion());
        differences.forEach(d -> out.println("  " + d));
        return EXIT_MISMATCH;
      }
      out.printf("%s matches schema %s version %d%n", file, db.schema().name(), db.storedVersion());
      if (!plan.steps().isEmpty()) {
        out.printf("%d migration steps are pending to version %d; run 'gao-metrics migrate'%n",
            plan.steps().size(), plan.targetVersion());
      }
      return 0;
    } catch (SchemaMismatchException mismatch) {
      out.println(mismatch.getMessage());
      return EXIT_MISMATCH;
    }
  }
}
