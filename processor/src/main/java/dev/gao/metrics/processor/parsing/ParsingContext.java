package dev.gao.metrics.processor.parsing;

import java.util.HashMap;
import java.util.Map;
import javax.lang.model.element.TypeElement;

/**
 * The tables read in one round, each read once however many schemas and foreign keys refer to it.
 */
public final class ParsingContext {
  private final TableParser parser;
  private final TableResolver resolver;
  private final Map<String, TableDraft> drafts = new HashMap<>();
  private final Map<String, ResolvedTable> resolved = new HashMap<>();

  /** A context reading tables with {@code parser}. */
  public ParsingContext(TableParser parser) {
    this.parser = parser;
    this.resolver = new TableResolver(this::draft);
  }

  /** The draft of a {@code @MetricsTable} type. */
  public TableDraft draft(TypeElement type) {
    String name = type.getQualifiedName().toString();
    TableDraft draft = drafts.get(name);
    if (draft == null) {
      draft = parser.parse(type);
      drafts.put(name, draft);
    }
    return draft;
  }

  /** The complete table of a {@code @MetricsTable} type. */
  public ResolvedTable table(TypeElement type) {
    String name = type.getQualifiedName().toString();
    ResolvedTable table = resolved.get(name);
    if (table == null) {
      table = resolver.resolve(draft(type));
      resolved.put(name, table);
    }
    return table;
  }
}
