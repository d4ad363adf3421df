package dev.gao.metrics.example.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.gao.metrics.example.RunDocument;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;

/**
 * Splits an input into run documents. The format is told by the content: when the first non-blank
 * line is a whole JSON object on its own (starts with <code>{</code> and ends with <code>}</code>)
 * the input is JSON Lines, one document per line, and each line is read on its own, so a malformed
 * line costs only that line. Otherwise it is JSON: a document, an array of documents, or several of
 * either one after the other (as {@code show --json} writes them); malformed JSON there ends the
 * input, after the documents before it.
 */
final class RunInput {
  /** Receives the documents of an input, in order. */
  interface Handler {
    /**
     * One parsed document.
     *
     * @param location where it is: {@code NAME line N} or {@code NAME document N (line L)}
     * @param document the JSON value
     */
    void document(String location, JsonNode document);

    /**
     * Text that is not JSON.
     *
     * @param location where it is
     * @param problem what is wrong, one line
     */
    void malformed(String location, String problem);
  }

  private static final ObjectReader TREES =
      RunDocument.mapper().reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private RunInput() {}

  /**
   * Reads every document of an input.
   *
   * @param name the input's name in locations: a file name or {@code stdin}
   * @param reader the input's text; not closed
   * @param handler what receives the documents
   * @throws IOException if the input cannot be read or decoded
   */
  static void read(String name, Reader reader, Handler handler) throws IOException {
    BufferedReader in = reader instanceof BufferedReader buffered ? buffered : new BufferedReader(reader);
    BoundedLines lines = new BoundedLines(in, RunDocument.MAX_DOCUMENT_CHARS);
    StringBuilder blank = new StringBuilder();
    BoundedLines.Line first;
    int lineNumber = 0;
    while ((first = lines.next()) != null) {
      lineNumber++;
      if (first.tooLong()) {
        break;
      }
      if (lineNumber == 1 && first.text().startsWith("\uFEFF")) {
        first = new BoundedLines.Line(first.text().substring(1), first.length() - 1);
      }
      if (!first.text().isBlank()) {
        break;
      }
      blank.append('\n');
    }
    if (first == null) {
      return;
    }
    // A first line over the limit is taken for a JSON Lines document: a JSON document's first line
    // is short ("{" or "[").
    String trimmed = first.tooLong() ? "" : first.text().strip();
    if (first.tooLong() || (trimmed.startsWith("{") && trimmed.endsWith("}"))) {
      BoundedLines.Line line = first;
      do {
        String location = name + " line " + lineNumber;
        if (line.tooLong()) {
          handler.malformed(location, tooLarge(line.length() + " characters"));
        } else if (!line.text().isBlank()) {
          readLine(location, line.text(), handler);
        }
        line = lines.next();
        lineNumber++;
      } while (line != null);
    } else {
      readJson(name, new PrefixedReader(blank + first.text() + "\n", in), handler);
    }
  }

  private static void readLine(String location, String line, Handler handler) {
    if (line.length() > RunDocument.MAX_DOCUMENT_CHARS) {
      handler.malformed(location, tooLarge(line.length() + " characters"));
      return;
    }
    JsonNode document;
    try {
      document = RunDocument.mapper().readTree(line);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      handler.malformed(location, "malformed JSON" + (at == null ? "" : " at column " + at.getColumnNr())
          + ": " + oneLine(e.getOriginalMessage()));
      return;
    }
    handler.document(location, document);
  }

  /** The problem of a document over {@link RunDocument#MAX_DOCUMENT_CHARS}. */
  private static String tooLarge(String size) {
    return "the document is "
        + size
        + " long; a run document is at most "
        + RunDocument.MAX_DOCUMENT_CHARS
        + " characters (1 MiB) of JSON; move large details out of metadata";
  }

  private static void readJson(String name, Reader input, Handler handler) throws IOException {
    int index = 0;
    boolean inDocument = false;
    LimitedReader reader = new LimitedReader(input);
    try (JsonParser parser = RunDocument.mapper().createParser(reader)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        boolean array = token == JsonToken.START_ARRAY;
        while (!array || parser.nextToken() != JsonToken.END_ARRAY) {
          index++;
          inDocument = true;
          int line = parser.currentTokenLocation().getLineNr();
          long start = parser.currentTokenLocation().getCharOffset();
          reader.limit(start + RunDocument.MAX_DOCUMENT_CHARS + LimitedReader.SLACK);
          JsonNode document = TREES.readTree(parser);
          reader.limit(Long.MAX_VALUE);
          inDocument = false;
          String location = name + " document " + index + " (line " + line + ")";
          long length = parser.currentLocation().getCharOffset() - start;
          if (length > RunDocument.MAX_DOCUMENT_CHARS) {
            handler.malformed(location, tooLarge(length + " characters"));
          } else {
            handler.document(location, document);
          }
          if (!array) {
            break;
          }
        }
      }
    } catch (LimitedReader.LimitExceeded e) {
      handler.malformed(name + " document " + index,
          tooLarge("more than " + RunDocument.MAX_DOCUMENT_CHARS + " characters") + "; the rest of " + name
              + " was not read");
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      handler.malformed(name + " document " + (inDocument ? index : index + 1) + where,
          "malformed JSON: " + oneLine(e.getOriginalMessage()) + "; the rest of " + name + " was not read");
    }
  }

  private static String oneLine(String text) {
    return String.valueOf(text)
        .replaceAll("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)\\]", "line $1, column $2")
        .replace("\r", " ")
        .replace('\n', ' ');
  }

  /**
   * A reader that fails once more than a limit of characters was read from the start of the input:
   * keeps a huge document from being held in memory whole. The parser reads ahead by one buffer, so
   * limits are set {@link #SLACK} beyond the exact document limit, which is checked afterwards.
   */
  private static final class LimitedReader extends Reader {
    static final int SLACK = 64 * 1024;

    /** The limit was passed; the document being read is too large. */
    static final class LimitExceeded extends IOException {
      private static final long serialVersionUID = 1L;

      LimitExceeded() {
        super("run document too large");
      }
    }

    private final Reader in;
    private long read;
    private long limit = Long.MAX_VALUE;

    LimitedReader(Reader in) {
      this.in = in;
    }

    void limit(long limit) {
      this.limit = limit;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        read += n;
        if (read > limit) {
          throw new LimitExceeded();
        }
      }
      return n;
    }

    /** Leaves the underlying reader open: the caller owns it. */
    @Override
    public void close() {}
  }

  /** A reader that yields some text first, then the rest of another reader. */
  private static final class PrefixedReader extends Reader {
    private final Reader prefix;
    private final Reader rest;
    private boolean prefixDone;

    PrefixedReader(String prefix, Reader rest) {
      this.prefix = new StringReader(prefix);
      this.rest = rest;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
      if (!prefixDone) {
        int n = prefix.read(buffer, offset, length);
        if (n > 0) {
          return n;
        }
        prefixDone = true;
      }
      return rest.read(buffer, offset, length);
    }

    /** Closes the prefix only: the caller owns the other reader (standard input stays open). */
    @Override
    public void close() throws IOException {
      prefix.close();
    }
  }
}
