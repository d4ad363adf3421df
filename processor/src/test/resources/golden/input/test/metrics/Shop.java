package test.metrics;

import dev.gao.metrics.annotations.MetricsSchema;

/** The test schema. */
@MetricsSchema(version = 2, tables = {Run.class, Sample.class, Tag.class})
public interface Shop {}
