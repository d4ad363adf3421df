package dev.gao.metrics.processor.model;

/**
 * One argument of the constructor a result row is built with: a value read from one result column,
 * or the row of an embedded table read from several.
 */
public sealed interface RowArgument permits ResultValue, EmbeddedRow {}
