package dev.gao.metrics.processor.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.squareup.javapoet.ClassName;
import org.junit.jupiter.api.Test;

class JavadocTextTest {
  @Test
  void escapesWhatJavadocOrJavacWouldRead() {
    assertEquals("a &lt;b&gt; &amp; &#64;x &#92;u000a *&#42;/ * c", JavadocText.escape("a <b> & @x \\u000a **/ * c"));
  }

  @Test
  void generatedNamesJoinNestedNames() {
    assertEquals("p.Outer_InnerDao", GeneratedNames.dao(ClassName.get("p", "Outer", "Inner")).canonicalName());
    assertEquals("p.GaoMetricsSchema", GeneratedNames.schema(ClassName.get("p", "GaoMetrics")).canonicalName());
  }
}
