package dev.gao.metrics.processor.parsing;

import dev.gao.metrics.processor.diag.Message;
import dev.gao.metrics.processor.diag.Problem;
import dev.gao.metrics.processor.history.DataLossAllowance;
import dev.gao.metrics.processor.model.TableModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Reads the annotations that declare how a schema evolves: renames, data losses, data migrations. */
public final class MigrationAnnotations {
  /** {@code @RenamedFrom}. */
  public static final String RENAMED_FROM = "dev.gao.metrics.annotations.RenamedFrom";
  /** {@code @RenamedFrom.List}. */
  public static final String RENAMED_FROM_LIST = "dev.gao.metrics.annotations.RenamedFrom.List";
  /** {@code @AllowDataLoss}. */
  public static final String ALLOW_DATA_LOSS = "dev.gao.metrics.annotations.AllowDataLoss";
  /** {@code @AllowDataLoss.List}. */
  public static final String ALLOW_DATA_LOSS_LIST = "dev.gao.metrics.annotations.AllowDataLoss.List";
  /** {@code @DataMigration}. */
  public static final String DATA_MIGRATION = "dev.gao.metrics.annotations.DataMigration";
  /** The runtime interface a data migration implements. */
  public static final String DATA_MIGRATION_STEP = "dev.gao.metrics.runtime.schema.DataMigrationStep";

  private final Elements elements;
  private final Types types;
  private final Annotations annotations;
  private final PropertyScanner properties;

  /** A reader using the compiler's utilities. */
  public MigrationAnnotations(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
    this.annotations = new Annotations(elements);
    this.properties = new PropertyScanner(elements, types);
  }

  /** Every {@code @RenamedFrom} on the tables of a schema and on their properties. */
  public List<RenameDeclaration> renames(List<TableModel> tables) {
    List<RenameDeclaration> renames = new ArrayList<>();
    for (TableModel table : tables) {
      TypeElement type = elements.getTypeElement(table.qualifiedName());
      if (type == null) {
        continue;
      }
      for (AnnotationMirror mirror : repeated(type, RENAMED_FROM, RENAMED_FROM_LIST)) {
        renames.add(
            new RenameDeclaration(
                type, mirror, table.name(), null, annotations.string(mirror, "name"), annotations.integer(mirror, "version")));
      }
      for (Property property : properties.scan(type, new ArrayList<>())) {
        String column = columnName(property);
        for (AnnotationMirror mirror : repeated(property.location(), RENAMED_FROM, RENAMED_FROM_LIST)) {
          renames.add(
              new RenameDeclaration(
                  property.location(),
                  mirror,
                  table.name(),
                  column,
                  annotations.string(mirror, "name"),
                  annotations.integer(mirror, "version")));
        }
      }
    }
    return renames;
  }

  /** Every {@code @AllowDataLoss} on a schema type. */
  public List<DataLossDeclaration> dataLosses(TypeElement schema) {
    List<DataLossDeclaration> declarations = new ArrayList<>();
    for (AnnotationMirror mirror : repeated(schema, ALLOW_DATA_LOSS, ALLOW_DATA_LOSS_LIST)) {
      declarations.add(
          new DataLossDeclaration(
              mirror,
              annotations.integer(mirror, "version"),
              new DataLossAllowance(
                  annotations.string(mirror, "table"), annotations.string(mirror, "column"), annotations.string(mirror, "reason"))));
    }
    return declarations;
  }

  /**
   * Reads the {@code @DataMigration} on {@code type}; problems with the class itself (not public, no
   * public no-argument constructor, not implementing the runtime interface) are added to {@code
   * problems}.
   */
  public Optional<DataMigrationDeclaration> dataMigration(TypeElement type, List<Problem> problems) {
    Optional<AnnotationMirror> found = Annotations.find(type, DATA_MIGRATION);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    AnnotationMirror mirror = found.get();
    String schema =
        Annotations.type(annotations.value(mirror, "schema"))
            .filter(DeclaredType.class::isInstance)
            .map(t -> ((TypeElement) ((DeclaredType) t).asElement()).getQualifiedName().toString())
            .orElse(null);
    String reason = classProblem(type);
    if (reason != null) {
      problems.add(Problem.on(type, mirror, null, Message.DATA_MIGRATION_CLASS, type.getQualifiedName(), reason));
      return Optional.empty();
    }
    return Optional.of(
        new DataMigrationDeclaration(type, mirror, schema, annotations.integer(mirror, "from"), annotations.integer(mirror, "to")));
  }

  private String classProblem(TypeElement type) {
    if (type.getKind() != ElementKind.CLASS || type.getModifiers().contains(Modifier.ABSTRACT)) {
      return "it is not a concrete class";
    }
    if (!type.getModifiers().contains(Modifier.PUBLIC)
        || (type.getEnclosingElement() instanceof TypeElement && !type.getModifiers().contains(Modifier.STATIC))) {
      return "it is not a public top-level or static nested class";
    }
    boolean constructor =
        ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
            .anyMatch(c -> c.getParameters().isEmpty() && c.getModifiers().contains(Modifier.PUBLIC));
    if (!constructor) {
      return "it has no public no-argument constructor";
    }
    TypeElement step = elements.getTypeElement(DATA_MIGRATION_STEP);
    if (step == null) {
      return "that interface is not on the class path";
    }
    TypeMirror erased = types.erasure(step.asType());
    if (!types.isAssignable(types.erasure(type.asType()), erased)) {
      return "it does not implement that interface";
    }
    return null;
  }

  private String columnName(Property property) {
    String name =
        Annotations.find(property.location(), Annotations.COLUMN)
            .or(() -> Annotations.find(property.element(), Annotations.COLUMN))
            .map(c -> annotations.string(c, "name"))
            .orElse("");
    return name.isEmpty() ? Names.snakeCase(property.name()) : name;
  }

  private static List<AnnotationMirror> repeated(Element element, String single, String container) {
    List<AnnotationMirror> found = new ArrayList<>();
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      String name = Annotations.qualifiedName(mirror);
      if (name.equals(single)) {
        found.add(mirror);
      } else if (name.equals(container)) {
        mirror.getElementValues().entrySet().stream()
            .filter(e -> e.getKey().getSimpleName().contentEquals("value"))
            .map(e -> e.getValue().getValue())
            .filter(List.class::isInstance)
            .flatMap(v -> ((List<?>) v).stream())
            .map(v -> ((AnnotationValue) v).getValue())
            .filter(AnnotationMirror.class::isInstance)
            .forEach(m -> found.add((AnnotationMirror) m));
      }
    }
    return found;
  }
}
