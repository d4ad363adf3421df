package dev.gao.metrics.example.bench;

import dev.gao.metrics.example.BenchmarkStore;
import dev.gao.metrics.example.LargeDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Random;

/**
 * Benchmark databases, cached by size and seed under the data folder (the launcher passes it to
 * the forks as {@code -Dgao.bench.data}); writers get a fresh copy.
 */
final class BenchData {
  /** Runs in the database the write and open benchmarks copy. */
  static final long BASE_RUNS = 10_000;

  private BenchData() {}

  static Path dir() {
    return Path.of(System.getProperty("gao.bench.data", "target/bench-data")).toAbsolutePath();
  }

  static long runs() {
    return Long.getLong("gao.bench.runs", 100_000L);
  }

  static long seed() {
    return Long.getLong("gao.bench.seed", 42L);
  }

  /** The large database the read benchmarks use. */
  static Path large() {
    return database(runs(), seed());
  }

  /** The small database the write and open benchmarks copy. */
  static Path base() {
    return database(BASE_RUNS, seed());
  }

  static Path file(long runs, long seed) {
    return dir().resolve("gao-" + runs + "-runs-seed-" + seed + ".db");
  }

  /** The cached database of {@code runs} runs, built first if missing. */
  static synchronized Path database(long runs, long seed) {
    Path file = file(runs, seed);
    if (Files.exists(file)) {
      return file;
    }
    try {
      Files.createDirectories(dir());
      Path partial = dir().resolve(file.getFileName() + ".partial");
      for (String suffix : new String[] {"", "-wal", "-shm"}) {
        Files.deleteIfExists(Path.of(partial + suffix));
      }
      System.out.printf("building %s (%,d runs, seed %d)...%n", file.getFileName(), runs, seed);
      Duration took = LargeDatabase.build(partial, runs, seed);
      // Opening again leaves it checkpointed and proves it up to date.
      BenchmarkStore.open(partial).close();
      System.out.printf("built %,d runs in %.1f s (%,.0f runs/s), %,d MB%n", runs, took.toMillis() / 1000.0,
          runs / (took.toNanos() / 1e9), Files.size(partial) >> 20);
      Files.writeString(Path.of(file + ".build-seconds"), String.format("%.1f%n", took.toMillis() / 1000.0));
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A fresh copy of {@code source} for a benchmark that writes; deleted on exit. */
  static Path copy(Path source, String tag) {
    try {
      Path work = dir().resolve("work");
      Files.createDirectories(work);
      Path target = Files.createTempFile(work, tag + "-", ".db");
      Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
      for (String suffix : new String[] {"-wal", "-shm"}) {
        Files.deleteIfExists(Path.of(target + suffix));
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void delete(Path file) {
    try {
      for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
        Files.deleteIfExists(Path.of(file + suffix));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code n} existing run ids picked at random (fixed seed) by row id. */
  static String[] sampleIds(Path file, int n, long seed) {
    try (Connection c = HandJdbcRuns.open(file)) {
      return sampleIds(
          c,
          "SELECT max(rowid) FROM benchmark_runs",
          "SELECT run_id FROM benchmark_runs WHERE rowid = ?",
          n,
          seed);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code n} existing run ids picked at random (fixed seed): keys drawn uniformly up to the largest
   * one, a key with no row drawn again.
   *
   * @param c a connection to the database
   * @param maxKey the query of the largest key
   * @param runIdByKey the query of the run id of a key, one parameter
   * @param n how many ids
   * @param seed the random seed
   * @return the ids, repeats possible
   * @throws SQLException if a query fails
   */
  static String[] sampleIds(Connection c, String maxKey, String runIdByKey, int n, long seed)
      throws SQLException {
    try (PreparedStatement max = c.prepareStatement(maxKey);
        PreparedStatement byKey = c.prepareStatement(runIdByKey)) {
      long top;
      try (ResultSet rs = max.executeQuery()) {
        rs.next();
        top = rs.getLong(1);
      }
      Random random = new Random(seed);
      String[] ids = new String[n];
      int found = 0;
      while (found < n) {
        byKey.setLong(1, 1 + (long) (random.nextDouble() * top));
        try (ResultSet rs = byKey.executeQuery()) {
          if (rs.next()) {
            ids[found++] = rs.getString(1);
          }
        }
      }
      return ids;
    }
  }


  /** Opens an implementation by its parameter name. */
  static RunOps open(String impl, Path file) {
    return switch (impl) {
      case "generated" -> new GeneratedRuns(file);
      case "jdbc" -> new HandJdbcRuns(file);
      case "jdbi" -> new JdbiRuns(file);
      default -> throw new IllegalArgumentException("unknown implementation " + impl);
    };
  }
}
