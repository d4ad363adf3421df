package dev.gao.metrics.processor.migration;

import dev.gao.metrics.processor.structure.ColumnShape;
import dev.gao.metrics.processor.structure.ForeignKeyShape;
import dev.gao.metrics.processor.structure.IndexShape;
import dev.gao.metrics.processor.structure.SchemaShape;
import dev.gao.metrics.processor.structure.TableShape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Compares two versions of a schema, given the renames declared for the step, and lists what changed
 * table by table. A pure function: equal inputs give equal plans.
 */
public final class SchemaDiffer {
  private SchemaDiffer() {}

  /** The plan of the step from {@code from} to {@code to}. */
  public static StepPlan diff(SchemaShape from, SchemaShape to, Renames renames) {
    List<TableStep> steps = new ArrayList<>();
    Set<String> matched = new HashSet<>();
    Map<String, String> tableNames = new HashMap<>();
    for (TableShape target : to.tables()) {
      String sourceName = renames.tableSource(target.name()).orElse(target.name());
      from.table(sourceName).ifPresent(t -> tableNames.put(t.name(), target.name()));
    }
    for (TableShape target : to.tables()) {
      String sourceName = renames.tableSource(target.name()).orElse(target.name());
      Optional<TableShape> source = from.table(sourceName);
      if (source.isPresent() && matched.add(sourceName)) {
        steps.add(table(source.get(), target, renames, tableNames, to));
      } else {
        steps.add(
            new TableStep(
                null, target, Map.of(), List.of(new Change(ChangeKind.ADD_TABLE, target.name(), "", "added table " + target.name()))));
      }
    }
    for (TableShape source : from.tables()) {
      if (!matched.contains(source.name())) {
        steps.add(
            new TableStep(
                source, null, Map.of(), List.of(new Change(ChangeKind.DROP_TABLE, source.name(), "", "dropped table " + source.name()))));
      }
    }
    return new StepPlan(from.version(), to.version(), steps);
  }

  private static TableStep table(
      TableShape from, TableShape to, Renames renames, Map<String, String> tableNames, SchemaShape target) {
    String t = from.name();
    List<Change> changes = new ArrayList<>();
    if (!from.name().equals(to.name())) {
      changes.add(new Change(ChangeKind.RENAME_TABLE, t, "", "renamed table " + t + " to " + to.name()));
    }
    Map<String, String> sources = new LinkedHashMap<>();
    Map<String, String> newNames = new HashMap<>();
    for (ColumnShape column : to.columns()) {
      String sourceName = renames.columnSource(to.name(), column.name()).orElse(column.name());
      if (from.column(sourceName).isPresent() && !newNames.containsKey(sourceName)) {
        sources.put(column.name(), sourceName);
        newNames.put(sourceName, column.name());
      }
    }
    for (ColumnShape old : from.columns()) {
      if (!newNames.containsKey(old.name())) {
        changes.add(new Change(ChangeKind.DROP_COLUMN, t, old.name(), "dropped column " + t + "." + old.name()));
      }
    }
    for (ColumnShape column : to.columns()) {
      String sourceName = sources.get(column.name());
      if (sourceName == null) {
        changes.add(new Change(ChangeKind.ADD_COLUMN, t, column.name(), "added column " + to.name() + "." + column.name()));
        continue;
      }
      ColumnShape old = from.column(sourceName).orElseThrow();
      columnChanges(t, old, column, changes);
    }
    if (from.autoIncrement() != to.autoIncrement()) {
      changes.add(
          new Change(
              ChangeKind.CHANGE_PRIMARY_KEY,
              t,
              "",
              "table " + t + ": automatic key " + from.autoIncrement() + " -> " + to.autoIncrement()));
    }
    List<String> keptOrder = from.columns().stream().map(c -> newNames.get(c.name())).filter(Objects::nonNull).toList();
    List<String> targetOrder = to.columns().stream().map(ColumnShape::name).filter(sources::containsKey).toList();
    if (!keptOrder.equals(targetOrder)) {
      changes.add(new Change(ChangeKind.REORDER_COLUMNS, t, "", "table " + t + ": column order " + keptOrder + " -> " + targetOrder));
    }
    indexChanges(from, to, newNames, changes);
    foreignKeyChanges(from, to, newNames, tableNames, renames, target, changes);
    return new TableStep(from, to, sources, changes);
  }

  private static void columnChanges(String t, ColumnShape old, ColumnShape column, List<Change> changes) {
    String where = "column " + t + "." + old.name();
    if (!old.name().equals(column.name())) {
      changes.add(new Change(ChangeKind.RENAME_COLUMN, t, old.name(), "renamed " + where + " to " + column.name()));
    }
    if (old.kind() != column.kind() || !old.javaType().equals(column.javaType())) {
      changes.add(
          new Change(
              ChangeKind.CHANGE_TYPE,
              t,
              old.name(),
              where + ": type " + typeText(old) + " -> " + typeText(column)));
    }
    if (old.notNull() != column.notNull()) {
      changes.add(
          new Change(
              ChangeKind.CHANGE_NULLABILITY,
              t,
              old.name(),
              where + ": " + (old.notNull() ? "NOT NULL" : "nullable") + " -> " + (column.notNull() ? "NOT NULL" : "nullable")));
    }
    if (!Objects.equals(old.defaultValue(), column.defaultValue())) {
      changes.add(
          new Change(
              ChangeKind.CHANGE_DEFAULT, t, old.name(), where + ": default " + old.defaultValue() + " -> " + column.defaultValue()));
    }
    if (!old.sameRange(column)) {
      changes.add(
          new Change(ChangeKind.CHANGE_RANGE, t, old.name(), where + ": range " + rangeText(old) + " -> " + rangeText(column)));
    }
    if (!old.enumNames().equals(column.enumNames())) {
      changes.add(
          new Change(
              ChangeKind.CHANGE_ENUM_NAMES,
              t,
              old.name(),
              where + ": enum names " + enumText(old) + " -> " + enumText(column)));
    }
    if (old.nullableJson() && column.nullableJson() && old.nullSafeJsonCheck() != column.nullSafeJsonCheck()) {
      changes.add(
          new Change(
              ChangeKind.CHANGE_JSON_CHECK,
              t,
              old.name(),
              where + ": JSON check " + jsonCheckText(old) + " -> " + jsonCheckText(column)));
    }
    if (old.normalizedTime() != column.normalizedTime()) {
      changes.add(
          new Change(
              ChangeKind.CHANGE_TIME_NORMALIZATION,
              t,
              old.name(),
              where + ": time text " + timeText(old) + " -> " + timeText(column)));
    }
    if (old.primaryKeyPosition() != column.primaryKeyPosition()) {
      changes.add(
          new Change(
              ChangeKind.CHANGE_PRIMARY_KEY,
              t,
              old.name(),
              where + ": primary key position " + old.primaryKeyPosition() + " -> " + column.primaryKeyPosition()));
    }
  }

  private static String jsonCheckText(ColumnShape column) {
    return column.nullSafeJsonCheck() ? "null-safe" : "failing NULL before SQLite 3.45";
  }

  private static String timeText(ColumnShape column) {
    return column.normalizedTime() ? "normalized to UTC by triggers" : "stored as written";
  }

  private static String rangeText(ColumnShape column) {
    return column.ranged() ? "[" + column.min() + ", " + column.max() + "]" : "none";
  }

  private static String enumText(ColumnShape column) {
    return column.enumChecked() ? column.enumNames().toString() : "unchecked";
  }

  private static String typeText(ColumnShape column) {
    return column.kind() + " (" + column.javaType() + ")";
  }

  private static void indexChanges(TableShape from, TableShape to, Map<String, String> newNames, List<Change> changes) {
    String t = from.name();
    for (IndexShape old : from.indexes()) {
      Optional<IndexShape> kept = to.indexes().stream().filter(i -> i.name().equals(old.name())).findFirst();
      if (kept.isEmpty() || !kept.get().sameDefinition(renamed(old, newNames))) {
        changes.add(new Change(ChangeKind.DROP_INDEX, t, old.name(), "dropped index " + old.name() + " " + old.columns() + " of " + t));
      }
    }
    for (IndexShape index : to.indexes()) {
      Optional<IndexShape> before = from.indexes().stream().filter(i -> i.name().equals(index.name())).findFirst();
      if (before.isEmpty() || !index.sameDefinition(renamed(before.get(), newNames))) {
        changes.add(
            new Change(ChangeKind.ADD_INDEX, t, index.name(), "added index " + index.name() + " " + index.columns() + " of " + to.name()));
      }
    }
  }

  private static IndexShape renamed(IndexShape index, Map<String, String> newNames) {
    List<String> columns = index.columns().stream().map(c -> newNames.getOrDefault(c, "\u0000" + c)).toList();
    return new IndexShape(index.name(), columns, index.unique(), index.automatic());
  }

  private static void foreignKeyChanges(
      TableShape from,
      TableShape to,
      Map<String, String> newNames,
      Map<String, String> tableNames,
      Renames renames,
      SchemaShape target,
      List<Change> changes) {
    String t = from.name();
    for (ForeignKeyShape old : from.foreignKeys()) {
      String column = newNames.get(old.column());
      Optional<ForeignKeyShape> now = column == null ? Optional.empty() : to.foreignKey(column);
      if (now.isEmpty() || !sameTarget(old, now.get(), tableNames, renames, target)) {
        changes.add(
            new Change(
                ChangeKind.DROP_FOREIGN_KEY,
                t,
                old.column(),
                "dropped foreign key " + t + "." + old.column() + " -> " + old.referencedTable() + "." + old.referencedColumn()));
      } else if (!old.onDelete().equals(now.get().onDelete()) || !old.onUpdate().equals(now.get().onUpdate())) {
        changes.add(
            new Change(
                ChangeKind.CHANGE_FOREIGN_KEY_ACTION,
                t,
                old.column(),
                "foreign key "
                    + t
                    + "."
                    + old.column()
                    + ": ON DELETE "
                    + old.onDelete()
                    + " ON UPDATE "
                    + old.onUpdate()
                    + " -> ON DELETE "
                    + now.get().onDelete()
                    + " ON UPDATE "
                    + now.get().onUpdate()));
      }
    }
    for (ForeignKeyShape key : to.foreignKeys()) {
      String oldColumn = to.column(key.column()).map(c -> sourceOf(newNames, c.name())).orElse(null);
      Optional<ForeignKeyShape> before = oldColumn == null ? Optional.empty() : from.foreignKey(oldColumn);
      if (before.isEmpty() || !sameTarget(before.get(), key, tableNames, renames, target)) {
        changes.add(
            new Change(
                ChangeKind.ADD_FOREIGN_KEY,
                t,
                key.column(),
                "added foreign key " + to.name() + "." + key.column() + " -> " + key.referencedTable() + "." + key.referencedColumn()));
      }
    }
  }

  private static String sourceOf(Map<String, String> newNames, String newName) {
    return newNames.entrySet().stream().filter(e -> e.getValue().equals(newName)).map(Map.Entry::getKey).findFirst().orElse(null);
  }

  private static boolean sameTarget(
      ForeignKeyShape old, ForeignKeyShape now, Map<String, String> tableNames, Renames renames, SchemaShape target) {
    String table = tableNames.get(old.referencedTable());
    if (table == null || !table.equals(now.referencedTable()) || target.table(table).isEmpty()) {
      return false;
    }
    String column = renames.columns().stream()
        .filter(r -> r.table().equals(table) && r.from().equals(old.referencedColumn()))
        .map(Renames.ColumnRename::to)
        .findFirst()
        .orElse(old.referencedColumn());
    return column.equals(now.referencedColumn());
  }
}
