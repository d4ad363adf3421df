package dev.gao.metrics.example.reliability;

import dev.gao.metrics.example.CompleteRun;
import dev.gao.metrics.example.DemoRuns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The runs one writer records, in order. Equal seeds give equal sequences, so a checker can
 * regenerate exactly what a writer in another process recorded (or was killed recording) and
 * compare every stored value with it.
 */
final class RunSequence {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final DemoRuns demo;
  private final List<CompleteRun> generated = new ArrayList<>();

  RunSequence(long seed) {
    this.demo = new DemoRuns(seed, START);
  }

  /** The run at a position; the projects, benchmarks and versions cycle so that all are used. */
  CompleteRun get(int index) {
    while (generated.size() <= index) {
      int next = generated.size();
      generated.add(
          demo.next(
              DemoRuns.PROJECTS.get(next % DemoRuns.PROJECTS.size()),
              DemoRuns.BENCHMARKS.get(next / 3 % DemoRuns.BENCHMARKS.size()),
              DemoRuns.VERSIONS.get(next / 6 % DemoRuns.VERSIONS.size())));
    }
    return generated.get(index);
  }

  /** The runs at positions {@code from} to {@code from + count - 1}. */
  List<CompleteRun> range(int from, int count) {
    List<CompleteRun> runs = new ArrayList<>(count);
    for (int i = from; i < from + count; i++) {
      runs.add(get(i));
    }
    return runs;
  }
}
