package test.metrics;

import dev.gao.metrics.annotations.ForeignKey;
import dev.gao.metrics.annotations.Index;
import dev.gao.metrics.annotations.Json;
import dev.gao.metrics.annotations.MetricsTable;
import dev.gao.metrics.annotations.Nullable;
import dev.gao.metrics.annotations.PrimaryKey;
import java.util.List;
import java.util.Map;

/** One measurement of a run; its JSON labels are indexed. */
@MetricsTable(indexes = @Index(columns = "labels"))
public record Sample(
    @PrimaryKey(autoGenerate = true) long id,
    @ForeignKey(table = Run.class, onDelete = ForeignKey.Action.CASCADE) String runId,
    double value,
    @Nullable @Json List<Map<String, Long>> buckets,
    Integer count,
    @Nullable Double ratio,
    short small,
    byte tiny,
    float rough,
    @Nullable Long big,
    @Nullable Short smallBox,
    @Nullable Byte tinyBox,
    @Nullable Float roughBox,
    @Json @test.annotations.Nullable List<String> labels) {}
