package dev.gao.metrics.processor.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A tiny pretty-printing JSON writer: objects keep the order their members were added, arrays of
 * scalars stay on one line, indentation is two spaces and the text ends with a newline. The same
 * input always gives the same text.
 */
public final class JsonText {
  private final StringBuilder out = new StringBuilder();
  private final List<Boolean> firstInScope = new ArrayList<>();
  private boolean afterName;

  /** Starts an object (as a value, an array element or the document). */
  public JsonText beginObject() {
    beforeValue();
    out.append('{');
    firstInScope.add(true);
    return this;
  }

  /** Ends the current object. */
  public JsonText endObject() {
    return close('}');
  }

  /** Starts an array of objects, each on its own lines. */
  public JsonText beginArray() {
    beforeValue();
    out.append('[');
    firstInScope.add(true);
    return this;
  }

  /** Ends the current array. */
  public JsonText endArray() {
    return close(']');
  }

  /** Writes a member name; the next call writes its value. */
  public JsonText name(String name) {
    newLineInScope();
    string(name);
    out.append(": ");
    afterName = true;
    return this;
  }

  /** Writes a string value, or {@code null}. */
  public JsonText value(String value) {
    beforeValue();
    if (value == null) {
      out.append("null");
    } else {
      string(value);
    }
    return this;
  }

  /** Writes a number value. */
  public JsonText value(long value) {
    beforeValue();
    out.append(value);
    return this;
  }

  /** Writes a boolean value. */
  public JsonText value(boolean value) {
    beforeValue();
    out.append(value);
    return this;
  }

  /** Writes an array of strings on one line. */
  public JsonText stringArray(List<String> values) {
    beforeValue();
    out.append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      string(values.get(i));
    }
    out.append(']');
    return this;
  }

  /** The finished document, ending with a newline. */
  public String text() {
    if (!firstInScope.isEmpty()) {
      throw new IllegalStateException("unclosed object or array");
    }
    return out + "\n";
  }

  private JsonText close(char bracket) {
    boolean empty = firstInScope.remove(firstInScope.size() - 1);
    if (!empty) {
      out.append('\n').append("  ".repeat(firstInScope.size()));
    }
    out.append(bracket);
    return this;
  }

  private void beforeValue() {
    if (afterName) {
      afterName = false;
    } else if (!firstInScope.isEmpty()) {
      newLineInScope();
    }
  }

  private void newLineInScope() {
    int depth = firstInScope.size();
    if (!firstInScope.get(depth - 1)) {
      out.append(',');
    }
    firstInScope.set(depth - 1, false);
    out.append('\n').append("  ".repeat(depth));
  }

  private void string(String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
