package test.metrics;

import dev.gao.metrics.annotations.Column;
import dev.gao.metrics.annotations.Index;
import dev.gao.metrics.annotations.Json;
import dev.gao.metrics.annotations.MetricsTable;
import dev.gao.metrics.annotations.Nullable;
import dev.gao.metrics.annotations.PrimaryKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** One run. */
@MetricsTable(
    name = "runs",
    indexes = {
      @Index(name = "idx_runs_token", columns = "token", unique = true),
      @Index(columns = {"project_name", "started_at"}),
      @Index(name = "idx_runs_project_status", columns = {"project_name", "status"}, unique = true)
    })
public record Run(
    @PrimaryKey String runId,
    Instant startedAt,
    String projectName,
    @Column(defaultValue = "'1.0.0'") String version,
    @Nullable @Json Map<String, Object> metadata,
    @Nullable @Column(name = "created", defaultValue = "CURRENT_TIMESTAMP") Instant createdAt,
    Status status,
    UUID token,
    BigDecimal cost,
    byte @test.annotations.Nullable [] payload,
    @Column(defaultValue = "CURRENT_DATE") LocalDate day,
    @Nullable LocalDateTime localTime,
    OffsetDateTime offsetTime,
    boolean passed,
    @Nullable @Column(defaultValue = "1") Boolean flagged,
    String apiURL) {}
