package dev.gao.metrics.processor.sql.postgres;

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
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * PostgreSQL: native types (time as {@code timestamp with time zone}, JSON as {@code jsonb}, which
 * validates its values itself), keys the database assigns as identity columns, constraints named
 * by the rules of {@link Identifiers}, no triggers, and migration steps made of native {@code ALTER
 * TABLE} statements only. Type names are written as {@code format_type} reports them, so the
 * runtime compares them with the catalog as they are.
 */
public final class PostgresDialect implements SqlDialect {
  private static final String NO_ACTION = "NO ACTION";

  /**
   * The current UTC wall time: what a local date-time column defaulting to the current time holds
   * on SQLite too, whatever the session's time zone.
   */
  static final String NOW_UTC_WALL_TIME = "(CURRENT_TIMESTAMP AT TIME ZONE 'UTC')";

  /** SQLite's blob literal, {@code X'00ff'}. */
  private static final Pattern BLOB_LITERAL = Pattern.compile("[xX]'([0-9A-Fa-f]*)'");

  private static final Set<String> INTEGER_TYPES = Set.of("smallint", "integer", "bigint");
  private static final Set<String> NUMBER_TYPES =
      Set.of("smallint", "integer", "bigint", "real", "double precision", "numeric");

  /** The short names drivers report for result columns, by the name {@code format_type} writes. */
  private static final Map<String, String> TYPE_ALIASES =
      Map.ofEntries(
          Map.entry("int2", "smallint"),
          Map.entry("int4", "integer"),
          Map.entry("int8", "bigint"),
          Map.entry("float4", "real"),
          Map.entry("float8", "double precision"),
          Map.entry("bool", "boolean"),
          Map.entry("timestamptz", "timestamp with time zone"),
          Map.entry("timestamp", "timestamp without time zone"),
          Map.entry("varchar", "text"),
          Map.entry("character varying", "text"),
          Map.entry("bpchar", "text"));

  /** Creates the dialect; it holds no state and may be shared. */
  public PostgresDialect() {}

  /**
   * The identifier in quotes. Names longer than {@value Identifiers#MAX_BYTES} bytes are refused:
   * PostgreSQL would cut them without a word, and the statement would then name another object.
   *
   * @throws IllegalArgumentException when {@code identifier} is too long
   */
  @Override
  public String quote(String identifier) {
    if (!Identifiers.fits(identifier)) {
      throw new IllegalArgumentException(
          "identifier " + identifier + " is " + Identifiers.bytes(identifier) + " bytes long in UTF-8; PostgreSQL keeps only "
              + Identifiers.MAX_BYTES);
    }
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  @Override
  public String sqlType(ValueKind kind) {
    return switch (kind) {
      case BOOLEAN -> "boolean";
      case BYTE, SHORT -> "smallint";
      case INT -> "integer";
      case LONG -> "bigint";
      case FLOAT -> "real";
      case DOUBLE -> "double precision";
      case DECIMAL -> "numeric";
      case STRING, ENUM -> "text";
      case INSTANT, OFFSET_DATE_TIME -> "timestamp with time zone";
      case LOCAL_DATE_TIME -> "timestamp without time zone";
      case LOCAL_DATE -> "date";
      case UUID -> "uuid";
      case BYTES -> "bytea";
      case JSON -> "jsonb";
    };
  }

  /**
   * The neutral default as PostgreSQL SQL. A flag's {@code 0} and {@code 1}, SQLite's spelling of
   * false and true, become {@code false} and {@code true}; the current time of a local date-time is
   * the UTC wall time, as on SQLite; SQLite's blob literal {@code X'..'} becomes the {@code bytea}
   * literal {@code '\x..'}. Everything else is SQL as declared: a default PostgreSQL cannot read
   * fails the statement that creates the column, it is never dropped.
   */
  @Override
  public String defaultSql(ValueKind kind, String defaultValue) {
    if (defaultValue == null) {
      return null;
    }
    return switch (kind) {
      case BOOLEAN -> flag(defaultValue);
      case LOCAL_DATE_TIME -> defaultValue.equals(NeutralDefaults.CURRENT_TIMESTAMP) ? NOW_UTC_WALL_TIME : defaultValue;
      case BYTES -> bytes(defaultValue);
      default -> defaultValue;
    };
  }

  private static String flag(String defaultValue) {
    return switch (defaultValue.toLowerCase(Locale.ROOT)) {
      case "0", "false" -> "false";
      case "1", "true" -> "true";
      default -> defaultValue;
    };
  }

  private static String bytes(String defaultValue) {
    Matcher blob = BLOB_LITERAL.matcher(defaultValue);
    return blob.matches() ? "'\\x" + blob.group(1).toLowerCase(Locale.ROOT) + "'" : defaultValue;
  }

  /**
   * Whether a result column of {@code declaredType} (as {@code format_type} writes it, or the short
   * name a driver reports) reads as values of {@code kind}: the same type, any integer as any
   * number, and {@code real} as {@code double precision}.
   */
  @Override
  public boolean readableAs(String declaredType, ValueKind kind) {
    String lower = declaredType.toLowerCase(Locale.ROOT).trim();
    String declared = TYPE_ALIASES.getOrDefault(lower, lower);
    String expected = sqlType(kind);
    return declared.equals(expected)
        || INTEGER_TYPES.contains(declared) && NUMBER_TYPES.contains(expected)
        || declared.equals("real") && expected.equals("double precision");
  }

  @Override
  public String createTable(TableModel table) {
    return createTable(Shapes.of(table));
  }

  @Override
  public String createTable(TableShape table) {
    return createTable(table, f -> true);
  }

  /**
   * The {@code CREATE TABLE} statement of {@code table} with the foreign keys {@code inline}
   * accepts; a step adds the others afterwards, once the tables they reference exist.
   */
  String createTable(TableShape table, Predicate<ForeignKeyShape> inline) {
    List<String> lines = new ArrayList<>();
    List<ColumnShape> key = table.keyColumns();
    for (ColumnShape column : table.columns()) {
      lines.add(columnDefinition(table, column, key.size() == 1));
    }
    if (key.size() > 1) {
      lines.add("PRIMARY KEY (" + quotedList(key.stream().map(ColumnShape::name).toList()) + ")");
    }
    for (ForeignKeyShape foreignKey : table.foreignKeys()) {
      if (inline.test(foreignKey)) {
        lines.add(foreignKeyConstraint(table.name(), foreignKey));
      }
    }
    for (ColumnShape column : table.columns()) {
      if (column.valueChecked()) {
        lines.add(valueConstraint(table.name(), column));
      }
    }
    return "CREATE TABLE " + quote(table.name()) + " (\n  " + String.join(",\n  ", lines) + "\n)";
  }

  /**
   * A column of {@code CREATE TABLE}: type, NOT NULL, a single-column key, the default. A key the
   * database assigns is an identity column, which PostgreSQL makes NOT NULL itself.
   */
  private String columnDefinition(TableShape table, ColumnShape column, boolean inlineKey) {
    StringBuilder sql = new StringBuilder(addedColumn(table, column));
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
   * A column's name, type and NOT NULL, or its identity when the database assigns it: the part of
   * its definition {@code ALTER TABLE ... ADD COLUMN} shares with {@code CREATE TABLE}.
   */
  String addedColumn(TableShape table, ColumnShape column) {
    StringBuilder sql = new StringBuilder(quote(column.name())).append(' ').append(sqlType(column.kind()));
    if (identity(table, column)) {
      return sql.append(" GENERATED BY DEFAULT AS IDENTITY").toString();
    }
    if (column.notNull()) {
      sql.append(" NOT NULL");
    }
    return sql.toString();
  }

  /** Whether {@code column} is the key {@code table} has assigned by the database. */
  static boolean identity(TableShape table, ColumnShape column) {
    return table.autoIncrement() && column.inPrimaryKey();
  }

  /**
   * The named foreign-key constraint of a column of table {@code table}, for example {@code
   * CONSTRAINT "fk_t_c" FOREIGN KEY ("c") REFERENCES "p" ("id") ON DELETE CASCADE}; NO ACTION, the
   * default, is not written.
   */
  String foreignKeyConstraint(String table, ForeignKeyShape foreignKey) {
    StringBuilder sql =
        new StringBuilder("CONSTRAINT ")
            .append(quote(Identifiers.foreignKeyConstraint(table, foreignKey.column())))
            .append(" FOREIGN KEY (")
            .append(quote(foreignKey.column()))
            .append(") REFERENCES ")
            .append(quote(foreignKey.referencedTable()))
            .append(" (")
            .append(quote(foreignKey.referencedColumn()))
            .append(')');
    if (!foreignKey.onDelete().equals(NO_ACTION)) {
      sql.append(" ON DELETE ").append(foreignKey.onDelete());
    }
    if (!foreignKey.onUpdate().equals(NO_ACTION)) {
      sql.append(" ON UPDATE ").append(foreignKey.onUpdate());
    }
    return sql.toString();
  }

  /**
   * The named CHECK constraint enforcing the range of a {@code @Metric} column of table {@code
   * table}, for example {@code CONSTRAINT "ck_t_c" CHECK ("c" BETWEEN 0 AND 100)}. Every numeric
   * type, {@code numeric} included, compares with the bounds directly.
   */
  String rangeConstraint(String table, ColumnShape column) {
    String value = quote(column.name());
    String condition;
    if (column.hasMin() && column.hasMax()) {
      condition = value + " BETWEEN " + ColumnShape.boundText(column.min()) + " AND " + ColumnShape.boundText(column.max());
    } else if (column.hasMin()) {
      condition = value + " >= " + ColumnShape.boundText(column.min());
    } else {
      condition = value + " <= " + ColumnShape.boundText(column.max());
    }
    return "CONSTRAINT " + quote(Identifiers.rangeConstraint(table, column.name())) + " CHECK (" + condition + ")";
  }

  /**
   * The named CHECK constraint that an enum column of table {@code table} holds one of its names,
   * for example {@code CONSTRAINT "ck_t_c" CHECK ("c" IN ('done', 'failed'))}; NULL passes. (The
   * catalog describes it as {@code = ANY (ARRAY[...])}, for the expected table as for the live one.)
   */
  String enumConstraint(String table, ColumnShape column) {
    return "CONSTRAINT " + quote(Identifiers.rangeConstraint(table, column.name())) + " CHECK ("
        + EnumChecks.condition(quote(column.name()), column) + ")";
  }

  /** The named CHECK constraint of a column with a range or enum names. */
  String valueConstraint(String table, ColumnShape column) {
    return column.ranged() ? rangeConstraint(table, column) : enumConstraint(table, column);
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
    return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX " + quote(name) + " ON " + quote(table) + " (" + quotedList(columns) + ")";
  }

  /**
   * None: {@code timestamp with time zone} holds instants, not text, so there is no text form for
   * triggers to keep canonical.
   */
  @Override
  public List<TriggerSql> triggers(TableShape table) {
    return List.of();
  }

  @Override
  public StepSql migrate(StepPlan step) {
    return new PostgresMigrationRenderer(this).render(step);
  }

  String quotedList(List<String> names) {
    return names.stream().map(this::quote).collect(Collectors.joining(", "));
  }
}
