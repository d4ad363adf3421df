package dev.gao.metrics.processor.model;

/**
 * The {@code @Metric} declaration of a numeric column, or of a {@code @Json} map from String to
 * numbers, where it describes each value of the map and never has a range.
 *
 * @param unit the unit, empty when the values have none
 * @param better the name of the better direction: {@code LOWER}, {@code HIGHER} or {@code NONE}
 * @param min the smallest valid value, {@link Double#NEGATIVE_INFINITY} for none
 * @param max the largest valid value, {@link Double#POSITIVE_INFINITY} for none
 */
public record MetricModel(String unit, String better, double min, double max) {}
