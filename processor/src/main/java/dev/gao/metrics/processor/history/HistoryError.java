package dev.gao.metrics.processor.history;

import dev.gao.metrics.processor.diag.Message;
import java.util.List;

/**
 * A problem with the recorded history of a schema.
 *
 * @param message what is wrong
 * @param arguments the arguments of the message
 */
public record HistoryError(Message message, List<Object> arguments) {
  /** Copies the arguments. */
  public HistoryError {
    arguments = List.copyOf(arguments);
  }

  static HistoryError of(Message message, Object... arguments) {
    return new HistoryError(message, List.of(arguments));
  }
}
