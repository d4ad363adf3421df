package dev.gao.metrics.processor.sql.sqlite;

import dev.gao.metrics.processor.migration.ChangeKind;
import dev.gao.metrics.processor.migration.StepPlan;
import dev.gao.metrics.processor.migration.StepSql;
import dev.gao.metrics.processor.migration.TableStep;
import dev.gao.metrics.processor.model.ValueKind;
import dev.gao.metrics.processor.sql.EnumChecks;
import dev.gao.metrics.processor.sql.TriggerSql;
import dev.gao.metrics.processor.structure.ColumnShape;
import dev.gao.metrics.processor.structure.IndexShape;
import dev.gao.metrics.processor.structure.TableShape;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Renders a step for SQLite: native {@code ALTER TABLE} (rename table and column, add and drop
 * column) and plain index statements where SQLite allows them, the documented table rebuild
 * (create new, copy, drop old, rename, recreate indexes) everywhere else; the triggers of every
 * changed table are created again from its new form.
 */
final class SqliteMigrationRenderer {
  /** Changes {@code ALTER TABLE} cannot make; any of them forces a rebuild. */
  private static final Set<ChangeKind> REBUILD =
      EnumSet.of(
          ChangeKind.CHANGE_TYPE,
          ChangeKind.CHANGE_NULLABILITY,
          ChangeKind.CHANGE_DEFAULT,
          ChangeKind.CHANGE_RANGE,
          ChangeKind.CHANGE_ENUM_NAMES,
          ChangeKind.CHANGE_JSON_CHECK,
          ChangeKind.CHANGE_PRIMARY_KEY,
          ChangeKind.REORDER_COLUMNS,
          ChangeKind.DROP_FOREIGN_KEY,
          ChangeKind.CHANGE_FOREIGN_KEY_ACTION);

  /** Changes made without touching the table itself. */
  private static final Set<ChangeKind> TRIGGER_OR_INDEX =
      EnumSet.of(ChangeKind.ADD_INDEX, ChangeKind.DROP_INDEX, ChangeKind.CHANGE_TIME_NORMALIZATION);

  private final SqliteDialect dialect;

  /** The version the step being rendered migrates to, named by its failure messages. */
  private int targetVersion;

  SqliteMigrationRenderer(SqliteDialect dialect) {
    this.dialect = dialect;
  }

  StepSql render(StepPlan plan) {
    targetVersion = plan.toVersion();
    List<String> statements = new ArrayList<>();
    List<String> finalStatements = new ArrayList<>();
    boolean foreignKeysOff = false;
    List<String> createdTriggers = new ArrayList<>();
    for (TableStep table : plan.tables()) {
      // The triggers of a changed table are dropped first and created again last, from its new form:
      // a trigger names the table and columns it watches, and a rebuild drops them with the table.
      if (table.unchanged()) {
        continue;
      }
      if (!table.added() && !table.dropped()) {
        dialect.triggers(table.from()).forEach(t -> statements.add(dialect.dropTrigger(t.name())));
      }
      if (!table.dropped()) {
        dialect.triggers(table.to()).forEach(t -> createdTriggers.add(t.createSql()));
      }
    }
    for (TableStep table : plan.tables()) {
      if (table.dropped()) {
        table.from().indexes().forEach(i -> statements.add("DROP INDEX " + q(i.name())));
        finalStatements.add("DROP TABLE " + q(table.from().name()));
        foreignKeysOff = true;
      } else if (!table.added() && !table.from().name().equals(table.to().name())) {
        statements.add("ALTER TABLE " + q(table.from().name()) + " RENAME TO " + q(table.to().name()));
      }
    }
    for (TableStep table : plan.tables()) {
      if (table.dropped() || table.unchanged()) {
        continue;
      }
      if (table.added()) {
        statements.add(dialect.createTable(table.to()));
        table.to().indexes().forEach(i -> statements.add(dialect.createIndex(table.to(), i)));
      } else if (needsRebuild(table)) {
        rebuild(table, statements, finalStatements);
        foreignKeysOff = true;
      } else {
        alter(table, statements, finalStatements);
      }
    }
    statements.addAll(createdTriggers);
    return new StepSql(statements, finalStatements, foreignKeysOff);
  }

  /** Whether SQLite's ALTER TABLE cannot make the table's changes. */
  boolean needsRebuild(TableStep table) {
    if (table.changes().stream()
        .anyMatch(
            c -> REBUILD.contains(c.kind())
                || (c.kind() == ChangeKind.ADD_FOREIGN_KEY && table.source(c.subject()).isPresent()))) {
      return true;
    }
    if (hasValueChecks(table.from()) || hasValueChecks(table.to())) {
      // Range and enum checks are named after table and column, and a column with one cannot be
      // added or dropped natively: any change other than an index statement rebuilds the table.
      return table.changes().stream().anyMatch(c -> !TRIGGER_OR_INDEX.contains(c.kind()));
    }
    TableShape to = table.to();
    boolean keptSeen = false;
    for (int i = to.columns().size() - 1; i >= 0; i--) {
      ColumnShape column = to.columns().get(i);
      boolean added = table.source(column.name()).isEmpty();
      if (!added) {
        keptSeen = true;
      } else if (keptSeen || !canAdd(to, column)) {
        return true;
      }
    }
    for (ColumnShape old : table.from().columns()) {
      boolean dropped = !table.columnSources().containsValue(old.name());
      if (dropped && (old.inPrimaryKey() || old.json() || table.from().foreignKey(old.name()).isPresent()
          || to.column(old.name()).isPresent())) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasValueChecks(TableShape table) {
    return table.columns().stream().anyMatch(ColumnShape::valueChecked);
  }

  private boolean canAdd(TableShape table, ColumnShape column) {
    String defaultSql = dialect.defaultSql(column);
    if (column.inPrimaryKey() || !ColumnValues.constantDefault(defaultSql)) {
      return false;
    }
    if (column.notNull() && !ColumnValues.nonNullDefault(defaultSql)) {
      return false;
    }
    return table.foreignKey(column.name()).isEmpty() || !ColumnValues.nonNullDefault(defaultSql);
  }

  private void alter(TableStep table, List<String> statements, List<String> finalStatements) {
    TableShape from = table.from();
    TableShape to = table.to();
    String name = q(to.name());
    for (var change : table.changes()) {
      if (change.kind() == ChangeKind.DROP_INDEX) {
        statements.add("DROP INDEX " + q(change.subject()));
      }
    }
    table.columnSources().forEach(
        (now, before) -> {
          if (!now.equals(before)) {
            statements.add("ALTER TABLE " + name + " RENAME COLUMN " + q(before) + " TO " + q(now));
          }
        });
    for (ColumnShape column : to.columns()) {
      if (table.source(column.name()).isEmpty()) {
        statements.add("ALTER TABLE " + name + " ADD COLUMN " + dialect.addedColumnDefinition(to, column));
      }
    }
    for (var change : table.changes()) {
      if (change.kind() == ChangeKind.ADD_INDEX) {
        IndexShape index = to.indexes().stream().filter(i -> i.name().equals(change.subject())).findFirst().orElseThrow();
        statements.add(dialect.createIndex(to, index));
      }
    }
    for (ColumnShape old : from.columns()) {
      if (!table.columnSources().containsValue(old.name())) {
        finalStatements.add("ALTER TABLE " + name + " DROP COLUMN " + q(old.name()));
      }
    }
  }

  /**
   * Rebuilds the table into its target form. Columns the step drops are kept, as plain nullable
   * columns of their type at the end (a JSON column as plain text, without its check), until the
   * final statements drop them natively: data migrations of the step can still read them.
   */
  private void rebuild(TableStep table, List<String> statements, List<String> finalStatements) {
    TableShape to = table.to();
    List<ColumnShape> kept = new ArrayList<>();
    for (ColumnShape old : table.from().columns()) {
      if (!table.columnSources().containsValue(old.name()) && to.column(old.name()).isEmpty()) {
        ValueKind kind = old.json() ? ValueKind.STRING : old.kind();
        kept.add(new ColumnShape(old.name(), kind, old.javaType(), false, null, 0));
      }
    }
    List<ColumnShape> columns = new ArrayList<>(to.columns());
    columns.addAll(kept);
    String temporary = to.name() + "__new";
    TableShape interim = new TableShape(temporary, to.javaType(), columns, to.autoIncrement(), to.indexes(), to.foreignKeys());
    statements.add(dialect.createTable(interim, to.name()));
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (ColumnShape column : to.columns()) {
      String value = value(table, column);
      if (value != null) {
        names.add(q(column.name()));
        values.add(value);
      }
    }
    for (ColumnShape column : kept) {
      names.add(q(column.name()));
      values.add(q(column.name()));
    }
    if (!names.isEmpty()) {
      List<TriggerSql> guards = enumGuards(table, temporary);
      guards.forEach(g -> statements.add(g.createSql()));
      statements.add(
          "INSERT INTO " + q(temporary) + " (" + String.join(", ", names) + ") SELECT " + String.join(", ", values)
              + " FROM " + q(to.name()));
      guards.forEach(g -> statements.add("DROP TRIGGER temp." + q(g.name())));
    }
    statements.add("DROP TABLE " + q(to.name()));
    statements.add("ALTER TABLE " + q(temporary) + " RENAME TO " + q(to.name()));
    to.indexes().forEach(i -> statements.add(dialect.createIndex(to, i)));
    kept.forEach(c -> finalStatements.add("ALTER TABLE " + q(to.name()) + " DROP COLUMN " + q(c.name())));
  }

  /**
   * Temporary triggers on the new table that stop the copy at the first row holding a name an enum
   * check of the new version lacks, with a message naming table, column and value (the CHECK alone
   * would name only its constraint). Only columns whose new names do not include every value the old
   * column could hold get one. They live in the connection's temporary schema, never in the file,
   * and are dropped right after the copy.
   */
  private List<TriggerSql> enumGuards(TableStep table, String temporary) {
    List<TriggerSql> guards = new ArrayList<>();
    for (ColumnShape column : table.to().columns()) {
      var source = table.source(column.name()).flatMap(table.from()::column);
      if (source.isEmpty() || !column.enumChecked() || column.acceptsEveryNameOf(source.get())) {
        continue;
      }
      String name = "gao_guard_" + table.to().name() + "_" + column.name();
      String value = "NEW." + q(column.name());
      guards.add(
          new TriggerSql(
              name,
              "CREATE TEMP TRIGGER " + q(name) + " BEFORE INSERT ON main." + q(temporary) + " WHEN NOT ("
                  + EnumChecks.condition(value, column) + ") BEGIN SELECT RAISE(ABORT, "
                  + EnumChecks.literal(EnumChecks.messageStart(table.to().name(), column)) + " || quote(" + value + ") || "
                  + EnumChecks.literal(EnumChecks.messageEnd(column, targetVersion)) + "); END"));
    }
    return guards;
  }

  /** The expression that fills {@code column} from the old row, or {@code null} to leave the default. */
  private String value(TableStep table, ColumnShape column) {
    var source = table.source(column.name());
    if (source.isEmpty()) {
      if (column.defaultValue() != null || !column.notNull()) {
        return null;
      }
      return ColumnValues.zero(column);
    }
    ColumnShape old = table.from().column(source.get()).orElseThrow();
    String value = q(old.name());
    String type = dialect.sqlType(column.kind());
    if (!dialect.sqlType(old.kind()).equals(type)) {
      value = "CAST(" + value + " AS " + type + ")";
    }
    if (column.notNull() && !old.notNull()) {
      String defaultSql = dialect.defaultSql(column);
      String fallback = ColumnValues.nonNullDefault(defaultSql) ? defaultSql : ColumnValues.zero(column);
      value = "COALESCE(" + value + ", " + fallback + ")";
    }
    return value;
  }

  private static String q(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
