package dev.gao.metrics.processor.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {
  @Test
  void readsEveryKindOfValue() {
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("s", "a\"b\\c/\b\f\n\r\t\u00e9");
    expected.put("n", -12L);
    expected.put("d", 1.5e3);
    expected.put("t", true);
    expected.put("f", false);
    expected.put("z", null);
    expected.put("a", List.of(1L, List.of(), Map.of()));
    assertEquals(
        expected,
        JsonReader.parse(
            " {\"s\": \"a\\\"b\\\\c\\/\\b\\f\\n\\r\\t\\u00e9\", \"n\": -12, \"d\": 1.5e3, \"t\": true, \"f\": false,"
                + " \"z\": null, \"a\": [1, [], {}]} "));
  }

  @Test
  void readsWhatJsonTextWrites() {
    String text =
        new JsonText().beginObject().name("x").value("q\u0001").name("l").stringArray(List.of("a", "b")).endObject().text();
    assertEquals(Map.of("x", "q\u0001", "l", List.of("a", "b")), JsonReader.parse(text));
  }

  @Test
  void rejectsMalformedText() {
    for (String bad :
        Arrays.asList(
            "", "{", "{\"a\" 1}", "{\"a\": 1,}", "[1 2]", "\"abc", "\"\\x\"", "\"\\u12\"", "\"\\uzzzz\"", "tru", "-",
            "{} x", "{1: 2}", "\"\\")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(bad), bad);
      assertEquals(true, e.getMessage().contains("at offset"), e.getMessage());
    }
  }
}
