package dev.gao.metrics.processor;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.TypeSpec;
import dev.gao.metrics.processor.diag.Message;
import dev.gao.metrics.processor.diag.Problem;
import dev.gao.metrics.processor.diag.Reporter;
import dev.gao.metrics.processor.identity.IdentityHash;
import dev.gao.metrics.processor.identity.SchemaJson;
import dev.gao.metrics.processor.migration.VersionHistory;
import dev.gao.metrics.processor.model.SchemaModel;
import dev.gao.metrics.processor.model.TableModel;
import dev.gao.metrics.processor.parsing.Annotations;
import dev.gao.metrics.processor.parsing.DataMigrationDeclaration;
import dev.gao.metrics.processor.parsing.MigrationAnnotations;
import dev.gao.metrics.processor.parsing.ParsedSchema;
import dev.gao.metrics.processor.parsing.ParsingContext;
import dev.gao.metrics.processor.parsing.PropertyScanner;
import dev.gao.metrics.processor.parsing.ResolvedTable;
import dev.gao.metrics.processor.parsing.SchemaParser;
import dev.gao.metrics.processor.parsing.TableParser;
import dev.gao.metrics.processor.query.ParsedQueries;
import dev.gao.metrics.processor.query.QueriesParser;
import dev.gao.metrics.processor.sql.SqlDialect;
import dev.gao.metrics.processor.sql.postgres.PostgresDialect;
import dev.gao.metrics.processor.sql.sqlite.SqliteDialect;
import dev.gao.metrics.processor.validation.Accessibility;
import dev.gao.metrics.processor.writing.DaoWriter;
import dev.gao.metrics.processor.writing.GeneratedFiles;
import dev.gao.metrics.processor.writing.GeneratedNames;
import dev.gao.metrics.processor.writing.QueriesWriter;
import dev.gao.metrics.processor.writing.SchemaWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Runs the rounds: reads tables and schemas, reports their problems, writes the classes of those
 * without problems, and retries types that refer to classes not generated yet.
 */
final class MetricsPipeline {
  private final Elements elements;
  private final Reporter reporter;
  private final BiConsumer<Element, Throwable> internalError;
  private final boolean requireSchema;
  private final TableParser tableParser;
  private final SchemaParser schemaParser;
  private final SqlDialect dialect = new SqliteDialect();
  private final SqlDialect postgres = new PostgresDialect();
  private final DaoWriter daoWriter = new DaoWriter(dialect, postgres);
  private final SchemaWriter schemaWriter = new SchemaWriter(dialect, postgres);
  private final QueriesWriter queriesWriter = new QueriesWriter();
  private final QueriesParser queriesParser;
  private final MigrationAnnotations migrationAnnotations;
  private final VersionedSchemas versionedSchemas;
  private final Map<String, List<DataMigrationDeclaration>> dataMigrations = new TreeMap<>();
  private final GeneratedFiles files;

  private final Map<String, Set<String>> deferredTables = new TreeMap<>();
  private final Map<String, Set<String>> deferredSchemas = new TreeMap<>();
  private final Map<String, Set<String>> deferredQueries = new TreeMap<>();
  private final Set<String> reportedTables = new TreeSet<>();
  private final Set<String> tablesWithoutDao = new HashSet<>();
  private final Set<String> listedTables = new HashSet<>();
  private final Map<String, String> tableNames = new HashMap<>();
  private final Set<String> sourceTypes = new HashSet<>();
  private final Set<String> generatedTypes = new HashSet<>();

  MetricsPipeline(
      ProcessingEnvironment env,
      boolean requireSchema,
      Path schemaDir,
      BiConsumer<Element, Throwable> internalError) {
    this.elements = env.getElementUtils();
    this.reporter = new Reporter(env.getMessager());
    this.internalError = internalError;
    this.requireSchema = requireSchema;
    Annotations annotations = new Annotations(elements);
    Accessibility accessibility = new Accessibility(elements);
    this.tableParser =
        new TableParser(elements, annotations, new PropertyScanner(elements, env.getTypeUtils()), accessibility);
    this.schemaParser = new SchemaParser(annotations);
    this.files = new GeneratedFiles(env.getFiler());
    this.migrationAnnotations = new MigrationAnnotations(elements, env.getTypeUtils());
    this.queriesParser =
        new QueriesParser(elements, env.getTypeUtils(), annotations, schemaParser, tableParser, dialect);
    this.versionedSchemas = new VersionedSchemas(schemaDir, dialect, postgres, elements, migrationAnnotations);
  }

  void round(RoundEnvironment round) {
    collectSourceTypes(ElementFilter.typesIn(round.getRootElements()));
    if (round.processingOver()) {
      finish();
      return;
    }
    List<TypeElement> tables = annotated(round, Annotations.METRICS_TABLE, deferredTables);
    List<TypeElement> schemas = annotated(round, Annotations.METRICS_SCHEMA, deferredSchemas);
    List<TypeElement> queries = annotated(round, QueriesParser.METRICS_QUERIES, deferredQueries);
    deferredTables.clear();
    deferredSchemas.clear();
    deferredQueries.clear();
    ParsingContext context = new ParsingContext(tableParser);
    collectDataMigrations(round);
    for (TypeElement table : tables) {
      try {
        table(table, context);
      } catch (RuntimeException | Error e) {
        internalError.accept(table, e);
      }
    }
    for (TypeElement schema : schemas) {
      try {
        schema(schema, context);
      } catch (RuntimeException | Error e) {
        internalError.accept(schema, e);
      }
    }
    for (TypeElement type : queries) {
      try {
        queries(type);
      } catch (RuntimeException | Error e) {
        internalError.accept(type, e);
      }
    }
  }

  private void queries(TypeElement type) {
    ParsedQueries parsed = queriesParser.parse(type);
    if (parsed.deferred()) {
      deferredQueries.put(type.getQualifiedName().toString(), parsed.unresolved());
      return;
    }
    List<Problem> problems = new ArrayList<>(parsed.problems());
    ClassName name = GeneratedNames.queries(ClassName.get(type));
    if (parsed.model() != null) {
      checkNameFree(name, type, problems);
    }
    reporter.reportAll(problems);
    if (problems.isEmpty() && parsed.model() != null) {
      write(name, queriesWriter.write(parsed.model()), type);
    }
  }

  private void table(TypeElement type, ParsingContext context) {
    String qualifiedName = type.getQualifiedName().toString();
    ResolvedTable table = context.table(type);
    if (table.deferred()) {
      deferredTables.put(qualifiedName, table.unresolved());
      return;
    }
    reportedTables.add(qualifiedName);
    List<Problem> problems = new ArrayList<>(table.problems());
    ClassName dao = null;
    if (table.ok()) {
      TableModel model = table.model();
      String previous = tableNames.putIfAbsent(model.name().toLowerCase(Locale.ROOT), qualifiedName);
      if (previous != null && !previous.equals(qualifiedName)) {
        problems.add(
            Problem.on(
                type,
                table.annotation(),
                Annotations.explicitValue(table.annotation(), "name").orElse(null),
                Message.DUPLICATE_TABLE_NAME,
                model.name(),
                previous,
                qualifiedName));
      }
      dao = GeneratedNames.dao(model.rowType());
      checkNameFree(dao, type, problems);
    }
    reporter.reportAll(problems);
    if (problems.isEmpty() && dao != null) {
      write(dao, daoWriter.write(table.model()), type);
    } else {
      tablesWithoutDao.add(qualifiedName);
    }
  }

  private void schema(TypeElement type, ParsingContext context) {
    String qualifiedName = type.getQualifiedName().toString();
    ParsedSchema schema = schemaParser.parse(type, context, reportedTables::contains);
    listedTables.addAll(schema.listedTables());
    if (schema.deferred()) {
      deferredSchemas.put(qualifiedName, schema.unresolved());
      return;
    }
    List<Problem> problems = new ArrayList<>(schema.problems());
    ClassName name = GeneratedNames.schema(ClassName.get(type));
    checkNameFree(name, type, problems);
    reporter.reportAll(problems);
    SchemaModel model = schema.model();
    // A table whose DAO was not written has its own errors; the schema would only add more.
    if (problems.isEmpty()
        && model != null
        && model.tables().stream().noneMatch(t -> tablesWithoutDao.contains(t.qualifiedName()))) {
      List<Problem> historyProblems = new ArrayList<>();
      Optional<VersionHistory> history =
          versionedSchemas.history(
              type, model, dataMigrations.getOrDefault(qualifiedName, List.of()), historyProblems);
      reporter.reportAll(historyProblems);
      if (history.isPresent()) {
        String identityHash = IdentityHash.of(SchemaJson.structure(model));
        write(name, schemaWriter.write(model, identityHash, history.get()), type);
      }
    }
  }

  private void collectDataMigrations(RoundEnvironment round) {
    TypeElement annotation = elements.getTypeElement(MigrationAnnotations.DATA_MIGRATION);
    if (annotation == null) {
      return;
    }
    List<TypeElement> types = new ArrayList<>(ElementFilter.typesIn(round.getElementsAnnotatedWith(annotation)));
    types.sort(Comparator.comparing(t -> t.getQualifiedName().toString()));
    for (TypeElement type : types) {
      try {
        List<Problem> problems = new ArrayList<>();
        migrationAnnotations
            .dataMigration(type, problems)
            .filter(d -> d.schema() != null)
            .ifPresent(d -> dataMigrations.computeIfAbsent(d.schema(), k -> new ArrayList<>()).add(d));
        reporter.reportAll(problems);
      } catch (RuntimeException | Error e) {
        internalError.accept(type, e);
      }
    }
  }

  private void checkNameFree(ClassName name, TypeElement origin, List<Problem> problems) {
    if (sourceTypes.contains(name.canonicalName())) {
      problems.add(Problem.on(origin, Message.NAME_CLASH, name.canonicalName(), origin.getQualifiedName()));
    }
  }

  private void write(ClassName name, TypeSpec type, TypeElement origin) {
    generatedTypes.add(name.canonicalName());
    try {
      files.write(name, type, origin);
    } catch (FilerException e) {
      reporter.report(Problem.on(origin, Message.NAME_CLASH, name.canonicalName(), origin.getQualifiedName()));
    } catch (IOException e) {
      internalError.accept(origin, e);
    }
  }

  private void finish() {
    report(deferredTables);
    report(deferredSchemas);
    report(deferredQueries);
    if (!requireSchema) {
      return;
    }
    for (String name : reportedTables) {
      if (listedTables.contains(name)) {
        continue;
      }
      TypeElement type = elements.getTypeElement(name);
      reporter.report(
          Problem.on(
              type,
              Annotations.find(type, Annotations.METRICS_TABLE).orElseThrow(),
              null,
              Message.TABLE_NOT_LISTED,
              name));
    }
  }

  private void report(Map<String, Set<String>> deferred) {
    deferred.forEach(
        (name, unresolved) ->
            reporter.report(
                Problem.on(
                    elements.getTypeElement(name),
                    Message.UNRESOLVED_TYPE,
                    name,
                    String.join(", ", new TreeSet<>(unresolved)))));
  }

  private List<TypeElement> annotated(RoundEnvironment round, String annotation, Map<String, Set<String>> deferred) {
    Map<String, TypeElement> found = new TreeMap<>();
    TypeElement annotationType = elements.getTypeElement(annotation);
    if (annotationType != null) {
      for (TypeElement type : ElementFilter.typesIn(round.getElementsAnnotatedWith(annotationType))) {
        found.put(type.getQualifiedName().toString(), type);
      }
    }
    for (String name : deferred.keySet()) {
      TypeElement type = elements.getTypeElement(name);
      if (type != null) {
        found.putIfAbsent(name, type);
      }
    }
    List<TypeElement> result = new ArrayList<>(found.values());
    result.sort(Comparator.comparing(t -> t.getQualifiedName().toString()));
    return result;
  }

  private void collectSourceTypes(Collection<TypeElement> types) {
    for (TypeElement type : types) {
      String name = type.getQualifiedName().toString();
      if (!generatedTypes.contains(name)) {
        sourceTypes.add(name);
      }
      collectSourceTypes(ElementFilter.typesIn(type.getEnclosedElements()));
    }
  }
}
