package dev.gao.metrics.example.bench;

import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.LargeDatabase;
import dev.gao.metrics.example.model.BenchmarkRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the suite: {@code --short} (default; 1 fork, 2 warm-ups and 3 iterations of 1 s, a
 * 100,000-run database), {@code --full} (2 forks, 5 warm-ups, 10 iterations, 1,000,000 runs; the
 * export, whose one operation reads the whole database, 1 warm-up and 3 operations per fork),
 * {@code --verify} (every operation on every implementation against a small database, results
 * compared), {@code --only REGEX} (benchmark methods), {@code --runs N}, {@code --data DIR},
 * {@code --results FILE}. Prints a markdown table with the ratios and the targets per engine.
 *
 * <p>{@code --engine sqlite|postgres|both} picks the engines (default: SQLite; {@code --verify}
 * alone checks both). PostgreSQL runs on an embedded PostgreSQL 17 server that the launcher starts
 * and stops, or on the server that {@code --pg-url jdbc:postgresql://host:port/db} names (user and
 * password from {@code PGUSER} and {@code PGPASSWORD}); its settings are read with {@code SHOW} and
 * printed, and its suite adds {@link ConcurrentWriters}.
 */
public final class BenchMain {
  private static final List<String> IMPLS = List.of("generated", "jdbc", "jdbi");

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    boolean full = false;
    boolean verify = false;
    String only = null;
    Long runs = null;
    long seed = 42;
    Path base = Files.isDirectory(Path.of("example", "target")) ? Path.of("example", "target") : Path.of("target");
    Path data = base.resolve("bench-data");
    Path results = base.resolve("bench-results.json");
    String engine = null;
    String pgUrl = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--engine" -> engine = args[++i];
        case "--pg-url" -> pgUrl = args[++i];
        case "--short" -> full = false;
        case "--full" -> full = true;
        case "--verify" -> verify = true;
        case "--only" -> only = args[++i];
        case "--runs" -> runs = Long.parseLong(args[++i].replace("_", "").replace(",", ""));
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--data" -> data = Path.of(args[++i]);
        case "--results" -> results = Path.of(args[++i]);
        case "--help", "-h" -> {
          System.out.println("usage: java -jar benchmarks.jar [--short|--full] [--verify] [--only REGEX]"
              + " [--runs N] [--seed N] [--data DIR] [--results FILE] [--engine sqlite|postgres|both]"
              + " [--pg-url jdbc:postgresql://HOST:PORT/DB (user, password: PGUSER, PGPASSWORD)]");
          return;
        }
        default -> {
          System.err.println("unknown option " + args[i] + "; try --help");
          System.exit(2);
        }
      }
    }
    data = data.toAbsolutePath();
    System.setProperty("gao.bench.data", data.toString());
    System.setProperty("gao.bench.seed", Long.toString(seed));
    List<String> engines = engine == null
        ? (verify ? BenchDatabases.ENGINES : List.of("sqlite"))
        : engine.equals("both") ? BenchDatabases.ENGINES : List.of(engine);
    if (!BenchDatabases.ENGINES.containsAll(engines)) {
      System.err.println("unknown engine " + engine + "; one of sqlite, postgres, both");
      System.exit(2);
    }
    if (pgUrl != null && !pgUrl.startsWith("jdbc:postgresql://")) {
      System.err.println("--pg-url must look like jdbc:postgresql://HOST:PORT/DATABASE, not " + pgUrl);
      System.exit(2);
    }
    BenchServer server = engines.contains("postgres") ? BenchServer.start(pgUrl) : null;
    int status;
    try {
      status = verify ? verify(engines) : measure(engines, full, only, runs, data, seed, results);
    } finally {
      if (server != null) {
        server.close();
      }
    }
    System.exit(status);
  }

  private static int verify(List<String> engines) throws Exception {
    boolean ok = true;
    for (String engine : engines) {
      ok &= verify(BenchDatabases.of(engine));
    }
    return ok ? 0 : 1;
  }

  private static int measure(List<String> engines, boolean full, String only, Long runs, Path data, long seed,
      Path results) throws Exception {
    long size = runs != null ? runs : full ? 1_000_000L : 100_000L;
    System.setProperty("gao.bench.runs", Long.toString(size));
    Files.createDirectories(results.toAbsolutePath().getParent());
    List<String> tables = new ArrayList<>();
    for (String engine : engines) {
      long started = System.nanoTime();
      BenchDatabases databases = BenchDatabases.of(engine);
      databases.base();
      databases.large();
      List<String> chosen = benchmarks(only, engine);
      if (chosen.isEmpty()) {
        System.err.println("no benchmark matches " + only);
        return 2;
      }
      // SQLite's results keep their file names; PostgreSQL's have "-postgres" added.
      Path engineResults = engine.equals("sqlite") ? results.toAbsolutePath() : sibling(results, "-postgres");
      List<String> rest = chosen.stream().filter(name -> !name.equals(EXPORT)).toList();
      boolean export = chosen.contains(EXPORT);
      Collection<RunResult> outcome = new ArrayList<>();
      List<Path> written = new ArrayList<>();
      if (!full) {
        Path json = engineResults;
        outcome.addAll(run(options(engine, chosen, data, size, seed, json).forks(1).warmupIterations(2).measurementIterations(3)));
        written.add(json);
      } else {
        // One export operation reads the whole database (about 30 s at 1,000,000 runs): it gets one
        // warm-up and three measured operations per fork instead of five and ten, so that the full
        // suite ends in well under an hour.
        if (!rest.isEmpty()) {
          Path json = sibling(engineResults, "");
          outcome.addAll(run(options(engine, rest, data, size, seed, json).forks(2).warmupIterations(5).measurementIterations(10)));
          written.add(json);
        }
        if (export) {
          Path json = sibling(engineResults, "-export");
          outcome.addAll(run(options(engine, List.of(EXPORT), data, size, seed, json).forks(2).warmupIterations(1).measurementIterations(3)));
          written.add(json);
        }
      }
      tables.add(String.format("%s%n%s%nJMH JSON: %s; wall time %.1f s%n", engine.equals("sqlite") ? "SQLite" : "PostgreSQL",
          table(outcome, size), written.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(", ")),
          (System.nanoTime() - started) / 1e9));
    }
    System.out.println();
    tables.forEach(System.out::println);
    if (engines.contains("postgres")) {
      System.out.println(BenchServer.describe());
    }
    return 0;
  }

  private static final String EXPORT = "exportStream1M";

  /**
   * The benchmark methods of an engine whose names match {@code only} (all when null), in name
   * order: PostgreSQL's add the concurrent writers.
   */
  private static List<String> benchmarks(String only, String engine) {
    List<Class<?>> classes = engine.equals("postgres")
        ? List.of(RunsBenchmarks.class, ConcurrentWriters.class)
        : List.of(RunsBenchmarks.class);
    return classes.stream()
        .flatMap(type -> java.util.Arrays.stream(type.getMethods()))
        .filter(m -> m.isAnnotationPresent(org.openjdk.jmh.annotations.Benchmark.class))
        .map(java.lang.reflect.Method::getName)
        .filter(name -> only == null || name.matches(only))
        .sorted()
        .toList();
  }

  private static Path sibling(Path results, String suffix) {
    Path absolute = results.toAbsolutePath();
    String name = absolute.getFileName().toString();
    String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    return absolute.resolveSibling(stem + suffix + ".json");
  }

  private static Collection<RunResult> run(ChainedOptionsBuilder options) throws Exception {
    return new Runner(options.build()).run();
  }

  private static ChainedOptionsBuilder options(
      String engine, List<String> benchmarks, Path data, long size, long seed, Path json) {
    List<String> jvmArgs = new ArrayList<>(List.of(
        "-Dgao.bench.data=" + data, "-Dgao.bench.runs=" + size, "-Dgao.bench.seed=" + seed));
    // The forks reach the server the launcher uses; the password, if any, stays in the environment.
    for (String property : List.of(PostgresDatabases.URL_PROPERTY, PostgresDatabases.USER_PROPERTY)) {
      if (System.getProperty(property) != null) {
        jvmArgs.add("-D" + property + "=" + System.getProperty(property));
      }
    }
    return new OptionsBuilder()
        .include(RunsBenchmarks.class.getPackageName() + "\\.(RunsBenchmarks|ConcurrentWriters)\\.("
            + String.join("|", benchmarks) + ")$")
        .param("engine", engine)
        .jvmArgsPrepend(jvmArgs.toArray(String[]::new))
        .warmupTime(TimeValue.seconds(1))
        .measurementTime(TimeValue.seconds(1))
        .resultFormat(ResultFormatType.JSON)
        .result(json.toString());
  }

  // ------------------------------------------------------------------ table

  private enum Kind { INSERT, LOOKUP, SCAN, OPEN }

  private static Kind kind(String op) {
    return switch (op) {
      case "recordOneRun", "recordBatch10k", "record8Writers" -> Kind.INSERT;
      case "lookupRunById", "lookupPerformanceByRunId", "readWholeRun" -> Kind.LOOKUP;
      case "openUpToDate" -> Kind.OPEN;
      default -> Kind.SCAN;
    };
  }

  /** Seconds per operation, whatever the mode. */
  private static double seconds(Result<?> r) {
    double score = r.getScore();
    String unit = r.getScoreUnit();
    double perUnit = unit.startsWith("ns") ? 1e-9 : unit.startsWith("us") ? 1e-6 : unit.startsWith("ms") ? 1e-3 : 1;
    if (unit.startsWith("ops/")) {
      String per = unit.substring(4);
      double s = per.equals("ns") ? 1e-9 : per.equals("us") ? 1e-6 : per.equals("ms") ? 1e-3 : 1;
      return s / score;
    }
    return score * perUnit;
  }

  static String table(Collection<RunResult> outcome, long size) {
    Map<String, Map<String, RunResult>> byOp = new TreeMap<>();
    for (RunResult r : outcome) {
      String name = r.getParams().getBenchmark();
      String op = name.substring(name.lastIndexOf('.') + 1);
      byOp.computeIfAbsent(op, k -> new LinkedHashMap<>()).put(r.getParams().getParam("impl"), r);
    }
    StringBuilder out = new StringBuilder();
    out.append(String.format("Database: %,d runs. Ratios > 1 mean the generated code is faster.%n%n", size));
    out.append("| operation | generated | jdbc | jdbi | generated/jdbc | generated/jdbi | targets | median (generated) |\n");
    out.append("|---|---|---|---|---|---|---|---|\n");
    for (var e : byOp.entrySet()) {
      String op = e.getKey();
      Map<String, RunResult> m = e.getValue();
      out.append("| ").append(op);
      for (String impl : IMPLS) {
        RunResult r = m.get(impl);
        out.append(" | ").append(r == null ? "-" : String.format("%.3f %s", r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreUnit()));
      }
      Double vsJdbc = ratio(m, "jdbc");
      Double vsJdbi = ratio(m, "jdbi");
      out.append(" | ").append(vsJdbc == null ? "-" : String.format("%.2fx", vsJdbc));
      out.append(" | ").append(vsJdbi == null ? "-" : String.format("%.2fx", vsJdbi));
      List<String> targets = new ArrayList<>();
      Kind kind = kind(op);
      if (kind == Kind.OPEN) {
        if (vsJdbc != null) {
          targets.add((1 / vsJdbc < 2 ? "met" : "MISSED") + String.format(": open < 2x bare (%.2fx)", 1 / vsJdbc));
        }
      } else {
        if (vsJdbc != null) {
          targets.add((vsJdbc >= 0.95 ? "met" : "MISSED") + ": >= 0.95x jdbc");
        }
        double need = kind == Kind.LOOKUP ? 4.0 : 1.3;
        if (vsJdbi != null) {
          targets.add((vsJdbi >= need ? "met" : "MISSED") + String.format(": >= %.1fx jdbi", need));
        }
      }
      out.append(" | ").append(String.join("; ", targets));
      RunResult g = m.get("generated");
      String median = "-";
      if (g != null && g.getParams().getMode() == org.openjdk.jmh.annotations.Mode.SampleTime) {
        Result<?> primary = g.getPrimaryResult();
        double p50 = primary.getStatistics().getPercentile(50);
        double ms = seconds(primary) / primary.getScore() * p50 * 1e3;
        median = String.format("%.3f ms (%s 10 ms)", ms, ms < 10 ? "<" : ">=");
      }
      out.append(" | ").append(median).append(" |\n");
    }
    return out.toString();
  }

  /** How many times faster the generated code is than {@code other}. */
  private static Double ratio(Map<String, RunResult> m, String other) {
    RunResult g = m.get("generated");
    RunResult o = m.get(other);
    if (g == null || o == null) {
      return null;
    }
    return seconds(o.getPrimaryResult()) / seconds(g.getPrimaryResult());
  }

  // ------------------------------------------------------------------ verify

  private static int failures;

  private static void check(boolean ok, String what) {
    if (!ok) {
      failures++;
      System.out.println("FAIL " + what);
    }
  }

  private static boolean close(Double a, Double b) {
    if (a == null || b == null) {
      return a == b;
    }
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
  }

  private static boolean sameStats(List<Stat> a, List<Stat> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      Stat x = a.get(i);
      Stat y = b.get(i);
      if (!x.benchmarkName().equals(y.benchmarkName()) || !x.version().equals(y.version())
          || x.runs() != y.runs() || x.count() != y.count()
          || !close(x.mean(), y.mean()) || !close(x.min(), y.min()) || !close(x.max(), y.max())
          || !close(x.stddev(), y.stddev()) || !close(x.median(), y.median())
          || !close(x.p95(), y.p95()) || !close(x.failureRate(), y.failureRate())) {
        System.out.println("  " + x + "\n  " + y);
        return false;
      }
    }
    return true;
  }

  private static boolean sameTrend(List<TrendRow> a, List<TrendRow> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      TrendRow x = a.get(i);
      TrendRow y = b.get(i);
      if (!x.runId().equals(y.runId()) || !x.time().equals(y.time()) || !close(x.value(), y.value())
          || !close(x.movingAverage(), y.movingAverage())) {
        System.out.println("  " + x + "\n  " + y);
        return false;
      }
    }
    return true;
  }

  /** The run without what the database assigns: row ids and a stamped created_at. */
  private static CompleteRun stripped(CompleteRun run) {
    CompleteRun fresh = Runs.withId(run, run.runId());
    BenchmarkRun r = fresh.run();
    return Runs.normalized(new CompleteRun(
        new BenchmarkRun(r.runId(), r.timestamp(), r.projectName(), r.benchmarkName(), r.version(),
            r.metadata(), null, r.status(), r.finishedAt()),
        fresh.performance(), fresh.autonomy(), fresh.quality(), fresh.workflow(), fresh.tokenUsage()));
  }

  /** An order-independent digest of an export. */
  private static final class Digest {
    long runs;
    long tokens;
    long hash;

    void add(CompleteRun run) {
      runs++;
      tokens += run.tokenUsage().size();
      hash += Runs.normalized(run).hashCode() * 0x9E3779B97F4A7C15L;
    }

    @Override
    public String toString() {
      return runs + " runs, " + tokens + " token rows, digest " + Long.toHexString(hash);
    }
  }

  static boolean verify(BenchDatabases databases) throws Exception {
    int failuresBefore = failures;
    String source = databases.database(2_000, 7);
    String[] ids = databases.sampleIds(source, 64, 3);
    Map<String, String> files = new LinkedHashMap<>();
    Map<String, RunOps> ops = new LinkedHashMap<>();
    for (String impl : IMPLS) {
      files.put(impl, databases.copy(source, "verify-" + impl));
      ops.put(impl, databases.open(impl, files.get(impl)));
    }
    try {
      RunOps g = ops.get("generated");
      for (String impl : IMPLS.subList(1, 3)) {
        RunOps o = ops.get(impl);
        for (String id : ids) {
          check(g.runById(id).equals(o.runById(id)), impl + " runById " + id);
          check(g.performanceByRunId(id).equals(o.performanceByRunId(id)), impl + " performanceByRunId " + id);
          check(g.wholeRun(id).map(Runs::normalized).equals(o.wholeRun(id).map(Runs::normalized)), impl + " wholeRun " + id);
        }
        check(o.runById("no-such-run").isEmpty() && o.wholeRun("no-such-run").isEmpty(), impl + " unknown id");
        for (String project : LargeDatabase.PROJECTS) {
          List<BenchmarkRun> latest = o.latest(project, 20);
          check(latest.size() == 20 && g.latest(project, 20).equals(latest), impl + " latest " + project);
        }
        List<Stat> stats = o.stats();
        check(stats.size() == LargeDatabase.BENCHMARKS.size() * LargeDatabase.VERSIONS.size()
            && stats.stream().mapToLong(Stat::runs).sum() == 2_000 && sameStats(g.stats(), stats), impl + " stats");
        for (String benchmark : LargeDatabase.BENCHMARKS) {
          List<TrendRow> trend = o.trend(benchmark, 30, 5);
          check(trend.size() == 30 && sameTrend(g.trend(benchmark, 30, 5), trend), impl + " trend " + benchmark);
        }
        Digest dg = new Digest();
        Digest doo = new Digest();
        long ng = g.export(dg::add);
        long no = o.export(doo::add);
        check(ng == 2_000 && no == ng && dg.toString().equals(doo.toString()),
            impl + " export: generated " + dg + ", " + impl + " " + doo);
      }
      // Writes: the same runs through each implementation, read back by each and by the generated code.
      RunsBenchmarks.Fresh template = new RunsBenchmarks.Fresh();
      CompleteRun one = template.next();
      List<CompleteRun> many = new ArrayList<>();
      for (int i = 0; i < 1_200; i++) {
        many.add(template.next());
      }
      Map<String, Optional<CompleteRun>> back = new LinkedHashMap<>();
      for (String impl : IMPLS) {
        RunOps o = ops.get(impl);
        o.recordOne(one);
        for (int from = 0; from < many.size(); from += RunsBenchmarks.BATCH) {
          o.recordBatch(many.subList(from, Math.min(many.size(), from + RunsBenchmarks.BATCH)));
        }
        Optional<CompleteRun> read = o.wholeRun(one.runId());
        check(read.map(BenchMain::stripped).equals(Optional.of(stripped(one))), impl + " recordOne read back");
        for (CompleteRun run : List.of(many.get(0), many.get(777), many.get(1_199))) {
          check(o.wholeRun(run.runId()).map(BenchMain::stripped).equals(Optional.of(stripped(run))),
              impl + " recordBatch read back " + run.runId());
        }
        back.put(impl, read.map(r -> new CompleteRun(
            new BenchmarkRun(r.run().runId(), r.run().timestamp(), r.run().projectName(), r.run().benchmarkName(),
                r.run().version(), r.run().metadata(), null, r.run().status(), r.run().finishedAt()),
            r.performance(), r.autonomy(), r.quality(), r.workflow(), r.tokenUsage())).map(Runs::normalized));
      }
      check(back.get("generated").equals(back.get("jdbc")) && back.get("generated").equals(back.get("jdbi")),
          "recorded run (with its assigned row ids) differs between implementations");
      Map<String, String> counts = new LinkedHashMap<>();
      for (String impl : IMPLS) {
        Digest d = new Digest();
        ops.get(impl).export(d::add);
        counts.put(impl, d.runs + " runs, " + d.tokens + " token rows");
      }
      check(counts.values().stream().distinct().count() == 1, "row counts after writes: " + counts);
      System.out.println(databases.engine() + " after writes: " + counts);
      for (String impl : IMPLS) {
        ops.get(impl).close();
        databases.openAndClose(impl, files.get(impl));
      }
      ops.clear();
    } finally {
      ops.values().forEach(RunOps::close);
      files.values().forEach(databases::delete);
    }
    int found = failures - failuresBefore;
    System.out.println(found == 0
        ? "verify " + databases.engine() + ": PASS (3 implementations, every operation, same results)"
        : "verify " + databases.engine() + ": FAIL (" + found + " mismatches)");
    return found == 0;
  }
}
