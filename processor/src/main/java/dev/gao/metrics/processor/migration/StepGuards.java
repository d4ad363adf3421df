package dev.gao.metrics.processor.migration;

import dev.gao.metrics.processor.history.DataLossAllowance;
import dev.gao.metrics.processor.model.ValueKind;
import dev.gao.metrics.processor.structure.ColumnShape;
import dev.gao.metrics.processor.structure.TableShape;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the changes of an upgrade step that the user must declare: a table or column dropped while
 * another is added (a rename or not?), and changes that lose data without an acknowledgement.
 */
public final class StepGuards {
  private static final Map<String, Integer> INTEGER_RANKS =
      Map.of(
          "byte", 1, "java.lang.Byte", 1, "short", 2, "java.lang.Short", 2, "int", 3, "java.lang.Integer", 3,
          "long", 4, "java.lang.Long", 4);
  private static final Map<String, Integer> REAL_RANKS =
      Map.of("float", 1, "java.lang.Float", 1, "double", 2, "java.lang.Double", 2);

  /** Kinds whose values are numbers (a flag is 0 or 1): each keeps its value when written as text. */
  private static final Set<ValueKind> NUMBERS =
      EnumSet.of(ValueKind.BOOLEAN, ValueKind.BYTE, ValueKind.SHORT, ValueKind.INT, ValueKind.LONG, ValueKind.FLOAT, ValueKind.DOUBLE);

  /** Integer kinds whose every value a {@code double} holds exactly. */
  private static final Set<ValueKind> EXACT_IN_DOUBLE = EnumSet.of(ValueKind.BYTE, ValueKind.SHORT, ValueKind.INT);

  private StepGuards() {}

  /**
   * The findings of {@code plan}, an upgrade step, given the acknowledged losses; {@code storage}
   * tells which dropped columns an added one could be the rename of.
   */
  public static List<GuardFinding> check(StepPlan plan, List<DataLossAllowance> allowed, StorageTypes storage) {
    int version = plan.toVersion();
    List<GuardFinding> findings = new ArrayList<>();
    Set<String> ambiguous = new HashSet<>();
    ambiguousTables(plan, allowed, version, findings, ambiguous);
    for (TableStep table : plan.tables()) {
      if (!table.added() && !table.dropped()) {
        ambiguousColumns(table, allowed, version, storage, findings, ambiguous);
      }
    }
    for (TableStep table : plan.tables()) {
      for (Change change : table.changes()) {
        String key = change.table() + "." + change.subject();
        if (ambiguous.contains(key) || !losesData(table, change) || covered(allowed, change)) {
          continue;
        }
        findings.add(
            new GuardFinding(
                false,
                table.to() == null ? null : table.to().name(),
                change.description() + lossDetail(change),
                null,
                null,
                allow(version, change.table(), change.subject())));
      }
    }
    return findings;
  }

  private static void ambiguousTables(
      StepPlan plan, List<DataLossAllowance> allowed, int version, List<GuardFinding> findings, Set<String> ambiguous) {
    List<TableShape> added = plan.tables().stream().filter(TableStep::added).map(TableStep::to).toList();
    if (added.isEmpty()) {
      return;
    }
    for (TableStep table : plan.tables()) {
      if (table.dropped() && allowed.stream().noneMatch(a -> a.covers(table.from().name(), ""))) {
        String old = table.from().name();
        TableShape now = added.get(0);
        ambiguous.add(old + ".");
        findings.add(
            new GuardFinding(
                true,
                now.name(),
                "table " + old + "|table " + now.name(),
                now.name(),
                rename(old, version),
                allow(version, old, "")));
      }
    }
  }

  private static void ambiguousColumns(
      TableStep table,
      List<DataLossAllowance> allowed,
      int version,
      StorageTypes storage,
      List<GuardFinding> findings,
      Set<String> ambiguous) {
    List<ColumnShape> added =
        new ArrayList<>(table.to().columns().stream().filter(c -> table.source(c.name()).isEmpty()).toList());
    for (ColumnShape old : table.from().columns()) {
      if (table.columnSources().containsValue(old.name())
          || allowed.stream().anyMatch(a -> a.covers(table.from().name(), old.name()))) {
        continue;
      }
      ColumnShape now = added.stream().filter(c -> storage.sameStorage(c.kind(), old.kind())).findFirst().orElse(null);
      if (now == null) {
        continue;
      }
      added.remove(now);
      ambiguous.add(table.from().name() + "." + old.name());
      findings.add(
          new GuardFinding(
              true,
              table.to().name(),
              "column " + table.from().name() + "." + old.name() + "|column " + table.to().name() + "." + now.name(),
              now.name(),
              rename(old.name(), version),
              allow(version, table.from().name(), old.name())));
    }
  }

  private static boolean losesData(TableStep table, Change change) {
    return switch (change.kind()) {
      case DROP_TABLE, DROP_COLUMN -> true;
      case CHANGE_TYPE -> {
        ColumnShape old = table.from().column(change.subject()).orElseThrow();
        ColumnShape now = table.to().column(newName(table, change.subject())).orElseThrow();
        yield narrowing(old, now);
      }
      case ADD_COLUMN -> {
        ColumnShape now = table.to().column(change.subject()).orElseThrow();
        yield now.notNull() && now.defaultValue() == null;
      }
      case CHANGE_NULLABILITY -> {
        ColumnShape now = table.to().column(newName(table, change.subject())).orElseThrow();
        yield now.notNull() && now.defaultValue() == null;
      }
      default -> false;
    };
  }

  private static String newName(TableStep table, String oldName) {
    return table.columnSources().entrySet().stream()
        .filter(e -> e.getValue().equals(oldName))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow();
  }

  /**
   * Whether values of {@code old} may not survive as values of {@code now}. They survive the same
   * Java type, a wider integer or floating-point type, a number becoming a {@code String}, and a
   * {@code byte}, {@code short} or {@code int} becoming a {@code double}; JSON stays JSON.
   */
  public static boolean narrowing(ColumnShape old, ColumnShape now) {
    if (old.json() != now.json()) {
      return true;
    }
    if (old.javaType().equals(now.javaType()) || widens(old.javaType(), now.javaType())) {
      return false;
    }
    boolean numberToText = NUMBERS.contains(old.kind()) && now.kind() == ValueKind.STRING;
    boolean exactInDouble = EXACT_IN_DOUBLE.contains(old.kind()) && now.kind() == ValueKind.DOUBLE;
    return !numberToText && !exactInDouble;
  }

  private static boolean widens(String from, String to) {
    if (INTEGER_RANKS.containsKey(from) && INTEGER_RANKS.containsKey(to)) {
      return INTEGER_RANKS.get(from) <= INTEGER_RANKS.get(to);
    }
    if (REAL_RANKS.containsKey(from) && REAL_RANKS.containsKey(to)) {
      return REAL_RANKS.get(from) <= REAL_RANKS.get(to);
    }
    return false;
  }

  private static String lossDetail(Change change) {
    return switch (change.kind()) {
      case ADD_COLUMN -> " is NOT NULL without a default; existing rows get the type's zero value";
      case CHANGE_NULLABILITY -> " without a default; NULL values become the type's zero value";
      case CHANGE_TYPE -> " narrows the values";
      default -> "";
    };
  }

  private static boolean covered(List<DataLossAllowance> allowed, Change change) {
    return allowed.stream().anyMatch(a -> a.covers(change.table(), change.subject()));
  }

  private static String rename(String old, int version) {
    return "@RenamedFrom(name = \"" + old + "\", version = " + version + ")";
  }

  private static String allow(int version, String table, String column) {
    return "@AllowDataLoss(version = "
        + version
        + ", table = \""
        + table
        + "\""
        + (column.isEmpty() ? "" : ", column = \"" + column + "\"")
        + ", reason = \"...\")";
  }
}
