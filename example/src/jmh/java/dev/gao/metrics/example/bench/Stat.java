package dev.gao.metrics.example.bench;

/**
 * Statistics of one metric over the runs of one benchmark and version.
 *
 * @param benchmarkName the benchmark
 * @param version the benchmark version
 * @param runs runs in the group
 * @param count runs with a value
 * @param mean mean
 * @param min smallest value
 * @param max largest value
 * @param stddev sample standard deviation
 * @param median median
 * @param p95 nearest-rank 95th percentile
 * @param failureRate share of failed runs
 */
public record Stat(
    String benchmarkName,
    String version,
    long runs,
    long count,
    Double mean,
    Double min,
    Double max,
    Double stddev,
    Double median,
    Double p95,
    Double failureRate) {}
