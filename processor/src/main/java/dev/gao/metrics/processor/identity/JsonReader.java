package dev.gao.metrics.processor.identity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON parser for the files this processor writes. Objects become {@link LinkedHashMap}s,
 * arrays {@link List}s, numbers {@link Long}s (or {@link Double}s with a fraction or exponent),
 * and {@code true}, {@code false} and {@code null} themselves. Malformed input throws {@link
 * IllegalArgumentException} naming the offset.
 */
public final class JsonReader {
  private final String text;
  private int position;

  private JsonReader(String text) {
    this.text = text;
  }

  /** The value of the JSON document {@code text}. */
  public static Object parse(String text) {
    JsonReader reader = new JsonReader(text);
    Object value = reader.value();
    reader.whitespace();
    if (reader.position != text.length()) {
      throw reader.error("unexpected text after the document");
    }
    return value;
  }

  private Object value() {
    whitespace();
    if (position >= text.length()) {
      throw error("unexpected end of text");
    }
    char c = text.charAt(position);
    return switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", null);
      default -> number();
    };
  }

  private Map<String, Object> object() {
    Map<String, Object> members = new LinkedHashMap<>();
    position++;
    whitespace();
    if (peek('}')) {
      position++;
      return members;
    }
    while (true) {
      whitespace();
      if (!peek('"')) {
        throw error("expected a member name");
      }
      String name = string();
      whitespace();
      expect(':');
      members.put(name, value());
      whitespace();
      if (peek(',')) {
        position++;
      } else {
        expect('}');
        return members;
      }
    }
  }

  private List<Object> array() {
    List<Object> values = new ArrayList<>();
    position++;
    whitespace();
    if (peek(']')) {
      position++;
      return values;
    }
    while (true) {
      values.add(value());
      whitespace();
      if (peek(',')) {
        position++;
      } else {
        expect(']');
        return values;
      }
    }
  }

  private String string() {
    position++;
    StringBuilder out = new StringBuilder();
    while (position < text.length()) {
      char c = text.charAt(position++);
      if (c == '"') {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (position >= text.length()) {
        break;
      }
      char escape = text.charAt(position++);
      switch (escape) {
        case '"', '\\', '/' -> out.append(escape);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (position + 4 > text.length()) {
            throw error("incomplete \\u escape");
          }
          try {
            out.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
          } catch (NumberFormatException e) {
            throw error("invalid \\u escape");
          }
          position += 4;
        }
        default -> throw error("invalid escape \\" + escape);
      }
    }
    throw error("unterminated string");
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, position)) {
      throw error("expected " + word);
    }
    position += word.length();
    return value;
  }

  private Object number() {
    int start = position;
    while (position < text.length() && "+-0123456789.eE".indexOf(text.charAt(position)) >= 0) {
      position++;
    }
    String number = text.substring(start, position);
    try {
      if (number.contains(".") || number.contains("e") || number.contains("E")) {
        return Double.parseDouble(number);
      }
      return Long.parseLong(number);
    } catch (NumberFormatException e) {
      position = start;
      throw error("expected a value");
    }
  }

  private void whitespace() {
    while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
      position++;
    }
  }

  private boolean peek(char c) {
    return position < text.length() && text.charAt(position) == c;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw error("expected '" + c + "'");
    }
    position++;
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at offset " + position);
  }
}
