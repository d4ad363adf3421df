package dev.gao.metrics.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.gao.metrics.runtime.fixture.Metric;
import dev.gao.metrics.runtime.fixture.MetricDao;
import dev.gao.metrics.runtime.fixture.Run;
import dev.gao.metrics.runtime.fixture.RunDao;
import dev.gao.metrics.runtime.fixture.Tag;
import dev.gao.metrics.runtime.fixture.Target;
import dev.gao.metrics.runtime.fixture.TestSchema;
import dev.gao.metrics.runtime.schema.Engine;
import dev.gao.metrics.runtime.json.JsonCodec;
import dev.gao.metrics.runtime.json.JsonType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** JSON columns through the database's JSON codec, on every engine. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class JsonColumnTest {
  @Parameter Engine engine;
  @TempDir Path temp;

  @Test
  void nestedGenericTypesRoundTrip() throws Exception {
    Map<String, List<Tag>> metadata = new LinkedHashMap<>();
    metadata.put(
        "phases",
        List.of(
            new Tag("plan", 3, Instant.parse("2025-01-01T00:00:00.123Z")),
            new Tag("code", 7, Instant.parse("1960-01-01T00:00:00Z"))));
    metadata.put("empty", List.of());
    Target target = Target.of(engine, temp, "json");
    try (MetricsDatabase db = target.open(TestSchema.SCHEMA)) {
      RunDao runs = new RunDao(db);
      MetricDao metrics = new MetricDao(db);
      runs.insert(new Run("r1", Instant.EPOCH, "p", "b", null, metadata, null));
      Map<String, List<Tag>> read = runs.findById("r1").orElseThrow().metadata();
      assertEquals(metadata, read);
      assertInstanceOf(Tag.class, read.get("phases").get(0));

      long id =
          metrics.insert(new Metric(0, "r1", 1, Map.of("small", 1L, "big", 5_000_000_000L), 1));
      Map<String, Long> phaseTimes = metrics.findById(id).orElseThrow().phaseTimes();
      assertInstanceOf(Long.class, phaseTimes.get("small"), "Map<String, Long> keeps Long values");
      assertEquals(5_000_000_000L, phaseTimes.get("big"));

      String stored = target.column("SELECT metadata FROM benchmark_runs").get(0);
      // PostgreSQL's jsonb writes its text with a space after each colon.
      assertTrue(stored.replace("\": ", "\":").contains("\"at\":\"2025-01-01T00:00:00.123Z\""), stored);
    }
  }

  @Test
  void aSuppliedObjectMapperIsUsed() throws Exception {
    ObjectMapper mapper =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE);
    Target target = Target.of(engine, temp, "json");
    try (MetricsDatabase db = target.builder(TestSchema.SCHEMA).objectMapper(mapper).open()) {
      RunDao runs = new RunDao(db);
      Map<String, List<Tag>> metadata = Map.of("x", List.of(new Tag("n", 1, Instant.EPOCH)));
      runs.insert(new Run("r1", Instant.EPOCH, "p", "b", null, metadata, null));
      assertEquals(metadata, runs.findById("r1").orElseThrow().metadata());
      String stored = target.column("SELECT metadata FROM benchmark_runs").get(0);
      assertTrue(stored.replace("\": ", "\":").contains("\"Name\":\"n\""), stored);
    }
  }

  @Test
  void theCodecReportsFailuresAndNeedsATypeArgument() {
    JsonCodec codec = JsonCodec.withDefaults();
    JsonType<Map<String, Long>> type = new JsonType<Map<String, Long>>() {};
    assertEquals("JsonType<java.util.Map<java.lang.String, java.lang.Long>>", type.toString());
    IllegalArgumentException read =
        assertThrows(IllegalArgumentException.class, () -> codec.read("[1", type));
    assertTrue(
        read.getMessage().contains("java.util.Map<java.lang.String, java.lang.Long>"),
        read.getMessage());
    JsonType<Object> any = new JsonType<Object>() {};
    IllegalArgumentException write =
        assertThrows(IllegalArgumentException.class, () -> codec.write(new Object(), any));
    assertTrue(write.getMessage().startsWith("cannot write"), write.getMessage());
    assertThrows(IllegalStateException.class, RawType::new);
    assertEquals("{\"a\":1}", codec.write(Map.of("a", 1L), type));
    assertEquals(codec.mapper(), codec.mapper());
  }

  @Test
  void tokensOfDeclaredFieldsKeepTheirGenericArguments() {
    JsonType<Map<String, List<Tag>>> declared = JsonType.ofField(Run.class, "metadata");
    assertEquals(new JsonType<Map<String, List<Tag>>>() {}.type(), declared.type());
    assertEquals("JsonType<java.util.Map<java.lang.String, java.util.List<dev.gao.metrics.runtime.fixture.Tag>>>", declared.toString());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> JsonType.ofField(Run.class, "nothing"));
    assertEquals("dev.gao.metrics.runtime.fixture.Run declares no field nothing", e.getMessage());
  }

  /** A type token without a type argument. */
  @SuppressWarnings("rawtypes")
  static final class RawType extends JsonType {}
}
