package dev.gao.metrics.runtime.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads and writes JSON column values through a Jackson {@link ObjectMapper}. A reader and a writer
 * are built once per {@link JsonType} and reused, so a JSON column costs one Jackson call per
 * value. Thread-safe.
 */
public final class JsonCodec {
  private final ObjectMapper mapper;
  private final Map<JsonType<?>, Codec> codecs = new ConcurrentHashMap<>();

  private JsonCodec(ObjectMapper mapper) {
    this.mapper = Objects.requireNonNull(mapper, "mapper");
  }

  /**
   * The codec over a mapper with Java time support that writes dates as ISO-8601 text; otherwise
   * Jackson's defaults. Every call returns the same codec, shared by every database opened without
   * a mapper of its own, so that Jackson's serializers and the codec's readers and writers are built
   * once per process rather than once per open (building a mapper cost more than opening an
   * up-to-date database).
   *
   * @return the shared codec
   */
  public static JsonCodec withDefaults() {
    return Defaults.CODEC;
  }

  /** Holds the shared default codec, made on first use. */
  private static final class Defaults {
    static final JsonCodec CODEC = new JsonCodec(defaultMapper());

    private static ObjectMapper defaultMapper() {
      ObjectMapper mapper = new ObjectMapper();
      mapper.registerModule(new JavaTimeModule());
      mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
      return mapper;
    }
  }

  /**
   * A codec over the given mapper. The mapper must not be reconfigured afterwards.
   *
   * @param mapper the mapper
   * @return the codec
   */
  public static JsonCodec of(ObjectMapper mapper) {
    return new JsonCodec(mapper);
  }

  /**
   * Writes a value as JSON text.
   *
   * @param value the value, not null
   * @param type the value's type token
   * @param <T> the value's type
   * @return the JSON text
   * @throws IllegalArgumentException if Jackson cannot write the value
   */
  public <T> String write(T value, JsonType<T> type) {
    try {
      return codec(type).writer.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "cannot write " + type.type().getTypeName() + " as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Reads JSON text as a value.
   *
   * @param json the JSON text
   * @param type the value's type token
   * @param <T> the value's type
   * @return the value
   * @throws IllegalArgumentException if the text is not JSON of that type
   */
  public <T> T read(String json, JsonType<T> type) {
    try {
      return codec(type).reader.readValue(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "cannot read JSON as " + type.type().getTypeName() + ": " + e.getOriginalMessage(), e);
    }
  }

  /**
   * The mapper this codec uses.
   *
   * @return the mapper
   */
  public ObjectMapper mapper() {
    return mapper;
  }

  private Codec codec(JsonType<?> type) {
    Codec codec = codecs.get(type);
    if (codec == null) {
      codec = codecs.computeIfAbsent(type, this::newCodec);
    }
    return codec;
  }

  private Codec newCodec(JsonType<?> type) {
    JavaType javaType = mapper.getTypeFactory().constructType(type.type());
    return new Codec(mapper.readerFor(javaType), mapper.writerFor(javaType));
  }

  private record Codec(ObjectReader reader, ObjectWriter writer) {}
}
