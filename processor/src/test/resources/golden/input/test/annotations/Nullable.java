package test.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Target;

/** A type-use nullness annotation, as JSpecify declares one. */
@Target(ElementType.TYPE_USE)
public @interface Nullable {}
