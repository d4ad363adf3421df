package dev.gao.metrics.processor.validation;

import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;

/** Decides whether generated code in a given package can name a type. */
public final class Accessibility {
  private final Elements elements;

  /** Checks with the help of {@code elements}. */
  public Accessibility(Elements elements) {
    this.elements = elements;
  }

  /**
   * Why the table type cannot be used by code generated next to it, or empty when it can: private,
   * an inner (non-static nested) class, local, or nested in such a type.
   */
  public Optional<String> tableTypeProblem(TypeElement type) {
    for (Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      String name = t.getQualifiedName().toString();
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        return Optional.of(e == type ? "private" : "nested in private " + name);
      }
      Element enclosing = t.getEnclosingElement();
      if (enclosing.getKind() != ElementKind.PACKAGE && !(enclosing instanceof TypeElement)) {
        return Optional.of(e == type ? "a local type" : "nested in local type " + name);
      }
      if (enclosing instanceof TypeElement
          && t.getKind() == ElementKind.CLASS
          && !t.getModifiers().contains(Modifier.STATIC)) {
        return Optional.of(e == type ? "an inner (non-static) class" : "nested in inner class " + name);
      }
    }
    return Optional.empty();
  }

  /** Whether every class named by {@code type} (arguments and arrays included) is visible from {@code from}. */
  public boolean isVisibleFrom(TypeMirror type, PackageElement from) {
    if (type == null) {
      return true;
    }
    return switch (type.getKind()) {
      case DECLARED -> {
        DeclaredType declared = (DeclaredType) type;
        yield isVisibleFrom((TypeElement) declared.asElement(), from)
            && declared.getTypeArguments().stream().allMatch(a -> isVisibleFrom(a, from));
      }
      case ARRAY -> isVisibleFrom(((ArrayType) type).getComponentType(), from);
      case WILDCARD ->
          isVisibleFrom(((WildcardType) type).getExtendsBound(), from)
              && isVisibleFrom(((WildcardType) type).getSuperBound(), from);
      default -> true;
    };
  }

  /** Whether {@code type} and every type enclosing it is visible from {@code from}. */
  public boolean isVisibleFrom(TypeElement type, PackageElement from) {
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        return false;
      }
      if (!e.getModifiers().contains(Modifier.PUBLIC) && !elements.getPackageOf(e).equals(from)) {
        return false;
      }
    }
    return true;
  }
}
