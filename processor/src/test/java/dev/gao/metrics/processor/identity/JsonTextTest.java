package dev.gao.metrics.processor.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTextTest {
  @Test
  void prettyPrintsNestedValues() {
    String text =
        new JsonText()
            .beginObject()
            .name("s")
            .value("a\"b\\c\n\r\t\u0001\u2028")
            .name("n")
            .value(42)
            .name("b")
            .value(true)
            .name("null")
            .value((String) null)
            .name("list")
            .stringArray(List.of("x", "y"))
            .name("empty")
            .beginArray()
            .endArray()
            .name("objects")
            .beginArray()
            .beginObject()
            .name("k")
            .value("v")
            .endObject()
            .beginObject()
            .endObject()
            .endArray()
            .endObject()
            .text();
    assertEquals(
        "{\n"
            + "  \"s\": \"a\\\"b\\\\c\\n\\r\\t\\u0001\\u2028\",\n"
            + "  \"n\": 42,\n"
            + "  \"b\": true,\n"
            + "  \"null\": null,\n"
            + "  \"list\": [\"x\", \"y\"],\n"
            + "  \"empty\": [],\n"
            + "  \"objects\": [\n"
            + "    {\n"
            + "      \"k\": \"v\"\n"
            + "    },\n"
            + "    {}\n"
            + "  ]\n"
            + "}\n",
        text);
  }

  @Test
  void refusesUnclosedDocuments() {
    assertThrows(IllegalStateException.class, () -> new JsonText().beginObject().text());
  }
}
