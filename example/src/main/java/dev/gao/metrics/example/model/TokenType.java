package dev.gao.metrics.example.model;

/** The kinds of tokens a model bills separately. Stored by name, as GAO-Dev's price tables name them. */
public enum TokenType {
  /** Prompt tokens read by the model. */
  input,
  /** Tokens the model generated. */
  output,
  /** Prompt tokens served from the model's cache. */
  cache_read,
  /** Prompt tokens written into the model's cache. */
  cache_write
}
