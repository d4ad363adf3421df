package dev.gao.metrics.runtime.sql.sqlite;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * What the 100-byte header of a SQLite file tells without opening it (sqlite.org {@code
 * fileformat2.html}): the page size, the database size in pages, and whether the file is in WAL
 * mode. Read with plain file I/O, so checking a file never changes it; a connection would switch a
 * file to WAL, rewriting its header, before the runtime could refuse it.
 *
 * @param pageSize bytes per page
 * @param pageCount the database size in pages, or 0 when the header does not record it reliably
 * @param wal whether the file is in WAL mode (format versions 2)
 */
record SqliteFileHeader(int pageSize, long pageCount, boolean wal) {
  static final int SIZE = 100;

  /**
   * Parses the first bytes of a file that starts with the SQLite magic text.
   *
   * @param bytes up to the first {@value #SIZE} bytes of the file
   * @return the header, or empty when the file is shorter than a header
   */
  static Optional<SqliteFileHeader> parse(byte[] bytes) {
    if (bytes.length < SIZE) {
      return Optional.empty();
    }
    ByteBuffer header = ByteBuffer.wrap(bytes);
    int rawPageSize = Short.toUnsignedInt(header.getShort(16));
    int pageSize = rawPageSize == 1 ? 65_536 : rawPageSize;
    boolean wal = bytes[18] == 2 && bytes[19] == 2;
    long pageCount = Integer.toUnsignedLong(header.getInt(28));
    // The size field is only valid when the change counter matches "version-valid-for".
    boolean sizeValid = header.getInt(24) == header.getInt(92);
    return Optional.of(new SqliteFileHeader(pageSize, sizeValid ? pageCount : 0, wal));
  }

  /** Whether a file of {@code fileSize} bytes holds fewer pages than the header records. */
  boolean shortOfPages(long fileSize) {
    return pageCount > 0 && fileSize < pageCount * pageSize;
  }

  /**
   * What is wrong with a file of this header, judged from its size alone.
   *
   * @param fileSize the file's size in bytes
   * @param walFrames whether a non-empty {@code -wal} file lies next to it, whose pages SQLite
   *     adds to the file's
   * @return the damage in words, or empty when the header and size agree
   */
  Optional<String> damage(long fileSize, boolean walFrames) {
    if (pageSize < 512 || pageSize > 65_536 || Integer.bitCount(pageSize) != 1) {
      return Optional.of("its header gives page size " + pageSize + ", which SQLite never writes");
    }
    if (fileSize < SIZE) {
      return Optional.of("it is truncated: " + fileSize + " bytes, shorter than its header");
    }
    if (fileSize % pageSize != 0) {
      return Optional.of(
          "it is truncated: its size of "
              + fileSize
              + " bytes is not a whole number of "
              + pageSize
              + "-byte pages");
    }
    if (!walFrames && shortOfPages(fileSize)) {
      return Optional.of(
          "it is truncated: its header records "
              + pageCount
              + " pages ("
              + pageCount * pageSize
              + " bytes) but the file holds "
              + fileSize / pageSize
              + " pages ("
              + fileSize
              + " bytes)");
    }
    return Optional.empty();
  }
}
