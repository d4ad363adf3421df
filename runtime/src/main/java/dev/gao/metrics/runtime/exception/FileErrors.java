package dev.gao.metrics.runtime.exception;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * Input/output failures in plain words, for messages people read: the JDK's exceptions name the
 * file in their message and say what went wrong only in their class name ({@code
 * AccessDeniedException: /a/b}), which means nothing to someone who is not a Java programmer.
 */
public final class FileErrors {
  private FileErrors() {}

  /**
   * What went wrong, without the exception's class name or the file.
   *
   * @param e the failure
   * @return a lower-case phrase such as {@code permission denied} or {@code a file or folder on
   *     the path does not exist}
   */
  public static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "a file or folder on the path does not exist";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NotDirectoryException) {
      return "a part of the path is a file, not a folder";
    }
    if (e instanceof DirectoryNotEmptyException) {
      return "it is a folder that is not empty";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "it already exists";
    }
    if (e instanceof FileSystemLoopException) {
      return "its symbolic links form a loop";
    }
    if (e instanceof CharacterCodingException) {
      return "the text is not valid UTF-8";
    }
    if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
      return fileSystem.getReason().toLowerCase(Locale.ROOT);
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? "an input/output error" : message;
  }

  /**
   * The failure in one line, naming the file it concerns where the exception knows it: {@code
   * /a/b: permission denied}.
   *
   * @param e the failure
   * @return the file (when known), a colon and {@link #reason}
   */
  public static String describe(IOException e) {
    String file = e instanceof FileSystemException fileSystem ? fileSystem.getFile() : null;
    return file == null ? reason(e) : file + ": " + reason(e);
  }
}
