package dev.gao.metrics.processor.parsing;

import com.squareup.javapoet.ClassName;
import dev.gao.metrics.processor.diag.Message;
import dev.gao.metrics.processor.diag.Problem;
import dev.gao.metrics.processor.model.ForeignKeyModel;
import dev.gao.metrics.processor.model.IndexModel;
import dev.gao.metrics.processor.model.SchemaModel;
import dev.gao.metrics.processor.model.TableModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Reads one {@code @MetricsSchema} type and checks the tables it lists as a whole. */
public final class SchemaParser {
  private final Annotations annotations;

  /** A parser that reads annotations through {@code annotations}. */
  public SchemaParser(Annotations annotations) {
    this.annotations = annotations;
  }

  /**
   * Reads {@code type}, resolving its tables through {@code context}. {@code reportedElsewhere} tells
   * which tables have their own errors reported, so the schema does not repeat them.
   */
  public ParsedSchema parse(TypeElement type, ParsingContext context, Predicate<String> reportedElsewhere) {
    AnnotationMirror schema = Annotations.find(type, Annotations.METRICS_SCHEMA).orElseThrow();
    List<Problem> problems = new ArrayList<>();
    Set<String> unresolved = new TreeSet<>();
    Set<String> listed = new HashSet<>();
    String name = type.getSimpleName().toString();

    int version = annotations.integer(schema, "version");
    if (version < 1) {
      problems.add(
          Problem.on(type, schema, Annotations.explicitValue(schema, "version").orElse(null), Message.SCHEMA_VERSION, version));
    }
    List<? extends AnnotationValue> values = annotations.list(schema, "tables");
    if (values.isEmpty()) {
      problems.add(Problem.on(type, schema, null, Message.SCHEMA_WITHOUT_TABLES, name));
    }
    List<TableModel> tables = new ArrayList<>();
    List<AnnotationValue> tableValues = new ArrayList<>();
    boolean complete = true;
    for (AnnotationValue value : values) {
      Optional<TypeMirror> mirror = Annotations.type(value);
      if (mirror.isEmpty() || mirror.get().getKind() == TypeKind.ERROR) {
        unresolved.add(mirror.map(TypeMirror::toString).orElse(String.valueOf(value.getValue())));
        continue;
      }
      if (!(mirror.get() instanceof DeclaredType declared)
          || Annotations.find(declared.asElement(), Annotations.METRICS_TABLE).isEmpty()) {
        problems.add(Problem.on(type, schema, value, Message.SCHEMA_LISTS_NON_TABLE, name, mirror.get()));
        continue;
      }
      TypeElement tableType = (TypeElement) declared.asElement();
      String qualifiedName = tableType.getQualifiedName().toString();
      if (!listed.add(qualifiedName)) {
        problems.add(Problem.on(type, schema, value, Message.SCHEMA_LISTS_TABLE_TWICE, name, qualifiedName));
        continue;
      }
      ResolvedTable table = context.table(tableType);
      if (table.deferred()) {
        unresolved.addAll(table.unresolved());
        continue;
      }
      if (!table.ok()) {
        complete = false;
        if (!reportedElsewhere.test(qualifiedName)) {
          problems.add(Problem.on(type, schema, value, Message.SCHEMA_TABLE_BROKEN, name, qualifiedName));
        }
        continue;
      }
      // A package-private table of another package never gets here: javac refuses the class
      // literal itself ("not public in q; cannot be accessed from outside package").
      tables.add(table.model());
      tableValues.add(value);
    }
    checkNames(type, schema, name, tables, tableValues, problems);
    if (!unresolved.isEmpty()) {
      return new ParsedSchema(type, null, listed, List.of(), unresolved);
    }
    SchemaModel model =
        problems.isEmpty() && complete ? new SchemaModel(ClassName.get(type), name, version, tables) : null;
    return new ParsedSchema(type, model, listed, problems, Set.of());
  }

  private static void checkNames(
      TypeElement type,
      AnnotationMirror schema,
      String name,
      List<TableModel> tables,
      List<AnnotationValue> values,
      List<Problem> problems) {
    Map<String, TableModel> tableNames = new HashMap<>();
    Map<String, String> indexNames = new HashMap<>();
    Set<String> present = new HashSet<>();
    tables.forEach(t -> present.add(t.name().toLowerCase(Locale.ROOT)));
    for (int i = 0; i < tables.size(); i++) {
      TableModel table = tables.get(i);
      AnnotationValue value = values.get(i);
      TableModel previous = tableNames.putIfAbsent(table.name().toLowerCase(Locale.ROOT), table);
      if (previous != null) {
        problems.add(
            Problem.on(
                type, schema, value, Message.DUPLICATE_TABLE_NAME, table.name(), previous.qualifiedName(), table.qualifiedName()));
      }
      for (IndexModel index : table.indexes()) {
        String owner = indexNames.putIfAbsent(index.name().toLowerCase(Locale.ROOT), table.name());
        if (owner != null) {
          problems.add(
              Problem.on(
                  type,
                  schema,
                  value,
                  Message.DUPLICATE_INDEX_NAME,
                  index.name(),
                  "tables " + owner + " and " + table.name() + " of schema " + name));
        }
      }
      for (ForeignKeyModel foreignKey : table.foreignKeys()) {
        if (!present.contains(foreignKey.referencedTable().toLowerCase(Locale.ROOT))) {
          problems.add(
              Problem.on(
                  type,
                  schema,
                  value,
                  Message.FOREIGN_KEY_TARGET_NOT_IN_SCHEMA,
                  name,
                  table.name(),
                  foreignKey.column(),
                  foreignKey.referencedTable()));
        }
      }
    }
  }
}
