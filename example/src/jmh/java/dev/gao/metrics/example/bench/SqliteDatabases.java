package dev.gao.metrics.example.bench;

import java.nio.file.Path;

/** SQLite's benchmark databases: files cached by {@link BenchData}, copied for writers. */
final class SqliteDatabases implements BenchDatabases {
  static final SqliteDatabases INSTANCE = new SqliteDatabases();

  private SqliteDatabases() {}

  @Override
  public String engine() {
    return "sqlite";
  }

  @Override
  public String database(long runs, long seed) {
    return BenchData.database(runs, seed).toString();
  }

  @Override
  public String copy(String source, String tag) {
    return BenchData.copy(Path.of(source), tag).toString();
  }

  @Override
  public void delete(String copy) {
    BenchData.delete(Path.of(copy));
  }

  @Override
  public String[] sampleIds(String database, int n, long seed) {
    return BenchData.sampleIds(Path.of(database), n, seed);
  }

  @Override
  public RunOps open(String impl, String database) {
    return BenchData.open(impl, Path.of(database));
  }

  @Override
  public void openAndClose(String impl, String database) {
    Path file = Path.of(database);
    switch (impl) {
      case "generated" -> GeneratedRuns.openAndClose(file);
      case "jdbc" -> HandJdbcRuns.openAndClose(file);
      case "jdbi" -> JdbiRuns.openAndClose(file);
      default -> throw new IllegalArgumentException("unknown implementation " + impl);
    }
  }
}
