package dev.gao.metrics.example.cli;

/**
 * A command declined to act because acting would destroy or mix up data: an output path that is a
 * database or a folder, an existing file without {@code --force}, a demo into a database of real
 * runs. Nothing was changed. The command line prints the message as one line and exits with 2,
 * the code of a usage error: the fix is another path or an explicit option.
 */
final class RefusedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the refusal.
   *
   * @param message one line naming the file and what to do instead
   */
  RefusedException(String message) {
    super(message);
  }
}
