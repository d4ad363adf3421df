package dev.gao.metrics.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Escaping, numbers and durations as every report writes them. */
class HtmlTest {
  @Test
  void textEscapesEveryCharacterThatEndsAnElementOrAnAttribute() {
    assertEquals("&lt;/script&gt;&amp;amp;&quot;&#39;plain", Html.text("</script>&amp;\"'plain"));
    assertEquals("", Html.text(""));
  }

  @Test
  void numbersAreExactDecimalsWithoutExponents() {
    assertEquals("3", Html.number(3.0));
    assertEquals("0.1", Html.number(0.1));
    assertEquals("-1.5", Html.number(-1.5));
    assertEquals("10000000000000000000000", Html.number(1e22));
    assertEquals("0.00000123", Html.number(1.23e-6));
    assertEquals("NaN", Html.number(Double.NaN));
    assertEquals("Infinity", Html.number(Double.POSITIVE_INFINITY));
    for (double value : List.of(0.8324349999999999, 1920.258, 1e-300, Double.MAX_VALUE)) {
      assertEquals(value, Double.parseDouble(Html.number(value)));
    }
  }

  @Test
  void scriptJsonCannotEndItsElementAndReadsBackTheSame() throws Exception {
    String json = "{\"k\":\"</script><!-- & \u2028\u2029\"}";
    String escaped = Html.scriptJson(json);
    assertEquals("{\"k\":\"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029\"}", escaped);
    ObjectMapper mapper = new ObjectMapper();
    assertEquals(mapper.readTree(json), mapper.readTree(escaped));
  }

  @Test
  void durationsReadAsPeopleSayThem() {
    assertEquals("7.25 s", Html.duration(Duration.ofMillis(7250)));
    assertEquals("0 s", Html.duration(Duration.ZERO));
    assertEquals("4m 05s", Html.duration(Duration.ofSeconds(245)));
    assertEquals("1h 02m 03s", Html.duration(Duration.ofSeconds(3723)));
    assertEquals("-4m 05s", Html.duration(Duration.ofSeconds(-245)));
    assertEquals(1.000000001, Html.seconds(Duration.ofSeconds(1, 1)));
  }
}
