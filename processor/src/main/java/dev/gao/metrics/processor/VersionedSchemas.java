package dev.gao.metrics.processor;

import com.squareup.javapoet.ClassName;
import dev.gao.metrics.processor.diag.Message;
import dev.gao.metrics.processor.diag.Problem;
import dev.gao.metrics.processor.history.DataLossAllowance;
import dev.gao.metrics.processor.history.History;
import dev.gao.metrics.processor.history.HistoryCheck;
import dev.gao.metrics.processor.history.HistoryError;
import dev.gao.metrics.processor.history.Snapshot;
import dev.gao.metrics.processor.history.SnapshotStore;
import dev.gao.metrics.processor.migration.GuardFinding;
import dev.gao.metrics.processor.migration.Renames;
import dev.gao.metrics.processor.migration.RenderedStep;
import dev.gao.metrics.processor.migration.SchemaDiffer;
import dev.gao.metrics.processor.migration.StepGuards;
import dev.gao.metrics.processor.migration.StepPlan;
import dev.gao.metrics.processor.migration.VersionHistory;
import dev.gao.metrics.processor.model.SchemaModel;
import dev.gao.metrics.processor.parsing.Annotations;
import dev.gao.metrics.processor.parsing.DataLossDeclaration;
import dev.gao.metrics.processor.parsing.DataMigrationDeclaration;
import dev.gao.metrics.processor.parsing.MigrationAnnotations;
import dev.gao.metrics.processor.parsing.RenameDeclaration;
import dev.gao.metrics.processor.sql.SqlDialect;
import dev.gao.metrics.processor.structure.ColumnShape;
import dev.gao.metrics.processor.structure.SchemaShape;
import dev.gao.metrics.processor.structure.Shapes;
import dev.gao.metrics.processor.structure.TableShape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The history of one schema: checks its snapshots, records the current version, guards the new step
 * and renders every step in both directions.
 */
final class VersionedSchemas {
  private final Path schemaDir;
  private final SqlDialect dialect;
  private final SqlDialect postgres;
  private final Elements elements;
  private final MigrationAnnotations declarations;

  /**
   * @param schemaDir the folder of the snapshots, or {@code null} when none was configured
   */
  VersionedSchemas(
      Path schemaDir,
      SqlDialect dialect,
      SqlDialect postgres,
      Elements elements,
      MigrationAnnotations declarations) {
    this.postgres = postgres;
    this.schemaDir = schemaDir;
    this.dialect = dialect;
    this.elements = elements;
    this.declarations = declarations;
  }

  /**
   * The history of {@code model}, declared on {@code type}; problems go to {@code problems}, and the
   * result is empty when there are any.
   */
  Optional<VersionHistory> history(
      TypeElement type, SchemaModel model, List<DataMigrationDeclaration> dataMigrations, List<Problem> problems) {
    AnnotationMirror annotation = Annotations.find(type, Annotations.METRICS_SCHEMA).orElse(null);
    if (schemaDir == null) {
      if (model.version() > 1) {
        problems.add(Problem.on(type, annotation, null, Message.SCHEMA_DIR_MISSING, model.name(), model.version()));
      }
      checkDataMigrations(model, dataMigrations, problems);
      return problems.isEmpty() ? Optional.of(VersionHistory.NONE) : Optional.empty();
    }
    SnapshotStore store = new SnapshotStore(schemaDir, type.getQualifiedName().toString());
    SortedMap<Integer, byte[]> files;
    try {
      files = store.readAll();
    } catch (IOException e) {
      problems.add(Problem.on(type, annotation, null, Message.SNAPSHOT_UNREADABLE, store.file(model.version()), e));
      return Optional.empty();
    }
    SchemaShape current = Shapes.of(model);
    List<RenameDeclaration> renames =
        declarations.renames(model.tables()).stream().filter(r -> r.version() == model.version()).toList();
    List<DataLossDeclaration> losses =
        declarations.dataLosses(type).stream().filter(d -> d.version() == model.version()).toList();
    Renames declared = renames(renames);
    List<DataLossAllowance> allowed = losses.stream().map(DataLossDeclaration::allowance).toList();
    History history = new HistoryCheck(store).check(files, current, declared, allowed);
    for (HistoryError error : history.errors()) {
      problems.add(new Problem(error.message(), type, annotation, null, error.arguments()));
    }
    if (!problems.isEmpty()) {
      return Optional.empty();
    }
    List<Snapshot> snapshots = history.snapshots();
    if (history.newSnapshot() != null && snapshots.size() > 1) {
      Snapshot previous = snapshots.get(snapshots.size() - 2);
      checkRenameSources(previous.schema(), renames, declared, problems);
      if (problems.isEmpty()) {
        StepPlan upgrade = SchemaDiffer.diff(previous.schema(), current, declared);
        for (GuardFinding finding : StepGuards.check(upgrade, allowed, dialect)) {
          problems.add(guardProblem(type, annotation, model, finding));
        }
      }
    }
    checkDataMigrations(model, dataMigrations, problems);
    if (!problems.isEmpty()) {
      return Optional.empty();
    }
    if (history.newSnapshot() != null) {
      try {
        store.write(model.version(), history.newSnapshot());
      } catch (IOException e) {
        problems.add(Problem.on(type, annotation, null, Message.SNAPSHOT_UNREADABLE, store.file(model.version()), e));
        return Optional.empty();
      }
    }
    return Optional.of(steps(snapshots, dataMigrations));
  }

  private VersionHistory steps(List<Snapshot> snapshots, List<DataMigrationDeclaration> dataMigrations) {
    List<SchemaShape> versions = new ArrayList<>();
    List<String> hashes = new ArrayList<>();
    List<RenderedStep> steps = new ArrayList<>();
    for (int i = 0; i + 1 < snapshots.size(); i++) {
      Snapshot older = snapshots.get(i);
      Snapshot newer = snapshots.get(i + 1);
      versions.add(older.schema());
      hashes.add(older.identityHash());
      Renames renames = newer.renames();
      StepPlan up = SchemaDiffer.diff(older.schema(), newer.schema(), renames);
      StepPlan down = SchemaDiffer.diff(newer.schema(), older.schema(), renames.inverse());
      steps.add(new RenderedStep(
          up.fromVersion(), up.toVersion(), dialect.migrate(up), postgres.migrate(up), classes(dataMigrations, up)));
      steps.add(new RenderedStep(
          down.fromVersion(),
          down.toVersion(),
          dialect.migrate(down),
          postgres.migrate(down),
          classes(dataMigrations, down)));
    }
    return new VersionHistory(versions, hashes, steps);
  }

  private static List<ClassName> classes(List<DataMigrationDeclaration> declarations, StepPlan step) {
    return declarations.stream()
        .filter(d -> d.from() == step.fromVersion() && d.to() == step.toVersion())
        .map(d -> ClassName.get(d.type()))
        .sorted(Comparator.comparing(ClassName::canonicalName))
        .toList();
  }

  private static Renames renames(List<RenameDeclaration> declarations) {
    List<Renames.TableRename> tables = new ArrayList<>();
    List<Renames.ColumnRename> columns = new ArrayList<>();
    for (RenameDeclaration declaration : declarations) {
      if (declaration.column() == null) {
        tables.add(new Renames.TableRename(declaration.from(), declaration.table()));
      } else {
        columns.add(new Renames.ColumnRename(declaration.table(), declaration.from(), declaration.column()));
      }
    }
    return new Renames(tables, columns);
  }

  private static void checkRenameSources(
      SchemaShape previous, List<RenameDeclaration> declarations, Renames renames, List<Problem> problems) {
    for (RenameDeclaration declaration : declarations) {
      if (declaration.column() == null) {
        if (previous.table(declaration.from()).isEmpty()) {
          List<String> names = previous.tables().stream().map(TableShape::name).toList();
          problems.add(renameProblem(declaration, previous.version(), "table", names));
        }
        continue;
      }
      String oldTable = renames.tableSource(declaration.table()).orElse(declaration.table());
      Optional<TableShape> table = previous.table(oldTable);
      if (table.isEmpty() || table.get().column(declaration.from()).isEmpty()) {
        List<String> names = table.map(t -> t.columns().stream().map(ColumnShape::name).toList()).orElse(List.of());
        problems.add(renameProblem(declaration, previous.version(), "column in table " + oldTable, names));
      }
    }
  }

  private static Problem renameProblem(RenameDeclaration declaration, int version, String what, List<String> names) {
    return Problem.on(
        declaration.element(),
        declaration.annotation(),
        null,
        Message.RENAME_SOURCE_MISSING,
        declaration.from(),
        declaration.version(),
        version,
        what,
        declaration.from(),
        names.isEmpty() ? "nothing of that kind" : String.join(", ", names));
  }

  private Problem guardProblem(TypeElement schema, AnnotationMirror annotation, SchemaModel model, GuardFinding finding) {
    if (!finding.ambiguous()) {
      return Problem.on(
          schema, annotation, null, Message.DATA_LOSS, model.version(), finding.description(), finding.allowAnnotation(), model.name());
    }
    String[] sides = finding.description().split("\\|", 2);
    Element target = tableElement(model, finding.newTable());
    boolean table = sides[0].startsWith("table ");
    String where =
        table
            ? "the @MetricsTable type of " + finding.addedName()
            : "the component of column " + finding.newTable() + "." + finding.addedName();
    return Problem.on(
        target == null ? schema : target,
        Message.AMBIGUOUS_RENAME,
        model.version(),
        sides[0],
        sides[1],
        finding.renameAnnotation(),
        where,
        finding.allowAnnotation(),
        model.name());
  }

  private Element tableElement(SchemaModel model, String tableName) {
    return model.tables().stream()
        .filter(t -> t.name().equals(tableName))
        .findFirst()
        .map(t -> (Element) elements.getTypeElement(t.qualifiedName()))
        .orElse(null);
  }

  private static void checkDataMigrations(
      SchemaModel model, List<DataMigrationDeclaration> dataMigrations, List<Problem> problems) {
    int last = model.version();
    for (DataMigrationDeclaration declaration : dataMigrations) {
      boolean step = Math.abs(declaration.from() - declaration.to()) == 1
          && Math.min(declaration.from(), declaration.to()) >= 1
          && Math.max(declaration.from(), declaration.to()) <= last;
      if (!step) {
        problems.add(
            Problem.on(
                declaration.type(),
                declaration.annotation(),
                null,
                Message.DATA_MIGRATION_NOT_A_STEP,
                declaration.from(),
                declaration.to(),
                declaration.type().getQualifiedName(),
                model.name(),
                last));
      }
    }
  }
}
