package dev.gao.metrics.processor.parsing;

import java.util.Set;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/** Finds the types that are not resolved yet, for example classes generated later in the round. */
public final class UnresolvedTypes {
  private UnresolvedTypes() {}

  /** Adds the names of the unresolved types within {@code type} (arguments and arrays included). */
  public static void collect(TypeMirror type, Set<String> into) {
    if (type == null) {
      return;
    }
    switch (type.getKind()) {
      case ERROR -> into.add(type.toString());
      case DECLARED -> ((DeclaredType) type).getTypeArguments().forEach(a -> collect(a, into));
      case ARRAY -> collect(((ArrayType) type).getComponentType(), into);
      case WILDCARD -> {
        collect(((WildcardType) type).getExtendsBound(), into);
        collect(((WildcardType) type).getSuperBound(), into);
      }
      default -> {
        // primitives, type variables and the like are resolved.
      }
    }
  }
}
