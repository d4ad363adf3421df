package dev.gao.metrics.example.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * libpq's password file: {@code $PGPASSFILE}, else {@code ~/.pgpass}, with lines {@code
 * host:port:database:user:password}, where {@code *} matches anything, {@code \:} and {@code \\}
 * escape, and the first matching line wins. As libpq does, a file that its group or others may
 * read is ignored with a warning. The password is only returned, never printed.
 */
final class PasswordFile {
  private PasswordFile() {}

  /** The permission bits libpq refuses on a password file. */
  private static final Set<PosixFilePermission> TOO_OPEN =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  /**
   * The password of the first line that matches the connection, if the file has one.
   *
   * @param environment where {@code PGPASSFILE} and {@code HOME} are looked up
   * @param host the server's host
   * @param port its port
   * @param database the database
   * @param user the user
   * @param warnings told when the file is ignored, and why
   * @return the password, or null
   */
  static String lookup(
      Map<String, String> environment,
      String host,
      int port,
      String database,
      String user,
      Consumer<String> warnings) {
    Path file = file(environment);
    if (file == null || !Files.isRegularFile(file)) {
      return null;
    }
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (permissions.stream().anyMatch(TOO_OPEN::contains)) {
        warnings.accept(
            "password file " + file + " is ignored: its group or others may access it; make it"
                + " private with 'chmod 600 " + file + "'");
        return null;
      }
    } catch (UnsupportedOperationException e) {
      // No POSIX permissions on this file system (Windows): libpq does not check there either.
    } catch (IOException e) {
      warnings.accept("password file " + file + " is ignored: its permissions cannot be read");
      return null;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      warnings.accept("password file " + file + " is ignored: it cannot be read");
      return null;
    }
    String[] wanted = {host, Integer.toString(port), database, user};
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      List<String> fields = fields(line);
      if (fields.size() < 5) {
        continue;
      }
      if (matches(fields, wanted)) {
        return fields.get(4);
      }
    }
    return null;
  }

  private static Path file(Map<String, String> environment) {
    String named = environment.get("PGPASSFILE");
    if (named != null && !named.isBlank()) {
      return Path.of(named);
    }
    String home = environment.get("HOME");
    if (home == null || home.isBlank()) {
      home = System.getProperty("user.home");
    }
    return home == null ? null : Path.of(home, ".pgpass");
  }

  private static boolean matches(List<String> fields, String[] wanted) {
    for (int i = 0; i < wanted.length; i++) {
      String field = fields.get(i);
      if (!field.equals("*") && !field.equals(wanted[i])) {
        return false;
      }
    }
    return true;
  }

  /** The five fields of a line; the last one takes the rest of the line, colons included. */
  private static List<String> fields(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        field.append(line.charAt(++i));
      } else if (c == ':' && fields.size() < 4) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
