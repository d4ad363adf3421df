package test.metrics;

import dev.gao.metrics.annotations.MetricsSchema;

/** The test schema. */
@MetricsSchema(version = 1, tables = {Run.class, Sample.class, Tag.class, Quality.class})
public interface Shop {}
