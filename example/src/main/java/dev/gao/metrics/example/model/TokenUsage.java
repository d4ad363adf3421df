package dev.gao.metrics.example.model;

import dev.gao.metrics.annotations.ForeignKey;
import dev.gao.metrics.annotations.Index;
import dev.gao.metrics.annotations.Metric;
import dev.gao.metrics.annotations.MetricsTable;
import dev.gao.metrics.annotations.PrimaryKey;

/**
 * Tokens one run used with one model, of one token type, and what they cost (since schema version 2).
 *
 * @param id row id, assigned by the database when {@code 0}
 * @param runId the run
 * @param model the model's name, for example {@code claude-sonnet-4.5}
 * @param tokenType which kind of tokens
 * @param tokens how many (lower is better)
 * @param costUsd their cost in USD under {@code priceTableVersion} (lower is better)
 * @param priceTableVersion the version of the price table the cost was computed with
 */
@MetricsTable(
    name = "token_usage",
    indexes =
        @Index(
            name = "idx_token_usage_run_model_type",
            columns = {"run_id", "model", "token_type"},
            unique = true))
public record TokenUsage(
    @PrimaryKey(autoGenerate = true) long id,
    @ForeignKey(table = BenchmarkRun.class, onDelete = ForeignKey.Action.CASCADE) String runId,
    String model,
    TokenType tokenType,
    @Metric(unit = "tokens", better = Metric.Better.LOWER, min = 0) long tokens,
    @Metric(unit = "USD", better = Metric.Better.LOWER, min = 0) double costUsd,
    String priceTableVersion) {}
