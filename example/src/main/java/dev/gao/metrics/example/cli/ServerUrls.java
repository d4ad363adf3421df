package dev.gao.metrics.example.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads the PostgreSQL URLs that {@code --db} accepts into a {@link DatabaseLocation.ServerDatabase}:
 * {@code postgresql://user@host:5432/db?sslmode=require} as libpq and {@code psql} write it (also
 * {@code postgres://}), and the driver's {@code jdbc:postgresql://host:5432/db?...}.
 *
 * <p>What the URL leaves out comes from libpq's environment variables ({@code PGHOST}, {@code
 * PGPORT}, {@code PGDATABASE}, {@code PGUSER}, {@code PGSSLMODE}), else libpq's defaults: host
 * {@code localhost} (the driver has no Unix-domain sockets), port 5432, the operating system's
 * user, a database named like the user. The password comes from the URL, else {@code PGPASSWORD},
 * else the password file ({@link PasswordFile}); it is never part of the URL handed to the driver
 * or of any printed name.
 */
final class ServerUrls {
  private ServerUrls() {}

  /** A URL's scheme, as in {@code mysql://}: anything else with one is refused, not taken for a path. */
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*", Pattern.DOTALL);

  /** The {@code sslmode} values libpq and the driver share. */
  private static final List<String> SSL_MODES =
      List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

  /** libpq's {@code target_session_attrs} values, as the driver's {@code targetServerType}. */
  private static final Map<String, String> SESSION_TARGETS =
      Map.of(
          "any", "any",
          "read-write", "primary",
          "primary", "primary",
          "read-only", "secondary",
          "standby", "secondary",
          "prefer-standby", "preferSecondary");

  /** libpq's URL parameters that pass through, by the driver's name for each. */
  private static final Map<String, String> PASSED_THROUGH = passedThrough();

  private static Map<String, String> passedThrough() {
    Map<String, String> names = new LinkedHashMap<>();
    names.put("sslmode", "sslmode");
    names.put("sslrootcert", "sslrootcert");
    names.put("sslcert", "sslcert");
    names.put("sslkey", "sslkey");
    names.put("application_name", "ApplicationName");
    names.put("connect_timeout", "connectTimeout");
    names.put("options", "options");
    names.put("target_session_attrs", "targetServerType");
    return names;
  }

  /**
   * Whether {@code --db} names a server rather than a file.
   *
   * @param text the option's value
   * @return true for a {@code postgresql://}, {@code postgres://} or {@code jdbc:postgresql:} URL
   */
  static boolean isServer(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return lower.startsWith("postgresql://")
        || lower.startsWith("postgres://")
        || lower.startsWith("jdbc:postgresql:");
  }

  /**
   * Whether the text has a URL scheme that is not PostgreSQL's, such as {@code mysql://}.
   *
   * @param text the option's value
   * @return true when it cannot be a file path the user meant
   */
  static boolean isOtherUrl(String text) {
    return !isServer(text) && (SCHEME.matcher(text).matches() || text.startsWith("jdbc:"));
  }

  /**
   * The server database a URL names.
   *
   * @param text a PostgreSQL URL ({@link #isServer})
   * @param environment where libpq's variables and {@code HOME} are looked up
   * @param warnings told about a password file that was ignored
   * @return the location
   * @throws IllegalArgumentException naming what is wrong with the URL (never its password)
   */
  static DatabaseLocation.ServerDatabase parse(
      String text, Map<String, String> environment, Consumer<String> warnings) {
    Parts parts =
        text.toLowerCase(Locale.ROOT).startsWith("jdbc:")
            ? jdbcParts(text, environment)
            : libpqParts(text, environment);
    String user = parts.user;
    String password = parts.password;
    if (password == null) {
      String fromEnvironment = environment.get("PGPASSWORD");
      if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
        password = fromEnvironment;
      } else {
        password =
            PasswordFile.lookup(environment, parts.hosts.get(0), parts.ports.get(0), parts.database, user, warnings);
      }
    }
    StringBuilder jdbc = new StringBuilder("jdbc:postgresql://");
    StringBuilder display = new StringBuilder("postgresql://").append(user).append('@');
    for (int i = 0; i < parts.hosts.size(); i++) {
      String host = parts.hosts.get(i);
      String bracketed = host.contains(":") ? "[" + host + "]" : host;
      String hostPort = bracketed + ":" + parts.ports.get(i);
      jdbc.append(i == 0 ? "" : ",").append(hostPort);
      display.append(i == 0 ? "" : ",").append(hostPort);
    }
    jdbc.append('/').append(encode(parts.database));
    display.append('/').append(parts.database);
    String separator = "?";
    for (Map.Entry<String, String> parameter : parts.parameters.entrySet()) {
      jdbc.append(separator).append(parameter.getKey()).append('=').append(encode(parameter.getValue()));
      separator = "&";
    }
    String sslmode = parts.parameters.get("sslmode");
    if (sslmode != null) {
      display.append("?sslmode=").append(sslmode);
    }
    return new DatabaseLocation.ServerDatabase(jdbc.toString(), user, password, display.toString());
  }

  /** What a URL says, defaults filled in; parameters by the driver's names. */
  private static final class Parts {
    final List<String> hosts = new ArrayList<>();
    final List<Integer> ports = new ArrayList<>();
    String database;
    String user;
    String password;
    final Map<String, String> parameters = new LinkedHashMap<>();
  }

  /**
   * {@code postgresql://[user[:password]@][host][:port][,...][/database][?name=value&...]}, every
   * part percent-encoded where it must be.
   */
  private static Parts libpqParts(String text, Map<String, String> environment) {
    Parts parts = new Parts();
    String rest = text.substring(text.indexOf("://") + 3);
    int query = rest.indexOf('?');
    String parameters = query < 0 ? "" : rest.substring(query + 1);
    rest = query < 0 ? rest : rest.substring(0, query);
    int slash = rest.indexOf('/');
    String database = slash < 0 ? "" : decode(rest.substring(slash + 1), "database name");
    rest = slash < 0 ? rest : rest.substring(0, slash);
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = rest.substring(0, at);
      int colon = userInfo.indexOf(':');
      parts.user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "user name");
      if (colon >= 0) {
        parts.password = decode(userInfo.substring(colon + 1), "password");
      }
      rest = rest.substring(at + 1);
    }
    String hosts = rest;
    String port = null;
    String overrideDatabase = null;
    for (String parameter : parameters.isEmpty() ? new String[0] : parameters.split("&")) {
      int equals = parameter.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException(
            "the URL's parameter '" + parameter + "' has no value; write name=value");
      }
      String name = parameter.substring(0, equals);
      String value = decode(parameter.substring(equals + 1), "value of " + name);
      switch (name) {
        case "host" -> hosts = value;
        case "port" -> port = value;
        case "dbname" -> overrideDatabase = value;
        case "user" -> parts.user = value;
        case "password" -> parts.password = value;
        default -> {
          String driverName = PASSED_THROUGH.get(name);
          if (driverName == null) {
            throw new IllegalArgumentException(
                "the URL's parameter '" + name + "' is not supported; supported: host, port, dbname, user,"
                    + " password, " + String.join(", ", PASSED_THROUGH.keySet()));
          }
          parts.parameters.put(driverName, checked(name, value));
        }
      }
    }
    if (overrideDatabase != null) {
      database = overrideDatabase;
    }
    hostsAndPorts(parts, hosts, port, environment);
    fillDefaults(parts, database, environment);
    return parts;
  }

  /** Splits {@code host[:port],host[:port]}, with {@code [v6]} addresses, filling in defaults. */
  private static void hostsAndPorts(Parts parts, String text, String port, Map<String, String> environment) {
    String hosts = text.isEmpty() ? nonBlank(environment.get("PGHOST"), "") : decode(text, "host");
    String defaultPort = port != null ? port : nonBlank(environment.get("PGPORT"), "5432");
    for (String entry : hosts.isEmpty() ? new String[] {""} : hosts.split(",")) {
      String host = entry;
      String entryPort = defaultPort;
      if (host.startsWith("[")) {
        int close = host.indexOf(']');
        if (close < 0) {
          throw new IllegalArgumentException("the URL's host '" + entry + "' opens '[' without closing it");
        }
        entryPort = close + 1 < host.length() && host.charAt(close + 1) == ':' ? host.substring(close + 2) : defaultPort;
        host = host.substring(1, close);
      } else if (host.indexOf(':') >= 0) {
        entryPort = host.substring(host.indexOf(':') + 1);
        host = host.substring(0, host.indexOf(':'));
      }
      if (host.startsWith("/")) {
        throw new IllegalArgumentException(
            "the URL names a Unix-domain socket (" + host + "), which gao-metrics cannot use; give the"
                + " server's host name or address, for example localhost");
      }
      parts.hosts.add(host.isEmpty() ? "localhost" : host);
      parts.ports.add(port(entryPort));
    }
  }

  private static int port(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 1 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("the URL's port '" + text + "' is not a port number (1 to 65535)");
  }

  /**
   * {@code jdbc:postgresql://host:port/database?user=...&password=...&...}, read by the driver's
   * own parser; the user and password are taken out of the parameters.
   */
  private static Parts jdbcParts(String text, Map<String, String> environment) {
    Properties parsed = org.postgresql.Driver.parseURL(text, new Properties());
    if (parsed == null) {
      throw new IllegalArgumentException(
          "it is not a URL the PostgreSQL driver reads; write jdbc:postgresql://host:5432/database");
    }
    Parts parts = new Parts();
    for (String name : parsed.stringPropertyNames()) {
      String value = parsed.getProperty(name);
      switch (name) {
        case "PGHOST", "PGPORT", "PGDBNAME" -> {
          // read below, host by host
        }
        case "user" -> parts.user = value;
        case "password" -> parts.password = value;
        default -> parts.parameters.put(name, name.equals("sslmode") ? checked(name, value) : value);
      }
    }
    String[] hosts = parsed.getProperty("PGHOST", "").split(",");
    String[] ports = parsed.getProperty("PGPORT", "").split(",");
    StringBuilder hostList = new StringBuilder();
    for (int i = 0; i < hosts.length; i++) {
      String host = hosts[i].contains(":") && !hosts[i].startsWith("[") ? "[" + hosts[i] + "]" : hosts[i];
      String port = i < ports.length && !ports[i].isEmpty() ? ports[i] : "";
      hostList.append(i == 0 ? "" : ",").append(host).append(port.isEmpty() ? "" : ":" + port);
    }
    hostsAndPorts(parts, hostList.toString(), null, environment);
    fillDefaults(parts, parsed.getProperty("PGDBNAME", ""), environment);
    return parts;
  }

  private static void fillDefaults(Parts parts, String database, Map<String, String> environment) {
    if (parts.user == null || parts.user.isEmpty()) {
      parts.user = nonBlank(environment.get("PGUSER"), System.getProperty("user.name"));
    }
    parts.database =
        database == null || database.isEmpty()
            ? nonBlank(environment.get("PGDATABASE"), parts.user)
            : database;
    if (!parts.parameters.containsKey("sslmode")) {
      String sslmode = environment.get("PGSSLMODE");
      if (sslmode != null && !sslmode.isBlank()) {
        parts.parameters.put("sslmode", checked("sslmode", sslmode.strip()));
      }
    }
  }

  private static String checked(String name, String value) {
    if (name.equals("sslmode") && !SSL_MODES.contains(value)) {
      throw new IllegalArgumentException(
          "sslmode '" + value + "' is not one of " + String.join(", ", SSL_MODES));
    }
    if (name.equals("target_session_attrs")) {
      String target = SESSION_TARGETS.get(value);
      if (target == null) {
        throw new IllegalArgumentException(
            "target_session_attrs '" + value + "' is not one of " + String.join(", ", SESSION_TARGETS.keySet()));
      }
      return target;
    }
    return value;
  }

  private static String nonBlank(String value, String otherwise) {
    return value == null || value.isBlank() ? otherwise : value;
  }

  /** Percent-decodes one part of a URL; {@code what} names it in an error (never its value). */
  private static String decode(String text, String what) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0 || Character.digit(text.charAt(i + 2), 16) < 0) {
          throw new IllegalArgumentException(
              "the URL's " + what + " has a '%' that does not start a percent-encoded byte (%XX)");
        }
        bytes.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
        i += 2;
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
          encoded = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        bytes.writeBytes(encoded);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** Percent-encodes a value for the driver's URL. */
  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
