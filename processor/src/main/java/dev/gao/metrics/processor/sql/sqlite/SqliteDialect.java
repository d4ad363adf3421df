package dev.gao.metrics.processor.sql.sqlite;

import dev.gao.metrics.processor.migration.StepPlan;
import dev.gao.metrics.processor.migration.StepSql;
import dev.gao.metrics.processor.model.IndexModel;
import dev.gao.metrics.processor.model.TableModel;
import dev.gao.metrics.processor.model.ValueKind;
import dev.gao.metrics.processor.sql.EnumChecks;
import dev.gao.metrics.processor.sql.SqlDialect;
import dev.gao.metrics.processor.sql.TriggerSql;
import dev.gao.metrics.processor.structure.ColumnShape;
import dev.gao.metrics.processor.structure.ForeignKeyShape;
import dev.gao.metrics.processor.structure.Identifiers;
import dev.gao.metrics.processor.structure.IndexShape;
import dev.gao.metrics.processor.structure.NeutralDefaults;
import dev.gao.metrics.processor.structure.Shapes;
import dev.gao.metrics.processor.structure.TableShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * SQLite: {@code STRICT} tables, time as fixed-width UTC text (kept so by triggers, {@link
 * TimeTriggers}), JSON checked with {@code json_valid}.
 */
public final class SqliteDialect implements SqlDialect {
  private static final String NO_ACTION = "NO ACTION";

  /** The current instant in the canonical UTC text form, nanoseconds included. */
  private static final String NOW_UTC = "(strftime('%Y-%m-%dT%H:%M:%f000000Z', 'now'))";

  /** The current date and time of day in UTC without an offset, for local date-times. */
  private static final String NOW_LOCAL = "(strftime('%Y-%m-%dT%H:%M:%f000000', 'now'))";

  /** The current day. */
  private static final String TODAY = "(date('now'))";

  @Override
  public String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  @Override
  public String sqlType(ValueKind kind) {
    return switch (kind) {
      case BOOLEAN, BYTE, SHORT, INT, LONG -> "INTEGER";
      case FLOAT, DOUBLE -> "REAL";
      case BYTES -> "BLOB";
      case STRING, DECIMAL, ENUM, INSTANT, OFFSET_DATE_TIME, LOCAL_DATE_TIME, LOCAL_DATE, UUID, JSON -> "TEXT";
    };
  }

  /**
   * The current time in the text form the column's values have: SQLite's own {@code
   * CURRENT_TIMESTAMP} is second-precise text without the {@code T} and the zone, which would sort
   * and read wrongly among the values the DAOs write. Other defaults are SQL as declared.
   */
  @Override
  public String defaultSql(ValueKind kind, String defaultValue) {
    if (defaultValue == null) {
      return null;
    }
    boolean now = defaultValue.equals(NeutralDefaults.CURRENT_TIMESTAMP);
    return switch (kind) {
      case INSTANT, OFFSET_DATE_TIME -> now ? NOW_UTC : defaultValue;
      case LOCAL_DATE_TIME -> now ? NOW_LOCAL : defaultValue;
      case LOCAL_DATE -> defaultValue.equals(NeutralDefaults.CURRENT_DATE) ? TODAY : defaultValue;
      default -> defaultValue;
    };
  }

  /**
   * The neutral form of {@code defaultSql}, a default as {@link #defaultSql(ValueKind, String)}
   * rendered it for a column of {@code kind}: the inverse of that rendering. Each of the time
   * expressions it writes stands for exactly one keyword (a day's {@code CURRENT_TIMESTAMP} is
   * {@code CURRENT_DATE} in the neutral form), so rendering the result gives {@code defaultSql}
   * back.
   */
  public String neutralDefault(ValueKind kind, String defaultSql) {
    if (defaultSql == null) {
      return null;
    }
    return switch (kind) {
      case INSTANT, OFFSET_DATE_TIME -> defaultSql.equals(NOW_UTC) ? NeutralDefaults.CURRENT_TIMESTAMP : defaultSql;
      case LOCAL_DATE_TIME -> defaultSql.equals(NOW_LOCAL) ? NeutralDefaults.CURRENT_TIMESTAMP : defaultSql;
      case LOCAL_DATE -> defaultSql.equals(TODAY) ? NeutralDefaults.CURRENT_DATE : defaultSql;
      default -> defaultSql;
    };
  }

  /** Integers read as floating-point numbers; otherwise the stored types must be equal. */
  @Override
  public boolean readableAs(String declaredType, ValueKind kind) {
    String declared = declaredType.toUpperCase(Locale.ROOT);
    String expected = sqlType(kind);
    return declared.equals(expected) || declared.equals("INTEGER") && expected.equals("REAL");
  }

  @Override
  public String createTable(TableModel table) {
    return createTable(Shapes.of(table));
  }

  @Override
  public String createTable(TableShape table) {
    return createTable(table, table.name());
  }

  /**
   * The {@code CREATE TABLE} statement of {@code table}, its range and enum checks named after table
   * {@code owner}: a rebuild creates the table under a temporary name that it renames afterwards.
   */
  String createTable(TableShape table, String owner) {
    return "CREATE TABLE " + quote(table.name()) + " (\n  " + String.join(",\n  ", tableElements(table, owner)) + "\n) STRICT";
  }

  /**
   * The named CHECK constraint enforcing the range of a {@code @Metric} column, for example {@code
   * CONSTRAINT "ck_t_c" CHECK ("c" BETWEEN 0 AND 100)}. Decimal columns, stored as text, are compared
   * as numbers.
   */
  public String rangeCheck(String owner, ColumnShape column) {
    String value = sqlType(column.kind()).equals("TEXT") ? "CAST(" + quote(column.name()) + " AS REAL)" : quote(column.name());
    String condition;
    if (column.hasMin() && column.hasMax()) {
      condition = value + " BETWEEN " + number(column.min()) + " AND " + number(column.max());
    } else if (column.hasMin()) {
      condition = value + " >= " + number(column.min());
    } else {
      condition = value + " <= " + number(column.max());
    }
    return "CONSTRAINT " + quote(Identifiers.rangeConstraint(owner, column.name())) + " CHECK (" + condition + ")";
  }

  /**
   * The named CHECK constraint that an enum column holds one of its names, for example {@code
   * CONSTRAINT "ck_t_c" CHECK ("c" IN ('done', 'failed'))}; NULL passes.
   */
  public String enumCheck(String owner, ColumnShape column) {
    return "CONSTRAINT " + quote(Identifiers.rangeConstraint(owner, column.name())) + " CHECK ("
        + EnumChecks.condition(quote(column.name()), column) + ")";
  }

  /** The named CHECK constraint of a column with a range or enum names. */
  String valueCheck(String owner, ColumnShape column) {
    return column.ranged() ? rangeCheck(owner, column) : enumCheck(owner, column);
  }

  /**
   * A finite bound as an SQL literal that SQLite reads back as the same double: integral values
   * without a fraction, others in the shortest form that round-trips.
   */
  public static String number(double value) {
    return ColumnShape.boundText(value);
  }

  private List<String> tableElements(TableShape table, String owner) {
    List<String> lines = new ArrayList<>();
    List<ColumnShape> key = table.keyColumns();
    boolean inlineKey = key.size() == 1;
    for (ColumnShape column : table.columns()) {
      lines.add(columnDefinition(table, column, inlineKey));
    }
    if (key.size() > 1) {
      lines.add("PRIMARY KEY (" + quotedList(key.stream().map(ColumnShape::name).toList()) + ")");
    }
    for (ForeignKeyShape foreignKey : table.foreignKeys()) {
      lines.add(foreignKeyClause(foreignKey));
    }
    for (ColumnShape column : table.columns()) {
      if (column.json()) {
        lines.add(jsonCheck(column));
      }
    }
    for (ColumnShape column : table.columns()) {
      if (column.valueChecked()) {
        lines.add(valueCheck(owner, column));
      }
    }
    return lines;
  }

  private String columnDefinition(TableShape table, ColumnShape column, boolean inlineKey) {
    StringBuilder sql = new StringBuilder(quote(column.name())).append(' ').append(sqlType(column.kind()));
    if (table.autoIncrement() && column.inPrimaryKey()) {
      return sql.append(" PRIMARY KEY AUTOINCREMENT").toString();
    }
    if (column.notNull()) {
      sql.append(" NOT NULL");
    }
    if (inlineKey && column.inPrimaryKey()) {
      sql.append(" PRIMARY KEY");
    }
    String defaultSql = defaultSql(column);
    if (defaultSql != null) {
      sql.append(" DEFAULT ").append(defaultSql);
    }
    return sql.toString();
  }

  /**
   * The definition of a column added with {@code ALTER TABLE ... ADD COLUMN}: as in {@code CREATE
   * TABLE}, with its foreign key and JSON check written on the column.
   */
  String addedColumnDefinition(TableShape table, ColumnShape column) {
    StringBuilder sql = new StringBuilder(columnDefinition(table, column, false));
    table
        .foreignKey(column.name())
        .ifPresent(
            f ->
                sql.append(" REFERENCES ")
                    .append(quote(f.referencedTable()))
                    .append(" (")
                    .append(quote(f.referencedColumn()))
                    .append(')')
                    .append(actions(f)));
    if (column.json()) {
      sql.append(' ').append(jsonCheck(column));
    }
    return sql.toString();
  }

  /**
   * The check that a JSON column holds valid JSON. A nullable column states that NULL passes: SQLite
   * before 3.45 answers {@code json_valid(NULL)} with 0, so there the bare check fails every NULL
   * (on insert, and in {@code PRAGMA integrity_check}). Columns described by snapshots from before
   * this rule keep the bare form, which is what their files hold.
   */
  private String jsonCheck(ColumnShape column) {
    String name = quote(column.name());
    if (column.nullableJson() && column.nullSafeJsonCheck()) {
      return "CHECK (" + name + " IS NULL OR json_valid(" + name + "))";
    }
    return "CHECK (json_valid(" + name + "))";
  }

  @Override
  public List<TriggerSql> triggers(TableShape table) {
    return new TimeTriggers(this).of(table);
  }

  /** The {@code DROP TRIGGER} statement of the trigger named {@code name}, if it exists. */
  String dropTrigger(String name) {
    return "DROP TRIGGER IF EXISTS " + quote(name);
  }

  private String foreignKeyClause(ForeignKeyShape foreignKey) {
    return "FOREIGN KEY ("
        + quote(foreignKey.column())
        + ") REFERENCES "
        + quote(foreignKey.referencedTable())
        + " ("
        + quote(foreignKey.referencedColumn())
        + ')'
        + actions(foreignKey);
  }

  private static String actions(ForeignKeyShape foreignKey) {
    StringBuilder sql = new StringBuilder();
    if (!foreignKey.onDelete().equals(NO_ACTION)) {
      sql.append(" ON DELETE ").append(foreignKey.onDelete());
    }
    if (!foreignKey.onUpdate().equals(NO_ACTION)) {
      sql.append(" ON UPDATE ").append(foreignKey.onUpdate());
    }
    return sql.toString();
  }

  @Override
  public String createIndex(TableModel table, IndexModel index) {
    return createIndex(table.name(), index.name(), index.columns(), index.unique());
  }

  @Override
  public String createIndex(TableShape table, IndexShape index) {
    return createIndex(table.name(), index.name(), index.columns(), index.unique());
  }

  private String createIndex(String table, String name, List<String> columns, boolean unique) {
    return "CREATE "
        + (unique ? "UNIQUE " : "")
        + "INDEX "
        + quote(name)
        + " ON "
        + quote(table)
        + " ("
        + quotedList(columns)
        + ")";
  }

  @Override
  public StepSql migrate(StepPlan step) {
    return new SqliteMigrationRenderer(this).render(step);
  }

  String quotedList(List<String> names) {
    return names.stream().map(this::quote).collect(Collectors.joining(", "));
  }
}
