package dev.gao.metrics.processor.sql.postgres;

import dev.gao.metrics.processor.migration.Change;
import dev.gao.metrics.processor.migration.ChangeKind;
import dev.gao.metrics.processor.migration.StepPlan;
import dev.gao.metrics.processor.migration.StepSql;
import dev.gao.metrics.processor.migration.TableStep;
import dev.gao.metrics.processor.sql.EnumChecks;
import dev.gao.metrics.processor.structure.ColumnShape;
import dev.gao.metrics.processor.structure.ForeignKeyShape;
import dev.gao.metrics.processor.structure.Identifiers;
import dev.gao.metrics.processor.structure.IndexShape;
import dev.gao.metrics.processor.structure.TableShape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Renders a step for PostgreSQL with native statements only: PostgreSQL alters every part of a table
 * in place and its DDL is transactional, so no table is ever rebuilt and foreign keys stay on. The
 * step runs in one transaction; a statement that fails (a value a new type cannot hold, a row that
 * violates a new constraint) rolls all of it back.
 *
 * <p>The statements run in phases, so that each finds what it needs: foreign keys that go (or that
 * a change below them forces out) are dropped first, then indexes that go, then tables are renamed;
 * each changed table is altered (columns renamed, constraints renamed after their table and column,
 * types converted, columns added, defaults and NOT NULL changed, the key rebuilt, range and enum
 * checks and indexes created; a stored value a new enum check lacks fails the step first, naming
 * it); then new tables are created, and foreign keys added last, when every table
 * they reference exists. Tables and columns the step drops are dropped by the final statements,
 * after the step's data migrations, which can still read them.
 *
 * <p>Three kinds of change need nothing here: the JSON check of a nullable JSON column (a {@code
 * jsonb} column checks its values itself, NULL included), the time triggers (a {@code timestamp
 * with time zone} has no text form to keep canonical), and the order of columns, which PostgreSQL
 * cannot change: added columns come last, kept ones keep their place.
 */
final class PostgresMigrationRenderer {
  private final PostgresDialect dialect;

  /** The version the step being rendered migrates to, named by its failure messages. */
  private int targetVersion;

  PostgresMigrationRenderer(PostgresDialect dialect) {
    this.dialect = dialect;
  }

  StepSql render(StepPlan plan) {
    targetVersion = plan.toVersion();
    Map<String, TableStep> byOldName = new HashMap<>();
    for (TableStep table : plan.tables()) {
      if (!table.added()) {
        byOldName.put(table.from().name(), table);
      }
    }
    List<String> statements = new ArrayList<>();
    List<String> columnDrops = new ArrayList<>();
    Map<TableStep, Set<String>> droppedKeys = new HashMap<>();
    for (TableStep table : plan.tables()) {
      if (!table.added()) {
        droppedKeys.put(table, dropForeignKeys(table, byOldName, statements));
      }
    }
    for (TableStep table : plan.tables()) {
      if (table.dropped()) {
        table.from().indexes().forEach(i -> statements.add("DROP INDEX " + dialect.quote(i.name())));
      } else if (!table.added()) {
        table.changes().stream()
            .filter(c -> c.kind() == ChangeKind.DROP_INDEX)
            .forEach(c -> statements.add("DROP INDEX " + dialect.quote(c.subject())));
      }
    }
    for (TableStep table : plan.tables()) {
      if (!table.added() && !table.dropped() && !table.from().name().equals(table.to().name())) {
        statements.add("ALTER TABLE " + dialect.quote(table.from().name()) + " RENAME TO " + dialect.quote(table.to().name()));
      }
    }
    List<String> addedForeignKeys = new ArrayList<>();
    for (TableStep table : plan.tables()) {
      if (!table.added() && !table.dropped()) {
        alter(table, droppedKeys.get(table), statements, columnDrops);
        addForeignKeys(table, droppedKeys.get(table), addedForeignKeys);
      }
    }
    Set<String> existing = new HashSet<>();
    plan.tables().stream().filter(t -> !t.added() && !t.dropped()).forEach(t -> existing.add(t.to().name()));
    for (TableStep table : plan.tables()) {
      if (table.added()) {
        create(table.to(), existing, statements, addedForeignKeys);
      }
    }
    statements.addAll(addedForeignKeys);
    // In the order SQLite's steps have them: the dropped tables, then the dropped columns.
    List<String> finalStatements = new ArrayList<>();
    dropTables(plan, droppedKeys, finalStatements);
    finalStatements.addAll(columnDrops);
    return new StepSql(statements, finalStatements, false);
  }

  /**
   * Drops the foreign keys of {@code table} that the step removes, whose actions it changes, or that
   * would stand in the way of a change below them: a new type of the referencing or the referenced
   * column, or a new primary key of the referenced table. Returns their columns (names before the
   * step).
   */
  private Set<String> dropForeignKeys(TableStep table, Map<String, TableStep> byOldName, List<String> statements) {
    Set<String> dropped = new HashSet<>();
    for (ForeignKeyShape key : table.from().foreignKeys()) {
      boolean goes = !table.dropped()
          && table.changes().stream()
              .anyMatch(c -> c.subject().equals(key.column())
                  && (c.kind() == ChangeKind.DROP_FOREIGN_KEY || c.kind() == ChangeKind.CHANGE_FOREIGN_KEY_ACTION));
      if (goes || blocked(table, key, byOldName)) {
        dropped.add(key.column());
        statements.add(
            "ALTER TABLE " + dialect.quote(table.from().name()) + " DROP CONSTRAINT "
                + dialect.quote(Identifiers.foreignKeyConstraint(table.from().name(), key.column())));
      }
    }
    return dropped;
  }

  private boolean blocked(TableStep table, ForeignKeyShape key, Map<String, TableStep> byOldName) {
    if (!table.dropped() && typeChanges(table, key.column())) {
      return true;
    }
    TableStep referenced = byOldName.get(key.referencedTable());
    if (referenced == null || referenced.dropped()) {
      return false;
    }
    return keyRecreated(referenced) || typeChanges(referenced, key.referencedColumn());
  }

  /** Whether column {@code oldName} of {@code table}, kept by the step, gets another SQL type. */
  private boolean typeChanges(TableStep table, String oldName) {
    Optional<ColumnShape> old = table.from().column(oldName);
    Optional<ColumnShape> now = newName(table, oldName).flatMap(n -> table.to().column(n));
    return old.isPresent() && now.isPresent() && !sameType(old.get(), now.get());
  }

  private boolean sameType(ColumnShape a, ColumnShape b) {
    return dialect.sqlType(a.kind()).equals(dialect.sqlType(b.kind()));
  }

  /** Whether the primary key of a kept table changes its columns or their order. */
  private static boolean keyRecreated(TableStep table) {
    List<String> before = table.from().keyColumns().stream().map(c -> newName(table, c.name()).orElse(null)).toList();
    List<String> after = table.to().keyColumns().stream().map(ColumnShape::name).toList();
    return !before.equals(after);
  }

  /** The name after the step of column {@code oldName}, if the step keeps it. */
  private static Optional<String> newName(TableStep table, String oldName) {
    return table.columnSources().entrySet().stream()
        .filter(e -> e.getValue().equals(oldName))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  private void alter(TableStep table, Set<String> droppedKeys, List<String> statements, List<String> columnDrops) {
    TableShape from = table.from();
    TableShape to = table.to();
    String alter = "ALTER TABLE " + dialect.quote(to.name()) + " ";
    table.columnSources().forEach(
        (now, before) -> {
          if (!now.equals(before)) {
            statements.add(alter + "RENAME COLUMN " + dialect.quote(before) + " TO " + dialect.quote(now));
          }
        });
    boolean keyRecreated = keyRecreated(table);
    renameOrDropConstraints(table, droppedKeys, keyRecreated, alter, statements);
    String oldIdentity = from.autoIncrement() ? from.keyColumns().get(0).name() : null;
    String newIdentity = to.autoIncrement() ? to.keyColumns().get(0).name() : null;
    boolean identityKept = oldIdentity != null && newIdentity != null && table.source(newIdentity).orElse("").equals(oldIdentity);
    if (oldIdentity != null && !identityKept) {
      statements.add(alter + "ALTER COLUMN " + dialect.quote(newName(table, oldIdentity).orElse(oldIdentity)) + " DROP IDENTITY");
    }
    convertTypes(table, alter, statements);
    addColumns(to, table, alter, statements);
    changeDefaults(table, alter, statements);
    changeNullability(table, alter, statements);
    if (newIdentity != null && !identityKept && table.source(newIdentity).isPresent()) {
      // Keys assigned from now on continue after the largest stored one.
      statements.add(alter + "ALTER COLUMN " + dialect.quote(newIdentity) + " ADD GENERATED BY DEFAULT AS IDENTITY");
      statements.add(
          "DO $$BEGIN PERFORM setval(pg_get_serial_sequence('" + dialect.quote(to.name()) + "', '" + newIdentity
              + "'), COALESCE(MAX(" + dialect.quote(newIdentity) + "), 0) + 1, false) FROM " + dialect.quote(to.name())
              + "; END$$");
    }
    if (keyRecreated) {
      statements.add(
          alter + "ADD PRIMARY KEY (" + dialect.quotedList(to.keyColumns().stream().map(ColumnShape::name).toList()) + ")");
    }
    for (ColumnShape column : to.columns()) {
      Optional<ColumnShape> old = table.source(column.name()).flatMap(from::column);
      if (column.valueChecked() && (old.isEmpty() || !keepsValueCheck(old.get(), column))) {
        if (old.isPresent() && column.enumChecked() && !column.acceptsEveryNameOf(old.get())) {
          statements.add(enumGuard(to.name(), column));
        }
        statements.add(alter + "ADD " + dialect.valueConstraint(to.name(), column));
      }
    }
    for (Change change : table.changes()) {
      if (change.kind() == ChangeKind.ADD_INDEX) {
        IndexShape index = to.indexes().stream().filter(i -> i.name().equals(change.subject())).findFirst().orElseThrow();
        statements.add(dialect.createIndex(to, index));
      }
    }
    for (ColumnShape old : from.columns()) {
      if (newName(table, old.name()).isEmpty()) {
        columnDrops.add(alter + "DROP COLUMN " + dialect.quote(old.name()));
      }
    }
  }

  /**
   * Constraints are named after their table and column: those the step keeps are renamed with them.
   * The primary key goes when its columns change, and a range or enum check when its range, its
   * names or its column's type do; both are added again below.
   */
  private void renameOrDropConstraints(
      TableStep table, Set<String> droppedKeys, boolean keyRecreated, String alter, List<String> statements) {
    TableShape from = table.from();
    TableShape to = table.to();
    String oldKey = Identifiers.primaryKeyConstraint(from.name());
    if (keyRecreated) {
      statements.add(alter + "DROP CONSTRAINT " + dialect.quote(oldKey));
    } else {
      rename(alter, oldKey, Identifiers.primaryKeyConstraint(to.name()), statements);
    }
    for (ForeignKeyShape key : from.foreignKeys()) {
      if (!droppedKeys.contains(key.column())) {
        String now = newName(table, key.column()).orElseThrow();
        rename(
            alter,
            Identifiers.foreignKeyConstraint(from.name(), key.column()),
            Identifiers.foreignKeyConstraint(to.name(), now),
            statements);
      }
    }
    for (ColumnShape old : from.columns()) {
      Optional<ColumnShape> now = newName(table, old.name()).flatMap(to::column);
      if (!old.valueChecked() || now.isEmpty()) {
        continue;
      }
      String oldName = Identifiers.rangeConstraint(from.name(), old.name());
      if (keepsValueCheck(old, now.get())) {
        rename(alter, oldName, Identifiers.rangeConstraint(to.name(), now.get().name()), statements);
      } else {
        statements.add(alter + "DROP CONSTRAINT " + dialect.quote(oldName));
      }
    }
  }

  private void rename(String alter, String oldName, String newName, List<String> statements) {
    if (!oldName.equals(newName)) {
      statements.add(alter + "RENAME CONSTRAINT " + dialect.quote(oldName) + " TO " + dialect.quote(newName));
    }
  }

  /** Whether the range or enum check of {@code old} stays as it is for {@code now}. */
  private boolean keepsValueCheck(ColumnShape old, ColumnShape now) {
    return old.valueChecked() && now.valueChecked() && old.sameValueCheck(now) && sameType(old, now);
  }

  /**
   * Fails the step at the first stored value of an enum column that its new check lacks, naming
   * table, column and value; adding the constraint would fail too, naming only the constraint.
   */
  private String enumGuard(String table, ColumnShape column) {
    String name = dialect.quote(column.name());
    String message = EnumChecks.messageStart(table, column) + "%" + EnumChecks.messageEnd(column, targetVersion);
    return "DO $guard$DECLARE v text; BEGIN SELECT " + name + " INTO v FROM " + dialect.quote(table) + " WHERE NOT ("
        + EnumChecks.condition(name, column) + ") ORDER BY " + name + " LIMIT 1; IF FOUND THEN RAISE EXCEPTION "
        + EnumChecks.literal(message) + ", quote_literal(v) USING ERRCODE = 'check_violation'; END IF; END$guard$";
  }

  /**
   * Converts the stored values of each column whose SQL type changes ({@link TypeConversion}); a
   * default of the old type is dropped first, and set again below. Where a cast could round or cut a
   * value, the rows are checked first and the step fails when one would change.
   */
  private void convertTypes(TableStep table, String alter, List<String> statements) {
    for (ColumnShape now : table.to().columns()) {
      Optional<ColumnShape> source = table.source(now.name()).flatMap(table.from()::column);
      if (source.isEmpty() || sameType(source.get(), now)) {
        continue;
      }
      ColumnShape old = source.get();
      String column = dialect.quote(now.name());
      if (dialect.defaultSql(old) != null) {
        statements.add(alter + "ALTER COLUMN " + column + " DROP DEFAULT");
      }
      String type = dialect.sqlType(now.kind());
      TypeConversion conversion = TypeConversion.of(dialect.sqlType(old.kind()), type, column);
      if (conversion.lossCondition() != null) {
        String what = table.to().name() + "." + now.name();
        statements.add(
            "DO $$BEGIN IF EXISTS (SELECT 1 FROM " + dialect.quote(table.to().name()) + " WHERE " + conversion.lossCondition()
                + ") THEN RAISE EXCEPTION 'column " + what + " holds values that type " + type
                + " cannot hold exactly' USING ERRCODE = 'data_exception'; END IF; END$$");
      }
      statements.add(alter + "ALTER COLUMN " + column + " TYPE " + type + " USING " + conversion.using());
    }
  }

  /**
   * Adds the new columns at the end of the table. A NOT NULL column without a default gives the rows
   * it already has the zero value of its type, through a default that is dropped again at once.
   */
  private void addColumns(TableShape to, TableStep table, String alter, List<String> statements) {
    for (ColumnShape column : to.columns()) {
      if (table.source(column.name()).isPresent()) {
        continue;
      }
      String defaultSql = dialect.defaultSql(column);
      boolean zeroFilled = defaultSql == null && column.notNull() && !PostgresDialect.identity(to, column);
      String definition = dialect.addedColumn(to, column);
      if (defaultSql != null) {
        definition += " DEFAULT " + defaultSql;
      } else if (zeroFilled) {
        definition += " DEFAULT " + ZeroValues.of(column.kind());
      }
      statements.add(alter + "ADD COLUMN " + definition);
      if (zeroFilled) {
        statements.add(alter + "ALTER COLUMN " + dialect.quote(column.name()) + " DROP DEFAULT");
      }
    }
  }

  private void changeDefaults(TableStep table, String alter, List<String> statements) {
    for (ColumnShape now : table.to().columns()) {
      Optional<ColumnShape> source = table.source(now.name()).flatMap(table.from()::column);
      if (source.isEmpty()) {
        continue;
      }
      String before = sameType(source.get(), now) ? dialect.defaultSql(source.get()) : null;
      String after = dialect.defaultSql(now);
      if (!Objects.equals(before, after)) {
        String column = dialect.quote(now.name());
        statements.add(alter + "ALTER COLUMN " + column + (after == null ? " DROP DEFAULT" : " SET DEFAULT " + after));
      }
    }
  }

  /**
   * Sets and drops NOT NULL as the columns declare it; a key column is NOT NULL in any case, and
   * stays so when it leaves the key until dropped. A column that becomes NOT NULL gets its default,
   * or the zero value of its type, in the rows where it is NULL, as on SQLite. Columns the step
   * drops lose NOT NULL at once: the step's data migrations may write rows without them.
   */
  private void changeNullability(TableStep table, String alter, List<String> statements) {
    for (ColumnShape now : table.to().columns()) {
      Optional<ColumnShape> source = table.source(now.name()).flatMap(table.from()::column);
      if (source.isEmpty()) {
        continue;
      }
      boolean before = notNull(source.get());
      boolean after = notNull(now);
      String column = dialect.quote(now.name());
      if (after && !before) {
        String defaultSql = dialect.defaultSql(now);
        String fill = defaultSql != null && !defaultSql.trim().equalsIgnoreCase("NULL") ? defaultSql : ZeroValues.of(now.kind());
        statements.add("UPDATE " + dialect.quote(table.to().name()) + " SET " + column + " = " + fill + " WHERE " + column + " IS NULL");
        statements.add(alter + "ALTER COLUMN " + column + " SET NOT NULL");
      } else if (before && !after) {
        statements.add(alter + "ALTER COLUMN " + column + " DROP NOT NULL");
      }
    }
    for (ColumnShape old : table.from().columns()) {
      if (newName(table, old.name()).isEmpty() && notNull(old)) {
        statements.add(alter + "ALTER COLUMN " + dialect.quote(old.name()) + " DROP NOT NULL");
      }
    }
  }

  private static boolean notNull(ColumnShape column) {
    return column.notNull() || column.inPrimaryKey();
  }

  /**
   * Collects the foreign keys of a kept table to add after every table is in place: the new ones,
   * and the ones dropped above that the new version still has.
   */
  private void addForeignKeys(TableStep table, Set<String> droppedKeys, List<String> addedForeignKeys) {
    for (ForeignKeyShape key : table.to().foreignKeys()) {
      boolean added = table.changes().stream()
          .anyMatch(c -> c.kind() == ChangeKind.ADD_FOREIGN_KEY && c.subject().equals(key.column()));
      boolean readded = table.source(key.column()).filter(droppedKeys::contains).isPresent();
      if (added || readded) {
        addedForeignKeys.add(addForeignKey(table.to().name(), key));
      }
    }
  }

  private String addForeignKey(String table, ForeignKeyShape key) {
    return "ALTER TABLE " + dialect.quote(table) + " ADD " + dialect.foreignKeyConstraint(table, key);
  }

  /**
   * Creates an added table and its indexes. A foreign key to a table that does not exist yet (one
   * the step creates later) is added at the end of the step instead.
   */
  private void create(TableShape table, Set<String> existing, List<String> statements, List<String> addedForeignKeys) {
    existing.add(table.name());
    statements.add(dialect.createTable(table, f -> existing.contains(f.referencedTable())));
    table.indexes().forEach(i -> statements.add(dialect.createIndex(table, i)));
    for (ForeignKeyShape key : table.foreignKeys()) {
      if (!existing.contains(key.referencedTable())) {
        addedForeignKeys.add(addForeignKey(table.name(), key));
      }
    }
  }

  /**
   * Drops the dropped tables, each after the dropped tables that reference it. Tables that
   * reference each other in a cycle lose those foreign keys first.
   */
  private void dropTables(StepPlan plan, Map<TableStep, Set<String>> droppedKeys, List<String> finalStatements) {
    List<TableShape> remaining = new ArrayList<>();
    for (TableStep table : plan.tables()) {
      if (table.dropped()) {
        // Foreign keys dropped at the start of the step no longer tie the tables together.
        TableShape from = table.from();
        List<ForeignKeyShape> keys = from.foreignKeys().stream().filter(f -> !droppedKeys.get(table).contains(f.column())).toList();
        remaining.add(new TableShape(from.name(), from.javaType(), from.columns(), from.autoIncrement(), from.indexes(), keys));
      }
    }
    while (!remaining.isEmpty()) {
      TableShape next =
          remaining.stream().filter(t -> referencing(remaining, t).isEmpty()).findFirst().orElse(remaining.get(0));
      for (TableShape other : referencing(remaining, next)) {
        for (ForeignKeyShape key : other.foreignKeys()) {
          if (key.referencedTable().equals(next.name())) {
            finalStatements.add(
                "ALTER TABLE " + dialect.quote(other.name()) + " DROP CONSTRAINT "
                    + dialect.quote(Identifiers.foreignKeyConstraint(other.name(), key.column())));
          }
        }
      }
      finalStatements.add("DROP TABLE " + dialect.quote(next.name()));
      remaining.remove(next);
    }
  }

  /** The tables of {@code tables}, other than {@code table}, with a foreign key to it. */
  private static List<TableShape> referencing(List<TableShape> tables, TableShape table) {
    return tables.stream()
        .filter(t -> t != table && t.foreignKeys().stream().anyMatch(f -> f.referencedTable().equals(table.name())))
        .toList();
  }
}
