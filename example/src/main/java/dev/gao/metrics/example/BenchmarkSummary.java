package dev.gao.metrics.example;

/**
 * Aggregates of one benchmark at one version, computed in SQL by {@link GaoQueries#summaries()}.
 *
 * @param benchmarkName the benchmark
 * @param version the benchmark's version
 * @param runs how many runs
 * @param completed how many of them completed
 * @param meanTimeSeconds mean wall time, in seconds
 * @param meanTokens mean tokens used
 * @param meanCostUsd mean API cost, in USD
 * @param meanCoveragePercentage mean line coverage of the produced code, in percent
 */
public record BenchmarkSummary(
    String benchmarkName,
    String version,
    long runs,
    long completed,
    double meanTimeSeconds,
    double meanTokens,
    double meanCostUsd,
    double meanCoveragePercentage) {}
