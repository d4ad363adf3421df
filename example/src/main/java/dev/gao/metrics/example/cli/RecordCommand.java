package dev.gao.metrics.example.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.RunDocument;
import dev.gao.metrics.example.RunViolation;
import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.runtime.exception.ColumnValueException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code gao-metrics record}: records run documents (JSON or JSON Lines) from files or standard
 * input. Each run is checked against every rule first and stored in its own transaction; a rejected
 * document stores nothing and the others go on.
 */
@Command(
    name = "record",
    mixinStandardHelpOptions = true,
    description = {
      "Records run documents (see RUN-DOCUMENT.md) from JSON or JSON Lines files, or standard input.",
      "Each run is stored whole or not at all. A document that breaks a rule is reported on standard error,"
          + " one line per problem naming its line (or document number), field and value, and nothing of it is"
          + " stored; a run id that is already recorded is reported and skipped. The other documents are recorded.",
      "A value that is only unusual (a breakdown that disagrees with its count, an unknown type name,"
          + " phase_distribution as fractions) is reported on standard error as a line starting 'warning:', and"
          + " the run is recorded as given.",
      "Exit code 0 when every run was recorded (warnings or not), 3 when any was rejected or skipped."
    })
final class RecordCommand extends DatabaseCommand {
  /** How many documents pass between two progress lines on a terminal. */
  static final int PROGRESS_EVERY = 1_000;


  @Parameters(
      paramLabel = "FILE",
      arity = "0..*",
      description = "JSON or JSON Lines files, told apart by their content; '-' or none reads standard input.")
  List<String> files;

  private int recorded;
  private int rejected;
  private int warnings;

  @Override
  public Integer call() throws IOException {
    DatabaseLocation database = location();
    List<String> inputs = files == null || files.isEmpty() ? List.of("-") : files;
    for (String input : inputs) {
      if (!input.equals("-")) {
        Path path = Path.of(input);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
          throw new IllegalStateException(
              "cannot read " + input + ": " + (!Files.exists(path) ? "no such file" : Files.isDirectory(path)
                  ? "it is a folder" : "not a readable file") + "; nothing was recorded");
        }
      }
    }
    PrintWriter out = out();
    PrintWriter err = err();
    try (BenchmarkStore store = new BenchmarkStore(database.builder(GaoMetricsSchema.SCHEMA).open())) {
      Recorder recorder = new Recorder(store, database, err);
      try {
        for (String input : inputs) {
          record(input, recorder);
        }
      } catch (RuntimeException | IOException e) {
        out.printf("recorded %d runs, rejected %d%s before the error%n", recorded, rejected, warningCount());
        throw e;
      }
    }
    out.printf("recorded %d runs, rejected %d%s%n", recorded, rejected, warningCount());
    return rejected == 0 ? 0 : GaoMetricsCli.EXIT_DATABASE_ERROR;
  }

  /** The summary's warning count, left out when there were none (the summary stays as it was). */
  private String warningCount() {
    return warnings == 0 ? "" : ", " + warnings + (warnings == 1 ? " warning" : " warnings");
  }

  private void record(String input, Recorder recorder) throws IOException {
    boolean stdin = input.equals("-");
    String name = stdin ? "stdin" : input;
    InputStream bytes = stdin ? cli().terminal().stdin() : Files.newInputStream(Path.of(input));
    try {
      Reader reader = new InputStreamReader(bytes, StandardCharsets.UTF_8.newDecoder());
      RunInput.read(name, reader, recorder);
    } catch (CharacterCodingException e) {
      recorder.reject(name + ": is not UTF-8 text (it holds bytes UTF-8 does not allow, as Latin-1 or"
          + " Windows-1252 text does); convert it to UTF-8 (for example iconv -f latin1 -t utf-8)"
          + " and record it again; the rest of " + name + " was not read");
    } finally {
      if (!stdin) {
        bytes.close();
      }
    }
  }

  /** Checks and records each document as it is read. */
  private final class Recorder implements RunInput.Handler {
    private final BenchmarkStore store;
    private final DatabaseLocation database;
    private final PrintWriter err;

    Recorder(BenchmarkStore store, DatabaseLocation database, PrintWriter err) {
      this.store = store;
      this.database = database;
      this.err = err;
    }

    @Override
    public void document(String location, JsonNode document) {
      JsonNode runId = document.get("run_id");
      String where = location;
      if (runId != null && runId.isTextual() && !runId.textValue().isBlank()) {
        where += ", run " + Show.quoted(runId.textValue());
      }
      RunDocument.Parsed parsed = RunDocument.read(document);
      if (!parsed.valid()) {
        // Only the errors: they refuse the run, and a warning speaks of a run that is stored.
        for (RunViolation violation : parsed.errors()) {
          err.println("gao-metrics record: " + where + ": " + violation);
        }
        rejected++;
      } else {
        try {
          if (store.recordIfAbsent(parsed.run())) {
            recorded++;
            for (RunViolation warning : parsed.warnings()) {
              err.println("gao-metrics record: warning: " + where + ": " + warning);
              warnings++;
            }
          } else {
            reject(where + ": run_id is already recorded in " + database
                + "; skipped (delete it first with 'gao-metrics delete' to record it again)");
          }
        } catch (ColumnValueException e) {
          reject(where + ": " + GaoMetricsCli.oneLine(e) + "; nothing of this run was stored");
        }
      }
      progress();
    }

    @Override
    public void malformed(String location, String problem) {
      reject(location + ": " + problem);
      progress();
    }

    void reject(String message) {
      err.println("gao-metrics record: " + message);
      rejected++;
    }

    private void progress() {
      int done = recorded + rejected;
      if (cli().terminal().interactive() && done % PROGRESS_EVERY == 0) {
        err.printf(Locale.ROOT, "gao-metrics record: %,d runs read: %,d recorded, %,d rejected%n", done, recorded, rejected);
        err.flush();
      }
    }
  }
}
