package dev.gao.metrics.example.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A text table as the read commands print it: a header row, columns two spaces apart, text columns
 * left-aligned and number columns right-aligned, no trailing spaces.
 */
final class Table {
  private final boolean[] numeric;
  private final List<String[]> rows = new ArrayList<>();

  /**
   * A table with these columns.
   *
   * @param header the column names
   * @param numeric which columns hold numbers (right-aligned)
   */
  Table(String[] header, boolean[] numeric) {
    if (header.length != numeric.length) {
      throw new IllegalArgumentException("one alignment per column");
    }
    this.numeric = numeric.clone();
    rows.add(header.clone());
  }

  /**
   * Adds a row.
   *
   * @param cells one cell per column
   */
  void add(String... cells) {
    if (cells.length != numeric.length) {
      throw new IllegalArgumentException("a row needs " + numeric.length + " cells but has " + cells.length);
    }
    rows.add(cells.clone());
  }

  /**
   * Prints the header and every row.
   *
   * @param out where to print
   */
  void print(PrintWriter out) {
    int[] widths = new int[numeric.length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.length; c++) {
        if (c > 0) {
          line.append("  ");
        }
        String pad = " ".repeat(widths[c] - row[c].length());
        line.append(numeric[c] ? pad + row[c] : row[c] + pad);
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
