package dev.gao.metrics.example.reliability;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server of one test, on a data folder and a port that stay the same, so that it can
 * be stopped the hard way and started again on the same data, as an administrator's server
 * restarts. It runs with PostgreSQL's default {@code synchronous_commit=on} (the embedded server's
 * own default is {@code off}, which acknowledges a commit before its WAL leaves the server's
 * memory, so an immediate shutdown could lose a commit that was acknowledged).
 */
final class RestartablePostgres implements AutoCloseable {
  private final Path data;
  private int port;
  private EmbeddedPostgres running;
  /** The handle of a server stopped the hard way, closed at the next start. */
  private EmbeddedPostgres stopped;

  /**
   * A server on {@code data}, not started yet.
   *
   * @param data the data folder: created by the first start, kept by later ones
   */
  RestartablePostgres(Path data) {
    this.data = data;
  }

  /**
   * Starts the server: the first time on an empty folder (the embedded library runs initdb only
   * when the folder holds no {@code postgresql.conf}) and a free port, later on the same folder and
   * port, where the server recovers from its WAL first. Returns once it accepts connections.
   */
  void start() throws IOException {
    if (running != null) {
      throw new IllegalStateException("the server runs already");
    }
    if (stopped != null) {
      // The handle holds a lock on the folder that this start takes; closing it releases the lock
      // and leaves the data (its attempt to stop the server finds none, and logs that).
      EmbeddedPostgres old = stopped;
      stopped = null;
      old.close();
    }
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(data)
            .setCleanDataDirectory(false)
            .setServerConfig("synchronous_commit", "on");
    if (port != 0) {
      builder.setPort(port);
    }
    running = builder.start();
    port = running.getPort();
  }

  /** The port, the same at every start. */
  int port() {
    return port;
  }

  /** Creates a database on the running server. */
  void createDatabase(String name) throws SQLException {
    try (Connection connection = running.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE \"" + name + "\"");
    }
  }

  /**
   * Stops the server as {@code pg_ctl stop -m immediate} does: SIGQUIT to the postmaster, which
   * ends every backend at once without a checkpoint, so that the next start recovers from the WAL.
   * Returns once the postmaster is gone, and so are the backends, which it waits for.
   *
   * @param ceiling how long the postmaster may take to end
   * @return the postmaster's process id
   */
  long stopImmediately(Duration ceiling) throws IOException, InterruptedException {
    List<String> pidFile =
        Files.readAllLines(data.resolve("postmaster.pid"), StandardCharsets.US_ASCII);
    long pid = Long.parseLong(pidFile.get(0).strip());
    Process kill = new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).inheritIO().start();
    if (!kill.waitFor(ceiling.toMillis(), TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
      throw new AssertionError("kill -QUIT " + pid + " failed");
    }
    long deadline = System.nanoTime() + ceiling.toNanos();
    while (!gone(pid)) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("postmaster " + pid + " still runs " + ceiling + " after SIGQUIT");
      }
      Thread.sleep(10);
    }
    stopped = running;
    running = null;
    return pid;
  }

  /** Whether a process has ended: no longer listed, or a zombie that nobody reaped yet. */
  private static boolean gone(long pid) throws IOException {
    String stat;
    try {
      stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return true;
    } catch (IOException e) {
      // A process that is ending may refuse the read; then its folder is about to go.
      return !Files.exists(Path.of("/proc", Long.toString(pid)));
    }
    // "pid (command) state ...": the command may hold spaces and parentheses, the state follows the
    // last ')'.
    char state = stat.charAt(stat.lastIndexOf(')') + 2);
    return state == 'Z' || state == 'X';
  }

  /** Stops the server if it runs, as an administrator does (a fast shutdown). */
  @Override
  public void close() throws IOException {
    for (EmbeddedPostgres handle : new EmbeddedPostgres[] {running, stopped}) {
      if (handle != null) {
        handle.close();
      }
    }
    running = null;
    stopped = null;
  }
}
