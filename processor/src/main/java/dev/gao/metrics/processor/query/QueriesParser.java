package dev.gao.metrics.processor.query;

import com.squareup.javapoet.ClassName;
import dev.gao.metrics.processor.diag.Message;
import dev.gao.metrics.processor.diag.Problem;
import dev.gao.metrics.processor.model.QueriesModel;
import dev.gao.metrics.processor.model.QueryModel;
import dev.gao.metrics.processor.model.SchemaModel;
import dev.gao.metrics.processor.parsing.Annotations;
import dev.gao.metrics.processor.parsing.Names;
import dev.gao.metrics.processor.parsing.ParsedSchema;
import dev.gao.metrics.processor.parsing.ParsingContext;
import dev.gao.metrics.processor.parsing.SchemaParser;
import dev.gao.metrics.processor.parsing.TableParser;
import dev.gao.metrics.processor.sql.SqlDialect;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Reads a {@code @MetricsQueries} interface and checks each query against its schema. */
public final class QueriesParser {
  /** {@code @MetricsQueries}. */
  public static final String METRICS_QUERIES = "dev.gao.metrics.annotations.MetricsQueries";
  /** {@code @Query}. */
  public static final String QUERY = "dev.gao.metrics.annotations.Query";
  /** {@code @Param}. */
  public static final String PARAM = QueryMethodReader.PARAM;

  private final Elements elements;
  private final Types types;
  private final Annotations annotations;
  private final SchemaParser schemaParser;
  private final TableParser tableParser;
  private final SqlDialect dialect;

  /** A parser reading schemas with {@code schemaParser} and creating their tables in {@code dialect}. */
  public QueriesParser(
      Elements elements,
      Types types,
      Annotations annotations,
      SchemaParser schemaParser,
      TableParser tableParser,
      SqlDialect dialect) {
    this.elements = elements;
    this.types = types;
    this.annotations = annotations;
    this.schemaParser = schemaParser;
    this.tableParser = tableParser;
    this.dialect = dialect;
  }

  /** Reads and checks {@code type}. */
  public ParsedQueries parse(TypeElement type) {
    AnnotationMirror annotation = Annotations.find(type, METRICS_QUERIES).orElseThrow();
    List<Problem> problems = new ArrayList<>();
    if (!usableInterface(type)) {
      problems.add(
          Problem.on(
              type,
              annotation,
              null,
              Message.QUERIES_NOT_AN_INTERFACE,
              type.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' '),
              type.getQualifiedName()));
      return new ParsedQueries(null, problems, Set.of());
    }
    Set<String> unresolved = new TreeSet<>(unresolvedMethodTypes(type));
    AnnotationValue schemaValue = annotations.value(annotation, "schema");
    Optional<TypeMirror> schemaType = Annotations.type(schemaValue);
    if (schemaType.isEmpty() || schemaType.get().getKind() == TypeKind.ERROR) {
      unresolved.add(schemaType.map(TypeMirror::toString).orElse(String.valueOf(schemaValue.getValue())));
    }
    if (!unresolved.isEmpty()) {
      return new ParsedQueries(null, problems, unresolved);
    }
    Element schemaElement = ((DeclaredType) schemaType.get()).asElement();
    if (!(schemaElement instanceof TypeElement schemaTypeElement)
        || Annotations.find(schemaElement, Annotations.METRICS_SCHEMA).isEmpty()) {
      problems.add(
          Problem.on(
              type, annotation, schemaValue, Message.QUERIES_SCHEMA_NOT_A_SCHEMA, schemaType.get(), schemaType.get()));
      return new ParsedQueries(null, problems, Set.of());
    }
    ParsedSchema schema = schemaParser.parse(schemaTypeElement, new ParsingContext(tableParser), name -> true);
    if (schema.deferred()) {
      return new ParsedQueries(null, problems, schema.unresolved());
    }
    if (schema.model() == null || !schema.problems().isEmpty()) {
      problems.add(
          Problem.on(
              type,
              annotation,
              schemaValue,
              Message.QUERIES_SCHEMA_BROKEN,
              type.getQualifiedName(),
              schemaTypeElement.getQualifiedName()));
      return new ParsedQueries(null, problems, Set.of());
    }
    List<QueryModel> queries = queries(type, schema.model(), problems);
    QueriesModel model =
        problems.isEmpty() ? new QueriesModel(ClassName.get(type), schema.model().name(), queries) : null;
    return new ParsedQueries(model, problems, Set.of());
  }

  private List<QueryModel> queries(TypeElement type, SchemaModel schema, List<Problem> problems) {
    List<QueryModel> queries = new ArrayList<>();
    Set<String> bases = new HashSet<>();
    String source = type.getSimpleName().toString();
    try (SchemaDatabase database = SchemaDatabase.create(schema, dialect)) {
      ResultMapper results = new ResultMapper(dialect, schema, source);
      QueryMethodReader reader = new QueryMethodReader(types, database, schema.name(), results);
      for (ExecutableElement method : methods(type)) {
        Optional<AnnotationMirror> query = Annotations.find(method, QUERY);
        boolean isAbstract = method.getModifiers().contains(Modifier.ABSTRACT);
        if (query.isEmpty()) {
          if (isAbstract) {
            problems.add(
                Problem.on(
                    method,
                    Message.QUERY_METHOD,
                    ResultMapper.describe(method),
                    "an abstract method needs @Query; add one, or make it a default method"));
          }
          continue;
        }
        if (!isAbstract) {
          problems.add(
              Problem.on(
                  method,
                  Message.QUERY_METHOD,
                  ResultMapper.describe(method),
                  "@Query belongs on abstract methods; default and static methods are left as they are"));
          continue;
        }
        String base = Names.constantCase(method.getSimpleName().toString());
        String unique = base;
        for (int n = 2; !bases.add(unique); n++) {
          unique = base + "_" + n;
        }
        reader.read(method, query.get(), annotations.string(query.get(), "value"), unique, problems).ifPresent(queries::add);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create an in-memory SQLite database of schema " + schema.name(), e);
    }
    return queries;
  }

  /** The interface's own methods and those it inherits, without the ones of {@code Object}. */
  private List<ExecutableElement> methods(TypeElement type) {
    List<ExecutableElement> methods = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(type))) {
      Element owner = method.getEnclosingElement();
      if (owner instanceof TypeElement ownerType && ownerType.getKind() == ElementKind.INTERFACE) {
        methods.add(method);
      }
    }
    return methods;
  }

  private Set<String> unresolvedMethodTypes(TypeElement type) {
    Set<String> unresolved = new TreeSet<>();
    for (ExecutableElement method : methods(type)) {
      if (JavaTypes.unresolved(method.getReturnType())) {
        unresolved.add(method.getReturnType().toString());
      }
      for (VariableElement parameter : method.getParameters()) {
        if (JavaTypes.unresolved(parameter.asType())) {
          unresolved.add(parameter.asType().toString());
        }
      }
    }
    return unresolved;
  }

  private static boolean usableInterface(TypeElement type) {
    if (type.getKind() != ElementKind.INTERFACE || !type.getTypeParameters().isEmpty()) {
      return false;
    }
    for (Element e = type; e instanceof TypeElement t; e = t.getEnclosingElement()) {
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        return false;
      }
    }
    return true;
  }
}
