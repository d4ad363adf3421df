package dev.gao.metrics.processor.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The snapshot files of one schema: {@code <schemaDir>/<qualified schema name>/<version>.json}. */
public final class SnapshotStore {
  private static final Pattern FILE = Pattern.compile("([1-9][0-9]{0,8})\\.json");

  private final Path folder;

  /** The files of schema {@code qualifiedName} under {@code schemaDir}. */
  public SnapshotStore(Path schemaDir, String qualifiedName) {
    this.folder = schemaDir.resolve(qualifiedName);
  }

  /** The file of {@code version}. */
  public Path file(int version) {
    return folder.resolve(version + ".json");
  }

  /** The bytes of every snapshot file present, by version; empty when the folder does not exist. */
  public SortedMap<Integer, byte[]> readAll() throws IOException {
    SortedMap<Integer, byte[]> files = new TreeMap<>();
    if (!Files.isDirectory(folder)) {
      return files;
    }
    try (Stream<Path> paths = Files.list(folder)) {
      for (Path path : paths.sorted().toList()) {
        Matcher name = FILE.matcher(path.getFileName().toString());
        if (name.matches() && Files.isRegularFile(path)) {
          files.put(Integer.parseInt(name.group(1)), Files.readAllBytes(path));
        }
      }
    }
    return files;
  }

  /** Writes the snapshot text of {@code version} as UTF-8, creating the folder when needed. */
  public void write(int version, String text) throws IOException {
    Files.createDirectories(folder);
    Files.write(file(version), text.getBytes(StandardCharsets.UTF_8));
  }
}
