package dev.gao.metrics.processor.parsing;

import dev.gao.metrics.processor.diag.Message;
import dev.gao.metrics.processor.diag.Problem;
import dev.gao.metrics.processor.model.Accessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Lists the values of a row type: record components, or the fields of a class with their readers. */
public final class PropertyScanner {
  private final Elements elements;
  private final Types types;

  /** A scanner using the compiler's utilities. */
  public PropertyScanner(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /** The compiler's type utilities this scanner uses. */
  Types types() {
    return types;
  }

  /** The properties of {@code type} in declaration order; problems found are added to {@code problems}. */
  public List<Property> scan(TypeElement type, List<Problem> problems) {
    return type.getKind() == ElementKind.RECORD ? recordComponents(type) : classFields(type, problems);
  }

  private List<Property> recordComponents(TypeElement type) {
    List<Property> properties = new ArrayList<>();
    for (RecordComponentElement component : type.getRecordComponents()) {
      ExecutableElement accessor = component.getAccessor();
      List<AnnotationMirror> typeAnnotations = new ArrayList<>(component.asType().getAnnotationMirrors());
      if (accessor != null) {
        typeAnnotations.addAll(accessor.getReturnType().getAnnotationMirrors());
      }
      String name = component.getSimpleName().toString();
      Element location =
          ElementFilter.fieldsIn(type.getEnclosedElements()).stream()
              .filter(f -> f.getSimpleName().contentEquals(name) && !f.getModifiers().contains(Modifier.STATIC))
              .map(f -> (Element) f)
              .findFirst()
              .orElse(component);
      properties.add(
          new Property(name, component, location, component.asType(), new Accessor(name, true), typeAnnotations));
    }
    return properties;
  }

  private List<Property> classFields(TypeElement type, List<Problem> problems) {
    List<VariableElement> fields =
        ElementFilter.fieldsIn(type.getEnclosedElements()).stream()
            .filter(f -> !f.getModifiers().contains(Modifier.STATIC))
            .filter(f -> !f.getModifiers().contains(Modifier.TRANSIENT))
            .toList();
    if (!hasCanonicalConstructor(type, fields)) {
      problems.add(
          Problem.on(
              type,
              Message.NO_CANONICAL_CONSTRUCTOR,
              type.getQualifiedName(),
              fields.stream().map(f -> f.asType() + " " + f.getSimpleName()).collect(Collectors.joining(", "))));
    }
    List<Property> properties = new ArrayList<>();
    for (VariableElement field : fields) {
      String name = field.getSimpleName().toString();
      Optional<Accessor> accessor = accessor(type, field);
      if (accessor.isEmpty()) {
        String suffix = Names.capitalize(name);
        String getter = (field.asType().getKind() == TypeKind.BOOLEAN ? "is" : "get") + suffix;
        problems.add(Problem.on(field, Message.NO_ACCESSOR, name, type.getQualifiedName(), getter, name));
        continue;
      }
      properties.add(
          new Property(name, field, field, field.asType(), accessor.get(), new ArrayList<>(field.asType().getAnnotationMirrors())));
    }
    return properties;
  }

  private boolean hasCanonicalConstructor(TypeElement type, List<VariableElement> fields) {
    for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      if (constructor.getModifiers().contains(Modifier.PRIVATE)
          || constructor.getParameters().size() != fields.size()) {
        continue;
      }
      boolean matches = true;
      for (int i = 0; i < fields.size() && matches; i++) {
        matches = types.isSameType(constructor.getParameters().get(i).asType(), fields.get(i).asType());
      }
      if (matches) {
        return true;
      }
    }
    return false;
  }

  private Optional<Accessor> accessor(TypeElement type, VariableElement field) {
    String name = field.getSimpleName().toString();
    String suffix = Names.capitalize(name);
    List<String> candidates = new ArrayList<>();
    candidates.add("get" + suffix);
    if (field.asType().getKind() == TypeKind.BOOLEAN) {
      candidates.add("is" + suffix);
    }
    candidates.add(name);
    List<ExecutableElement> methods = ElementFilter.methodsIn(elements.getAllMembers(type));
    for (String candidate : candidates) {
      for (ExecutableElement method : methods) {
        if (method.getSimpleName().contentEquals(candidate)
            && method.getParameters().isEmpty()
            && !method.getModifiers().contains(Modifier.PRIVATE)
            && !method.getModifiers().contains(Modifier.STATIC)
            && types.isSameType(method.getReturnType(), field.asType())) {
          return Optional.of(new Accessor(candidate, true));
        }
      }
    }
    if (!field.getModifiers().contains(Modifier.PRIVATE)) {
      return Optional.of(new Accessor(name, false));
    }
    return Optional.empty();
  }
}
