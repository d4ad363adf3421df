package dev.gao.metrics.processor.writing;

import com.squareup.javapoet.ClassName;

/** Names of generated classes: next to the source type, nested names joined by underscores. */
public final class GeneratedNames {
  private GeneratedNames() {}

  /** {@code p.PerformanceMetrics -> p.PerformanceMetricsDao}, {@code p.Outer.Inner -> p.Outer_InnerDao}. */
  public static ClassName dao(ClassName rowType) {
    return withSuffix(rowType, "Dao");
  }

  /** {@code p.GaoMetrics -> p.GaoMetricsSchema}. */
  public static ClassName schema(ClassName schemaType) {
    return withSuffix(schemaType, "Schema");
  }

  /** {@code p.RunQueries -> p.RunQueriesImpl}. */
  public static ClassName queries(ClassName queriesType) {
    return withSuffix(queriesType, "Impl");
  }

  private static ClassName withSuffix(ClassName type, String suffix) {
    return ClassName.get(type.packageName(), String.join("_", type.simpleNames()) + suffix);
  }
}
