package dev.gao.metrics.example.bench;

import java.time.Instant;

/**
 * One point of a per-run trend.
 *
 * @param runId the run
 * @param time the run's time
 * @param value the run's value
 * @param movingAverage the trailing moving average, or null while the window is not full
 */
public record TrendRow(String runId, Instant time, double value, Double movingAverage) {}
