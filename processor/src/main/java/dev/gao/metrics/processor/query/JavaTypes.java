package dev.gao.metrics.processor.query;

import com.squareup.javapoet.TypeName;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Small questions about Java types of query methods. */
final class JavaTypes {
  private JavaTypes() {}

  /** The type as generated code writes it, without type annotations on the outer type. */
  static TypeName name(TypeMirror type) {
    TypeName name = TypeName.get(type);
    return name.isAnnotated() ? name.withoutAnnotations() : name;
  }

  /** Whether the type or any of its type arguments or components has not been resolved. */
  static boolean unresolved(TypeMirror type) {
    if (type.getKind() == TypeKind.ERROR) {
      return true;
    }
    if (type instanceof ArrayType array) {
      return unresolved(array.getComponentType());
    }
    if (type instanceof DeclaredType declared) {
      return declared.getTypeArguments().stream().anyMatch(JavaTypes::unresolved);
    }
    return false;
  }
}
