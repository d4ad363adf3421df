package dev.gao.metrics.example.cli;

import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.runtime.MetricsDatabase;
import dev.gao.metrics.runtime.migration.MigrationPlan;
import dev.gao.metrics.runtime.schema.MigrationStep;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code gao-metrics migrate}: brings the database to the code's version, or to {@code --to N}. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = {
      "Migrates the database to this build's schema version, or up or down to --to N.",
      "A backup is taken next to a file first (on a server, back up with pg_dump). --dry-run prints the SQL of every"
          + " step instead.",
      "On a server, two processes that migrate at once take turns: one applies each step, the other waits and then"
          + " validates."
    })
final class MigrateCommand extends DatabaseCommand {
  @Option(names = "--to", paramLabel = "N", description = "Target version (default: this build's, ${DEFAULT-VALUE}).")
  int target = GaoMetricsSchema.VERSION;

  @Option(names = "--dry-run", description = "Print what would run, SQL included, and change nothing.")
  boolean dryRun;

  @Option(names = "--no-backup", description = "Do not copy the database before migrating it.")
  boolean noBackup;

  @Option(
      names = "--yes",
      description = "Downgrade without asking, even at a terminal, though the steps drop tables or columns.")
  boolean yes;

  /** {@code DROP TABLE "t"} and {@code ALTER TABLE "t" DROP COLUMN "c"}, as the generated steps write them. */
  private static final Pattern DROP =
      Pattern.compile("^(?:DROP TABLE \"([^\"]+)\"|ALTER TABLE \"([^\"]+)\" DROP COLUMN \"([^\"]+)\")$");

  @Override
  public Integer call() {
    if (GaoMetricsSchema.SCHEMA.atVersion(target).isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "invalid --to " + target + ": this build knows schema versions " + knownVersions());
    }
    DatabaseLocation location = location();
    PrintWriter out = out();
    MigrationPlan plan = Databases.plan(location, target);
    if (dryRun) {
      // a server named as every command names it, postgresql://user@host:port/db
      MigrationPlan named =
          location.isFile()
              ? plan
              : new MigrationPlan(
                  location.toString(), plan.storedVersion(), plan.adoptedVersion(), plan.targetVersion(), plan.steps());
      out.print(named.describe());
      return 0;
    }
    List<String> dropped = dropped(location, plan);
    if (!dropped.isEmpty()) {
      err().println(
          "gao-metrics migrate: migrating " + location + " down to version " + target + " drops "
              + String.join(", ", dropped)
              + (location.isFile()
                  ? " (a backup is taken first unless --no-backup)"
                  : " (no backup is taken on a server: back the database up with pg_dump first)"));
      if (!yes && cli().terminal().interactive() && !confirmed(location)) {
        out.println("nothing migrated");
        return 0;
      }
    }
    int before = plan.adoptedVersion() > 0 ? 0 : plan.storedVersion();
    try (MetricsDatabase db =
        location
            .builder(GaoMetricsSchema.SCHEMA)
            .targetVersion(target)
            .backupBeforeMigration(!noBackup)
            .open()) {
      if (plan.adoptedVersion() > 0) {
        out.printf("adopted %s as version %d%n", location, plan.adoptedVersion());
      }
      if (plan.createsSchema()) {
        out.printf("created schema %s version %d in %s%n", db.schema().name(), db.storedVersion(), location);
      } else if (plan.steps().isEmpty()) {
        out.printf("%s is at version %d; nothing to migrate%n", location, db.storedVersion());
      } else {
        out.printf(
            "migrated %s from version %d to %d in %d %s%n",
            location,
            before == 0 ? plan.adoptedVersion() : before,
            db.storedVersion(),
            plan.steps().size(),
            plan.steps().size() == 1 ? "step" : "steps");
      }
    }
    return 0;
  }

  private boolean confirmed(DatabaseLocation location) {
    try {
      return cli().terminal().confirmed(err(), "migrate " + location + " down to version " + target + "? [y/N] ");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What the downgrade steps of {@code plan} drop, with what each holds now: {@code table
   * token_usage (576 rows)}, {@code column benchmark_runs.finished_at (72 values)}. Read on a plain
   * connection (read-only on a file) that changes nothing; a table or column that a step of the
   * same path creates first is listed without a count.
   */
  private static List<String> dropped(DatabaseLocation location, MigrationPlan plan) {
    List<String> dropped = new ArrayList<>();
    for (MigrationStep step : plan.steps()) {
      if (step.upgrade()) {
        continue;
      }
      List<String> statements = new ArrayList<>(step.statements());
      statements.addAll(step.finalStatements());
      for (String sql : statements) {
        Matcher drop = DROP.matcher(sql.strip());
        if (!drop.matches()) {
          continue;
        }
        String table = drop.group(1) != null ? drop.group(1) : drop.group(2);
        String column = drop.group(3);
        if (column == null && statements.contains("ALTER TABLE \"" + table + "__new\" RENAME TO \"" + table + "\"")) {
          continue; // a rebuild: the new form of the table takes the old one's place, with its rows
        }
        String entry = column == null
            ? "table " + table + count(location, "SELECT count(*) FROM \"" + table + "\"", "rows")
            : "column " + table + "." + column
                + count(location, "SELECT count(*) FROM \"" + table + "\" WHERE \"" + column + "\" IS NOT NULL", "values");
        if (!dropped.contains(entry)) {
          dropped.add(entry);
        }
      }
    }
    return dropped;
  }

  private static String count(DatabaseLocation location, String sql, String what) {
    try (Connection connection = location.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      return rs.next() ? String.format(Locale.ROOT, " (%,d %s)", rs.getLong(1), what) : "";
    } catch (SQLException e) {
      return "";
    }
  }

  /** The versions this build can migrate to, {@code 1, 2, 3, 4}. */
  private static String knownVersions() {
    List<String> versions = new ArrayList<>();
    GaoMetricsSchema.SCHEMA.history().versions().forEach(v -> versions.add(Integer.toString(v.version())));
    versions.add(Integer.toString(GaoMetricsSchema.VERSION));
    return String.join(", ", versions);
  }
}
