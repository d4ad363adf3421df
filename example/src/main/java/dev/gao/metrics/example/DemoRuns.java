package dev.gao.metrics.example;

import dev.gao.metrics.example.model.AutonomyMetrics;
import dev.gao.metrics.example.model.BenchmarkRun;
import dev.gao.metrics.example.model.PerformanceMetrics;
import dev.gao.metrics.example.model.QualityMetrics;
import dev.gao.metrics.example.model.RunStatus;
import dev.gao.metrics.example.model.TokenType;
import dev.gao.metrics.example.model.TokenUsage;
import dev.gao.metrics.example.model.WorkflowMetrics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Realistic GAO-Dev benchmark runs for the demo and the tests: several projects, benchmarks and
 * benchmark versions, repeated runs with 5-15% noise, some failed and timed-out runs, and metadata
 * with unicode and quotes. Ranges follow GAO-Dev's own targets. The same seed gives the same runs.
 * Every run's metadata carries {@link #MARKER}{@code : true}, which tells demo runs from real ones.
 *
 * <p>A {@link #matrix matrix} ends with a deliberate regression, so that {@code gao-metrics
 * regressions} has something real to find: its last series (the last project, benchmark and
 * version: weather-dashboard, bugfix-suite, 1.1.0) never fails, and its last run, the newest of the
 * matrix, takes {@value #REGRESSION_FACTOR} times the time, tokens, API calls and cost its version
 * would. With 6 or more repeats that run has at least 5 comparable completed runs before it.
 *
 * <p>A matrix also holds a sustained shift, so that {@code gao-metrics changes} has one to find:
 * the series todo-app, bugfix-suite, 1.1.0 has {@value #SHIFTED_LENGTH} times as many runs as the
 * others, and from the middle one on its runs take {@value #SHIFT_FACTOR} times the time, tokens,
 * API calls and cost. Every other series keeps one level.
 */
public final class DemoRuns {
  /** Projects the demo agents build. */
  public static final List<String> PROJECTS = List.of("todo-app", "invoice-api", "weather-dashboard");

  /** Benchmarks the demo runs. */
  public static final List<String> BENCHMARKS = List.of("greenfield-webapp", "bugfix-suite");

  /** Benchmark versions; the later one is about 10% faster and cheaper. */
  public static final List<String> VERSIONS = List.of("1.0.0", "1.1.0");

  private static final List<String> AGENTS =
      List.of("brian", "mary", "john", "winston", "sally", "bob", "amelia", "murat");
  private static final List<String> PHASES =
      List.of("analysis", "planning", "solutioning", "implementation");
  private static final List<String> INTERVENTIONS =
      List.of("clarification", "error_fix", "direction_change", "blocked", "user_correction");

  /** The price table the demo's costs are computed with. */
  public static final String PRICE_TABLE_VERSION = "2026-10";

  /** Models, the share of a run's tokens each uses, and USD per million tokens of each type. */
  private static final List<String> MODELS = List.of("claude-sonnet-4.5", "claude-haiku-4.5");
  private static final double[] MODEL_SHARES = {0.85, 0.15};
  private static final double[][] PRICES = {{3.0, 15.0, 0.30, 3.75}, {1.0, 5.0, 0.10, 1.25}};
  private static final double[] TYPE_SHARES = {0.55, 0.15, 0.25, 0.05};

  /**
   * The metadata key, set to {@code true}, that marks every run made here as a demo run: {@code
   * gao-metrics demo} refuses a database holding runs without it, and {@code gao-metrics delete
   * --demo} deletes the runs with it. Named for this tool so that no collector's own metadata (a
   * {@code "demo"} flag of its own, say) is taken for it.
   */
  public static final String MARKER = "gao_metrics_demo";

  /** How much slower and costlier the last run of a matrix is than its series: 40%. */
  public static final double REGRESSION_FACTOR = 1.4;

  /** How much slower and costlier the second half of the shifted series is: 25%. */
  public static final double SHIFT_FACTOR = 1.25;

  /** How many times as many runs as the others the shifted series has. */
  public static final int SHIFTED_LENGTH = 4;

  /** The series with the sustained shift: project, benchmark and version. */
  public static final List<String> SHIFTED_SERIES = List.of("todo-app", "bugfix-suite", "1.1.0");

  private final Random random;
  private Instant clock;

  /**
   * Creates a generator.
   *
   * @param seed the random seed; equal seeds give equal runs
   * @param start the start time of the first run, kept to the microsecond (as both engines keep
   *     time); later runs start later
   */
  public DemoRuns(long seed, Instant start) {
    this.random = new Random(seed);
    this.clock = start.truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * Runs of every project, benchmark and version, {@code repeats} of each ({@value
   * #SHIFTED_LENGTH} times as many of the shifted series), in that order. The last series never
   * fails and its last run is a regression; the shifted series' second half is slower and
   * costlier (see the class description).
   *
   * @param repeats runs per project, benchmark and version
   * @return the runs, in start order
   */
  public List<CompleteRun> matrix(int repeats) {
    List<CompleteRun> runs = new ArrayList<>();
    for (String project : PROJECTS) {
      for (String benchmark : BENCHMARKS) {
        for (String version : VERSIONS) {
          boolean lastSeries =
              project.equals(PROJECTS.get(PROJECTS.size() - 1))
                  && benchmark.equals(BENCHMARKS.get(BENCHMARKS.size() - 1))
                  && version.equals(VERSIONS.get(VERSIONS.size() - 1));
          boolean shifted = List.of(project, benchmark, version).equals(SHIFTED_SERIES);
          int length = shifted ? SHIFTED_LENGTH * repeats : repeats;
          for (int i = 0; i < length; i++) {
            double factor =
                lastSeries && i == repeats - 1
                    ? REGRESSION_FACTOR
                    : shifted && i >= length / 2 ? SHIFT_FACTOR : 1.0;
            runs.add(next(project, benchmark, version, !lastSeries, factor));
          }
        }
      }
    }
    return runs;
  }

  /**
   * The next run of one project, benchmark and version.
   *
   * @param project the project name
   * @param benchmark the benchmark name
   * @param version the benchmark version
   * @return a complete run with a fresh random id
   */
  public CompleteRun next(String project, String benchmark, String version) {
    return next(project, benchmark, version, true, 1.0);
  }

  /**
   * The next run, which may be kept from failing and made slower and costlier. The random numbers
   * drawn are the same as for an ordinary run up to the status.
   *
   * @param mayFail whether the run may fail or time out
   * @param slowdown the factor on time, tokens and API calls (and so on cost): 1 for an ordinary run
   */
  private CompleteRun next(String project, String benchmark, String version, boolean mayFail, double slowdown) {
    String runId = new UUID(random.nextLong(), random.nextLong()).toString();
    // to the microsecond, as GAO-Dev's Python collectors write times and PostgreSQL keeps them
    int micros = random.nextInt(1_000_000_000) / 1000;
    clock = clock.plus(Duration.ofMinutes(20 + random.nextInt(100))).plus(micros, ChronoUnit.MICROS);
    double outcome = random.nextDouble();
    RunStatus status =
        !mayFail ? RunStatus.completed
            : outcome < 0.08 ? RunStatus.failed : outcome < 0.14 ? RunStatus.timeout : RunStatus.completed;
    boolean finished = status == RunStatus.completed;
    double speedup = (version.equals("1.0.0") ? 1.0 : 0.9) * slowdown;
    double size = benchmark.equals("greenfield-webapp") ? 1.0 : 0.45;

    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("model", "claude-sonnet-4.5");
    metadata.put("prompt_set", "baseline \"v2\" — 'tuned'");
    metadata.put("operator", "Zoë Ørsted");
    metadata.put("status", status.name());
    metadata.put("seed", random.nextInt(10_000));
    metadata.put(MARKER, true);
    double totalTime = status == RunStatus.timeout ? 14_400 : 3_600 * size * speedup * noise();
    Instant finishedAt = clock.plusMillis(Math.round(totalTime * 1000));
    BenchmarkRun run =
        new BenchmarkRun(runId, clock, project, benchmark, version, metadata, null, status, finishedAt);

    Map<String, Double> phaseTimes = split(totalTime, new double[] {0.1, 0.12, 0.18, 0.6});
    long tokens = Math.round(420_000 * size * speedup * noise());
    Map<String, Long> byAgent = splitTokens(tokens);
    int apiCalls = (int) Math.round(80 * size * speedup * noise());
    List<TokenUsage> usage = tokenUsage(runId, tokens);
    double cost = round(usage.stream().mapToDouble(TokenUsage::costUsd).sum(), 4);
    PerformanceMetrics performance =
        new PerformanceMetrics(0, runId, round(totalTime, 3), phaseTimes, tokens, byAgent, apiCalls, cost);

    int interventions = finished ? random.nextInt(3) : 2 + random.nextInt(5);
    List<String> interventionTypes = new ArrayList<>();
    for (int i = 0; i < interventions; i++) {
      interventionTypes.add(INTERVENTIONS.get(random.nextInt(INTERVENTIONS.size())));
    }
    AutonomyMetrics autonomy =
        new AutonomyMetrics(
            0,
            runId,
            interventions,
            interventionTypes,
            1 + random.nextInt(2),
            random.nextInt(finished ? 4 : 9),
            round(clamp((finished ? 0.82 : 0.45) * noise(), 0, 1), 3),
            round(clamp((finished ? 0.8 : 0.4) * noise(), 0, 1), 3),
            (int) Math.round(30 * size * noise()),
            random.nextInt(finished ? 2 : 5));

    int testsWritten = (int) Math.round(140 * size * noise());
    int testsPassing = (int) Math.round(testsWritten * clamp((finished ? 0.93 : 0.7) * noise(), 0, 1));
    Map<String, Integer> lint = new LinkedHashMap<>();
    lint.put("error", random.nextInt(6));
    lint.put("warning", random.nextInt(25));
    lint.put("info", random.nextInt(15));
    Map<String, Integer> security = new LinkedHashMap<>();
    security.put("low", random.nextInt(4));
    security.put("medium", random.nextInt(3));
    security.put("high", random.nextInt(2));
    security.put("critical", 0);
    QualityMetrics quality =
        new QualityMetrics(
            0,
            runId,
            testsWritten,
            testsPassing,
            round(clamp((finished ? 82 : 55) * noise(), 0, 100), 2),
            sum(lint),
            lint,
            random.nextInt(12),
            sum(security),
            security,
            round(clamp((finished ? 94 : 60) * noise(), 0, 100), 2));

    int storiesCreated = (int) Math.round(14 * size * noise()) + 1;
    int storiesCompleted = finished ? storiesCreated : Math.max(0, storiesCreated - 1 - random.nextInt(4));
    Map<String, Double> distribution = new LinkedHashMap<>();
    phaseTimes.forEach((phase, seconds) -> distribution.put(phase, round(100 * seconds / totalTime, 2)));
    WorkflowMetrics workflow =
        new WorkflowMetrics(
            0,
            runId,
            storiesCreated,
            storiesCompleted,
            round(totalTime / storiesCreated * noise(), 1),
            distribution,
            random.nextInt(finished ? 2 : 5));
    return new CompleteRun(run, performance, autonomy, quality, workflow, usage);
  }

  /** Splits a run's tokens over models and token types, priced with {@link #PRICE_TABLE_VERSION}. */
  private static List<TokenUsage> tokenUsage(String runId, long tokens) {
    List<TokenUsage> rows = new ArrayList<>();
    long remaining = tokens;
    TokenType[] types = TokenType.values();
    for (int m = 0; m < MODELS.size(); m++) {
      for (int t = 0; t < types.length; t++) {
        boolean last = m == MODELS.size() - 1 && t == types.length - 1;
        long count = last ? remaining : Math.round(tokens * MODEL_SHARES[m] * TYPE_SHARES[t]);
        remaining -= count;
        double cost = round(count / 1_000_000.0 * PRICES[m][t], 6);
        rows.add(new TokenUsage(0, runId, MODELS.get(m), types[t], count, cost, PRICE_TABLE_VERSION));
      }
    }
    return rows;
  }

  /** A factor between 0.9 and 1.1: the spread of repeated runs. */
  private double noise() {
    return 0.9 + 0.2 * random.nextDouble();
  }

  private Map<String, Double> split(double total, double[] shares) {
    Map<String, Double> parts = new LinkedHashMap<>();
    for (int i = 0; i < PHASES.size(); i++) {
      parts.put(PHASES.get(i), round(total * shares[i], 3));
    }
    return parts;
  }

  private Map<String, Long> splitTokens(long total) {
    Map<String, Long> parts = new LinkedHashMap<>();
    long remaining = total;
    for (int i = 0; i < AGENTS.size(); i++) {
      String agent = AGENTS.get(i);
      long share;
      if (i == AGENTS.size() - 1) {
        share = remaining;
      } else if (agent.equals("amelia")) {
        share = Math.round(total * 0.5);
      } else {
        share = Math.round(total * 0.07 * noise());
      }
      share = Math.min(share, remaining);
      parts.put(agent, share);
      remaining -= share;
    }
    return parts;
  }

  private static int sum(Map<String, Integer> counts) {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  private static double clamp(double value, double min, double max) {
    return Math.max(min, Math.min(max, value));
  }

  private static double round(double value, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }
}
