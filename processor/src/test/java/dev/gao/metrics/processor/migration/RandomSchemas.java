package dev.gao.metrics.processor.migration;

import dev.gao.metrics.processor.model.ValueKind;
import dev.gao.metrics.processor.structure.ColumnShape;
import dev.gao.metrics.processor.structure.ForeignKeyShape;
import dev.gao.metrics.processor.structure.IndexShape;
import dev.gao.metrics.processor.structure.SchemaShape;
import dev.gao.metrics.processor.structure.TableShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random schemas for property-style migration tests: a random version 1 and random changes to it,
 * the same for every engine given the same seed.
 */
final class RandomSchemas {
  private static final String[] ACTIONS = {"NO ACTION", "CASCADE", "SET NULL", "RESTRICT"};

  private RandomSchemas() {}

  /**
   * One random step.
   *
   * @param number its number, from 0
   * @param from version 1
   * @param to version 2
   * @param renames the renames of the step
   * @param log what was changed, for failure messages
   */
  record Pair(int number, SchemaShape from, SchemaShape to, Renames renames, List<String> log) {
    /** A description for failure messages. */
    String describe() {
      return "pair " + number + ": " + log + "\nfrom " + from + "\nto " + to;
    }
  }

  /**
   * {@code count} random steps from {@code seed}: a random version 1, one to four random changes,
   * and in some pairs a range added, changed or removed, or the JSON check and time triggers of
   * today's models adopted.
   */
  static List<Pair> pairs(long seed, int count) {
    Random random = new Random(seed);
    List<Pair> pairs = new ArrayList<>();
    for (int pair = 0; pair < count; pair++) {
      Model model = Model.random(random);
      if (pair % 8 == 1) {
        model.mutateRange(pair);
      }
      SchemaShape from = model.shape(1);
      int changes = 1 + random.nextInt(4);
      for (int i = 0; i < changes; i++) {
        model.mutate(random);
      }
      if (pair % 4 == 0) {
        model.mutateRange(pair);
      }
      if (pair % 5 == 2) {
        model.adoptCurrentRules();
      }
      SchemaShape to = model.shape(2);
      if (pair % 8 == 5) {
        // An enum column kept by the step gains a constant; uses no random numbers.
        MTable kept = model.tables.stream().filter(t -> t.origin != null).findFirst().orElse(null);
        if (kept != null) {
          from = withColumn(from, kept.origin, enumColumn("e" + pair, "a", "b"));
          to = withColumn(to, kept.name, enumColumn("e" + pair, "a", "b", "c"));
          model.log.add("enum names of " + kept.name + ".e" + pair + " [a, b] -> [a, b, c]");
        }
      }
      pairs.add(new Pair(pair, from, to, model.renames(), List.copyOf(model.log)));
    }
    return pairs;
  }

  private static ColumnShape enumColumn(String name, String... names) {
    return new ColumnShape(
        name, ValueKind.ENUM, "p.E", false, null, 0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false, false,
        List.of(names));
  }

  /** {@code schema} with {@code column} added at the end of table {@code table}. */
  private static SchemaShape withColumn(SchemaShape schema, String table, ColumnShape column) {
    List<TableShape> tables = new ArrayList<>();
    for (TableShape t : schema.tables()) {
      if (t.name().equals(table)) {
        List<ColumnShape> columns = new ArrayList<>(t.columns());
        columns.add(column);
        tables.add(new TableShape(t.name(), t.javaType(), columns, t.autoIncrement(), t.indexes(), t.foreignKeys()));
      } else {
        tables.add(t);
      }
    }
    return new SchemaShape(schema.name(), schema.version(), tables);
  }

  /** A mutable schema whose columns and tables remember their names in version 1. */
  private static final class Model {
    final List<MTable> tables = new ArrayList<>();
    final List<String> log = new ArrayList<>();
    int counter;

    static Model random(Random random) {
      Model model = new Model();
      int count = 1 + random.nextInt(3);
      for (int i = 0; i < count; i++) {
        MTable table = model.newTable(random);
        table.origin = table.name;
        table.columns.forEach(c -> c.origin = c.shape.name());
        model.tables.add(table);
      }
      return model;
    }

    MTable newTable(Random random) {
      MTable table = new MTable();
      table.name = "t" + counter++;
      table.columns.add(new MColumn(null, new ColumnShape("id", ValueKind.LONG, "long", true, null, 1)));
      int columns = 1 + random.nextInt(3);
      for (int i = 0; i < columns; i++) {
        table.columns.add(new MColumn(null, randomColumn(random, "c" + counter++)));
      }
      if (!tables.isEmpty() && random.nextBoolean()) {
        String column = "c" + counter++;
        table.columns.add(new MColumn(null, new ColumnShape(column, ValueKind.LONG, "java.lang.Long", false, null, 0)));
        table.foreignKeys.add(new ForeignKeyShape(column, tables.get(random.nextInt(tables.size())).name, "id", pick(random, ACTIONS), "NO ACTION"));
      }
      if (random.nextBoolean()) {
        table.indexes.add(new IndexShape("ix" + counter++, List.of(table.columns.get(1).shape.name()), false, false));
      }
      return table;
    }

    ColumnShape randomColumn(Random random, String name) {
      return switch (random.nextInt(5)) {
        case 0 -> new ColumnShape(name, ValueKind.INT, "java.lang.Integer", false, null, 0);
        case 1 -> new ColumnShape(name, ValueKind.DOUBLE, "double", true, "1.5", 0);
        case 2 -> new ColumnShape(name, ValueKind.STRING, "java.lang.String", random.nextBoolean(), random.nextBoolean() ? "'d'" : null, 0);
        case 3 -> new ColumnShape(name, ValueKind.JSON, "java.util.Map<java.lang.String, java.lang.Long>", false, null, 0);
        default -> new ColumnShape(name, ValueKind.INSTANT, "java.time.Instant", random.nextBoolean(), null, 0);
      };
    }

    /**
     * Adds, changes or removes the range of the first numeric column that is neither key nor foreign
     * key, depending on {@code pair}; uses no random numbers, so the other mutations stay as they were.
     */
    void mutateRange(int pair) {
      for (MTable table : tables) {
        for (MColumn column : table.columns) {
          ColumnShape s = column.shape;
          if (!s.inPrimaryKey() && table.foreignKey(column) == null && !s.json() && !sqlType(s).equals("TEXT")) {
            double min = s.hasMin() ? Double.NEGATIVE_INFINITY : pair % 3 == 0 ? -5 : 0;
            double max = s.hasMax() && pair % 2 == 0 ? Double.POSITIVE_INFINITY : 1000.25;
            column.shape = new ColumnShape(s.name(), s.kind(), s.javaType(), s.notNull(), s.defaultValue(), 0, min, max);
            log.add("range of " + table.name + "." + s.name() + " to [" + min + ", " + max + "]");
            return;
          }
        }
      }
    }

    /**
     * Gives every nullable JSON column the null-safe check and every instant column the triggers
     * that normalize its time text, as a model compiled today has them; uses no random numbers.
     */
    void adoptCurrentRules() {
      for (MTable table : tables) {
        for (MColumn column : table.columns) {
          ColumnShape s = column.shape;
          boolean nullSafe = s.nullableJson();
          boolean normalized = s.javaType().equals("java.time.Instant");
          if (nullSafe != s.nullSafeJsonCheck() || normalized != s.normalizedTime()) {
            column.shape = new ColumnShape(
                s.name(), s.kind(), s.javaType(), s.notNull(), s.defaultValue(), s.primaryKeyPosition(), s.min(), s.max(),
                nullSafe, normalized);
            log.add("current rules for " + table.name + "." + s.name());
          }
        }
      }
    }

    void mutate(Random random) {
      MTable table = tables.get(random.nextInt(tables.size()));
      List<MColumn> plain = table.columns.stream().filter(c -> !c.shape.inPrimaryKey() && table.foreignKey(c) == null).toList();
      MColumn column = plain.isEmpty() ? null : plain.get(random.nextInt(plain.size()));
      int kind = random.nextInt(16);
      switch (kind) {
        case 0 -> tables.add(newTable(random));
        case 1 -> {
          if (tables.size() > 1 && !referenced(table)) {
            tables.remove(table);
            log.add("drop table " + table.name);
          }
        }
        case 2 -> {
          String old = table.name;
          table.name = "t" + counter++;
          for (MTable other : tables) {
            other.foreignKeys.replaceAll(f -> f.referencedTable().equals(old) ? new ForeignKeyShape(f.column(), table.name, "id", f.onDelete(), f.onUpdate()) : f);
          }
          log.add("rename table " + old + " to " + table.name);
        }
        case 3 -> {
          ColumnShape added = random.nextInt(3) == 0
              ? new ColumnShape("c" + counter++, ValueKind.LONG, "long", true, null, 0)
              : randomColumn(random, "c" + counter++);
          table.columns.add(random.nextInt(4) == 0 ? 1 : table.columns.size(), new MColumn(null, added));
          log.add("add column " + table.name + "." + added.name());
        }
        case 4 -> {
          if (column != null) {
            table.columns.remove(column);
            table.indexes.removeIf(i -> i.columns().contains(column.shape.name()));
            log.add("drop column " + table.name + "." + column.shape.name());
          }
        }
        case 5 -> {
          if (column != null) {
            String old = column.shape.name();
            column.shape = column.shape.named("c" + counter++);
            table.indexes.replaceAll(i -> new IndexShape(i.name(), i.columns().stream().map(c -> c.equals(old) ? column.shape.name() : c).toList(), i.unique(), i.automatic()));
            log.add("rename column " + table.name + "." + old + " to " + column.shape.name());
          }
        }
        case 6 -> {
          if (column != null) {
            ColumnShape s = column.shape;
            String type = sqlType(s).equals("TEXT") ? "INTEGER" : sqlType(s).equals("INTEGER") ? "REAL" : "TEXT";
            ValueKind changed = switch (type) {
              case "INTEGER" -> ValueKind.LONG;
              case "REAL" -> ValueKind.DOUBLE;
              default -> ValueKind.STRING;
            };
            String javaType = switch (changed) {
              case LONG -> "java.lang.Long";
              case DOUBLE -> "java.lang.Double";
              default -> "java.lang.String";
            };
            column.shape = new ColumnShape(s.name(), changed, javaType, s.notNull(), s.notNull() ? zeroDefault(type) : null, 0);
            log.add("change type " + table.name + "." + s.name() + " to " + type);
          }
        }
        case 7 -> {
          if (column != null) {
            ColumnShape s = column.shape;
            column.shape = new ColumnShape(s.name(), s.kind(), s.javaType(), !s.notNull(), s.defaultValue(), 0);
            log.add("toggle NOT NULL " + table.name + "." + s.name());
          }
        }
        case 8 -> {
          if (column != null && !column.shape.json()) {
            ColumnShape s = column.shape;
            // A time column's default is a time, which every engine's time type reads.
            String fresh = s.defaultValue() == null
                ? s.kind().isTime() ? "'2026-01-01T00:00:00.000000000Z'" : zeroDefault(sqlType(s))
                : null;
            column.shape = new ColumnShape(s.name(), s.kind(), s.javaType(), s.notNull(), fresh, 0);
            log.add("change default " + table.name + "." + s.name() + " to " + fresh);
          }
        }
        case 9 -> {
          if (column != null) {
            table.indexes.add(new IndexShape("ix" + counter++, List.of(column.shape.name()), false, false));
            log.add("add index on " + table.name + "." + column.shape.name());
          }
        }
        case 10 -> {
          if (!table.indexes.isEmpty()) {
            log.add("drop index " + table.indexes.remove(0).name());
          }
        }
        case 11 -> {
          List<MTable> parents = tables.subList(0, tables.indexOf(table));
          MColumn target = table.columns.stream()
              .filter(c -> sqlType(c.shape).equals("INTEGER") && !c.shape.inPrimaryKey() && !c.shape.notNull() && table.foreignKey(c) == null)
              .findFirst().orElse(null);
          if (!parents.isEmpty() && target != null && table.primaryKeySize() == 1) {
            table.foreignKeys.add(new ForeignKeyShape(target.shape.name(), parents.get(0).name, "id", "CASCADE", "NO ACTION"));
            log.add("add foreign key " + table.name + "." + target.shape.name());
          }
        }
        case 12 -> {
          if (!table.foreignKeys.isEmpty()) {
            log.add("drop foreign key " + table.foreignKeys.remove(0));
          }
        }
        case 13 -> {
          if (!table.foreignKeys.isEmpty()) {
            ForeignKeyShape f = table.foreignKeys.get(0);
            table.foreignKeys.set(0, new ForeignKeyShape(f.column(), f.referencedTable(), "id", f.onDelete(), pick(random, ACTIONS)));
            log.add("change foreign key action " + table.name + "." + f.column());
          }
        }
        case 14 -> {
          if (column != null && !referenced(table) && table.primaryKeySize() == 1) {
            ColumnShape s = column.shape;
            column.shape = new ColumnShape(s.name(), s.kind(), s.javaType(), true, s.defaultValue(), 2);
            log.add("extend primary key of " + table.name + " by " + s.name());
          }
        }
        default -> {
          if (table.columns.size() > 2) {
            MColumn last = table.columns.remove(table.columns.size() - 1);
            table.columns.add(1, last);
            log.add("move column " + table.name + "." + last.shape.name());
          }
        }
      }
    }

    boolean referenced(MTable table) {
      return tables.stream().anyMatch(t -> t.foreignKeys.stream().anyMatch(f -> f.referencedTable().equals(table.name)));
    }

    SchemaShape shape(int version) {
      return new SchemaShape("Random", version, tables.stream().map(MTable::shape).toList());
    }

    Renames renames() {
      List<Renames.TableRename> tableRenames = new ArrayList<>();
      List<Renames.ColumnRename> columnRenames = new ArrayList<>();
      for (MTable table : tables) {
        if (table.origin == null) {
          continue;
        }
        if (!table.origin.equals(table.name)) {
          tableRenames.add(new Renames.TableRename(table.origin, table.name));
        }
        for (MColumn column : table.columns) {
          if (column.origin != null && !column.origin.equals(column.shape.name())) {
            columnRenames.add(new Renames.ColumnRename(table.name, column.origin, column.shape.name()));
          }
        }
      }
      return new Renames(tableRenames, columnRenames);
    }

    static String sqlType(ColumnShape column) {
      return SqliteDatabase.DIALECT.sqlType(column.kind());
    }

    static String zeroDefault(String type) {
      return switch (type) {
        case "INTEGER" -> "7";
        case "REAL" -> "2.5";
        default -> "'z'";
      };
    }

    static String pick(Random random, String[] values) {
      return values[random.nextInt(values.length)];
    }
  }

  private static final class MTable {
    String origin;
    String name;
    final List<MColumn> columns = new ArrayList<>();
    final List<IndexShape> indexes = new ArrayList<>();
    final List<ForeignKeyShape> foreignKeys = new ArrayList<>();

    ForeignKeyShape foreignKey(MColumn column) {
      return foreignKeys.stream().filter(f -> f.column().equals(column.shape.name())).findFirst().orElse(null);
    }

    long primaryKeySize() {
      return columns.stream().filter(c -> c.shape.inPrimaryKey()).count();
    }

    TableShape shape() {
      return new TableShape(name, "p." + name, columns.stream().map(c -> c.shape).toList(), false, indexes, foreignKeys);
    }
  }

  private static final class MColumn {
    String origin;
    ColumnShape shape;

    MColumn(String origin, ColumnShape shape) {
      this.origin = origin;
      this.shape = shape;
    }
  }
}
