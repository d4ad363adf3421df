package dev.gao.metrics.example.bench;

/**
 * Where one engine keeps the benchmark databases, and how each implementation opens them. A
 * database is named by a string: a file's path on SQLite, a database's name on PostgreSQL.
 */
interface BenchDatabases {
  /** The engines the suite runs on, by the name the launcher and the JMH parameter use. */
  java.util.List<String> ENGINES = java.util.List.of("sqlite", "postgres");

  /** The engine's name, as in {@link #ENGINES}. */
  String engine();

  /** The cached database of {@code runs} runs, built first if missing. */
  String database(long runs, long seed);

  /** The large database the read benchmarks share. */
  default String large() {
    return database(BenchData.runs(), BenchData.seed());
  }

  /** The small database the write and open benchmarks copy. */
  default String base() {
    return database(BenchData.BASE_RUNS, BenchData.seed());
  }

  /** A fresh copy of {@code source} for a benchmark that writes; {@link #delete} removes it. */
  String copy(String source, String tag);

  /** Removes a copy. */
  void delete(String copy);

  /** {@code n} existing run ids picked at random (fixed seed). */
  String[] sampleIds(String database, int n, long seed);

  /** Opens an implementation ({@code generated}, {@code jdbc}, {@code jdbi}) on a database. */
  RunOps open(String impl, String database);

  /**
   * Opens a database as an implementation starts using it and closes it again ({@code jdbc}: a bare
   * connection with the same session settings).
   */
  void openAndClose(String impl, String database);

  /** The engine called {@code name}. */
  static BenchDatabases of(String name) {
    return switch (name) {
      case "sqlite" -> SqliteDatabases.INSTANCE;
      case "postgres" -> PostgresDatabases.INSTANCE;
      default -> throw new IllegalArgumentException("unknown engine " + name + "; one of " + ENGINES);
    };
  }
}
