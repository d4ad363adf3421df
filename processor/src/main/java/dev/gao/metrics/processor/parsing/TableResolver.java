package dev.gao.metrics.processor.parsing;

import dev.gao.metrics.processor.diag.Message;
import dev.gao.metrics.processor.diag.Problem;
import dev.gao.metrics.processor.model.ColumnModel;
import dev.gao.metrics.processor.model.ForeignKeyModel;
import dev.gao.metrics.processor.model.IndexModel;
import dev.gao.metrics.processor.model.TableModel;
import dev.gao.metrics.processor.structure.Identifiers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import javax.lang.model.element.TypeElement;

/**
 * Completes a {@link TableDraft}: resolves each foreign key against the draft of the table it
 * references, checks key shape and types, and adds automatic indexes.
 */
public final class TableResolver {
  private final Function<TypeElement, TableDraft> drafts;

  /** A resolver that reads referenced tables through {@code drafts}. */
  public TableResolver(Function<TypeElement, TableDraft> drafts) {
    this.drafts = drafts;
  }

  /** The complete table of {@code draft}. */
  public ResolvedTable resolve(TableDraft draft) {
    if (draft.deferred() || draft.model() == null) {
      return new ResolvedTable(draft.element(), draft.annotation(), null, draft.problems(), draft.unresolved());
    }
    TableModel table = draft.model();
    List<Problem> problems = new ArrayList<>();
    Set<String> unresolved = new TreeSet<>();
    List<ForeignKeyModel> foreignKeys = new ArrayList<>();
    for (ForeignKeyRef ref : draft.foreignKeys()) {
      if (Annotations.find(ref.target(), Annotations.METRICS_TABLE).isEmpty()) {
        problems.add(
            ref.property().problem(
                Annotations.FOREIGN_KEY,
                "table",
                Message.FOREIGN_KEY_NOT_A_TABLE,
                ref.column().property(),
                ref.target().getQualifiedName()));
        continue;
      }
      TableDraft target = drafts.apply(ref.target());
      if (target.deferred()) {
        unresolved.addAll(target.unresolved());
        continue;
      }
      if (target.model() == null) {
        problems.add(
            ref.property().problem(
                Annotations.FOREIGN_KEY,
                "table",
                Message.FOREIGN_KEY_TARGET_BROKEN,
                ref.column().property(),
                ref.target().getQualifiedName()));
        continue;
      }
      TableModel referenced = target.model();
      List<ColumnModel> key = referenced.keyColumns();
      if (key.size() != 1) {
        problems.add(
            ref.property().problem(
                Annotations.FOREIGN_KEY,
                "table",
                Message.FOREIGN_KEY_COMPOSITE_TARGET,
                ref.column().property(),
                referenced.name(),
                String.join(", ", referenced.primaryKey())));
        continue;
      }
      ColumnModel keyColumn = key.get(0);
      if (!ref.column().javaType().box().equals(keyColumn.javaType().box())) {
        problems.add(
            ref.property().problem(
                Message.FOREIGN_KEY_TYPE_MISMATCH,
                ref.column().name(),
                ref.column().javaType(),
                referenced.name(),
                keyColumn.name(),
                keyColumn.javaType()));
        continue;
      }
      foreignKeys.add(
          new ForeignKeyModel(ref.column().name(), referenced.name(), keyColumn.name(), ref.onDelete(), ref.onUpdate()));
      String constraint = Identifiers.foreignKeyConstraint(table.name(), ref.column().name());
      NameLengths.derived(
              "foreign-key constraint name", constraint, NameLengths.SHORTER_TABLE_OR_COLUMN, table.name(), ref.column().name())
          .ifPresent(a -> problems.add(ref.property().problem(Annotations.FOREIGN_KEY, null, Message.IDENTIFIER_TOO_LONG, a)));
    }
    List<IndexModel> indexes = IndexPlanner.withAutomaticIndexes(table, foreignKeys);
    for (IndexModel index : indexes) {
      if (index.automatic()) {
        String column = index.columns().get(0);
        ForeignKeyRef ref = draft.foreignKeys().stream().filter(r -> r.column().name().equals(column)).findFirst().orElseThrow();
        NameLengths.derived("index name", index.name(), NameLengths.DECLARE_AN_INDEX, table.name(), column)
            .ifPresent(a -> problems.add(ref.property().problem(Annotations.FOREIGN_KEY, null, Message.IDENTIFIER_TOO_LONG, a)));
      }
    }
    Map<String, IndexModel> byName = new HashMap<>();
    for (IndexModel index : indexes) {
      IndexModel previous = byName.putIfAbsent(index.name().toLowerCase(Locale.ROOT), index);
      if (previous != null) {
        problems.add(
            Problem.on(
                draft.element(),
                draft.annotation(),
                null,
                Message.DUPLICATE_INDEX_NAME,
                index.name(),
                "table " + table.name() + ": on " + previous.columns() + " and on " + index.columns()));
      }
    }
    if (!unresolved.isEmpty()) {
      return new ResolvedTable(draft.element(), draft.annotation(), null, List.of(), unresolved);
    }
    TableModel model = problems.isEmpty() ? table.withRelations(indexes, foreignKeys) : null;
    return new ResolvedTable(draft.element(), draft.annotation(), model, problems, Set.of());
  }
}
