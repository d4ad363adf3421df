package dev.gao.metrics.example.reliability;

import dev.gao.metrics.example.model.GaoMetricsSchema;
import dev.gao.metrics.runtime.MetricsDatabase;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A child process that opens a PostgreSQL database at the schema's current version, migrating it
 * if it is older, and reports what it found: started as one of several migrators of the same
 * database at once.
 *
 * <p>Arguments: the JDBC URL (user {@code postgres}) and a file whose appearance is the signal to
 * open, so that every child opens at the same moment. Prints {@code READY}, then how long opening
 * took ({@code OPEN_MS n}), and {@code VERSION n} and {@code DIFFERENCES n} of the open database.
 */
final class MigratingChild {
  private MigratingChild() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    Path go = Path.of(args[1]);
    System.out.println("READY");
    System.out.flush();
    while (!Files.exists(go)) {
      Thread.sleep(2);
    }
    long start = System.nanoTime();
    try (MetricsDatabase db =
        MetricsDatabase.builder(GaoMetricsSchema.SCHEMA).url(url).user("postgres").open()) {
      System.out.println("OPEN_MS " + (System.nanoTime() - start) / 1_000_000);
      System.out.println("VERSION " + db.storedVersion());
      System.out.println("DIFFERENCES " + db.validate().size());
    }
  }
}
