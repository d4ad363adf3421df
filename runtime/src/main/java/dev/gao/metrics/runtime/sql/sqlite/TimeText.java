package dev.gao.metrics.runtime.sql.sqlite;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The fixed-width text forms in which SQLite keeps time values. Formatting is written by hand because
 * it runs for every time value of every row; parsing takes a fast path for the canonical form and
 * falls back to lenient ISO-8601 parsing for values written by other tools. The forms are fixed-width
 * for the years 0000 to 9999 only; values outside them are refused before they get here.
 */
final class TimeText {
  private static final int INSTANT_LENGTH = 30;
  private static final int LOCAL_DATE_TIME_LENGTH = 29;
  private static final int LOCAL_DATE_LENGTH = 10;

  private TimeText() {}

  /** {@code uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'}; the year must be 0000 to 9999. */
  static String formatInstant(Instant instant) {
    LocalDateTime utc =
        LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
    char[] text = new char[INSTANT_LENGTH];
    writeDateTime(text, utc);
    text[29] = 'Z';
    return new String(text);
  }

  /** {@code uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS}; the year must be 0000 to 9999. */
  static String formatLocalDateTime(LocalDateTime value) {
    char[] text = new char[LOCAL_DATE_TIME_LENGTH];
    writeDateTime(text, value);
    return new String(text);
  }

  /** {@code uuuu-MM-dd}; the year must be 0000 to 9999. */
  static String formatLocalDate(LocalDate value) {
    char[] text = new char[LOCAL_DATE_LENGTH];
    writeDate(text, value.getYear(), value.getMonthValue(), value.getDayOfMonth());
    return new String(text);
  }

  private static void writeDateTime(char[] text, LocalDateTime value) {
    writeDate(text, value.getYear(), value.getMonthValue(), value.getDayOfMonth());
    text[10] = 'T';
    writeDigits(text, 11, value.getHour(), 2);
    text[13] = ':';
    writeDigits(text, 14, value.getMinute(), 2);
    text[16] = ':';
    writeDigits(text, 17, value.getSecond(), 2);
    text[19] = '.';
    writeDigits(text, 20, value.getNano(), 9);
  }

  private static void writeDate(char[] text, int year, int month, int day) {
    writeDigits(text, 0, year, 4);
    text[4] = '-';
    writeDigits(text, 5, month, 2);
    text[7] = '-';
    writeDigits(text, 8, day, 2);
  }

  private static void writeDigits(char[] text, int offset, int value, int width) {
    for (int i = offset + width - 1; i >= offset; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /**
   * Parses an instant: the canonical form fast, else ISO-8601 with an offset, or a local date-time
   * (also SQLite's {@code YYYY-MM-DD HH:MM:SS}) taken as UTC.
   *
   * @throws DateTimeException if the text is none of these
   */
  static Instant parseInstant(String text) {
    if (text.length() == INSTANT_LENGTH && text.charAt(29) == 'Z' && isCanonicalDateTime(text)) {
      return Instant.ofEpochSecond(
          localDateTime(text).toEpochSecond(ZoneOffset.UTC), digits(text, 20, 29));
    }
    String iso = text.trim().replace(' ', 'T');
    if (hasOffset(iso)) {
      return OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }
    return LocalDateTime.parse(iso, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
        .toInstant(ZoneOffset.UTC);
  }

  /**
   * Parses a local date-time: the canonical form fast, else ISO-8601 (also with a space instead of
   * {@code T}); an offset, if present, is dropped after converting to UTC.
   *
   * @throws DateTimeException if the text is not a date-time
   */
  static LocalDateTime parseLocalDateTime(String text) {
    if (text.length() == LOCAL_DATE_TIME_LENGTH && isCanonicalDateTime(text)) {
      return localDateTime(text).withNano(digits(text, 20, 29));
    }
    String iso = text.trim().replace(' ', 'T');
    if (hasOffset(iso)) {
      return OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .withOffsetSameInstant(ZoneOffset.UTC)
          .toLocalDateTime();
    }
    return LocalDateTime.parse(iso, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
  }

  /**
   * Parses a local date: {@code uuuu-MM-dd}, or the date part of a date-time.
   *
   * @throws DateTimeException if the text does not start with a date
   */
  static LocalDate parseLocalDate(String text) {
    String trimmed = text.trim();
    if (trimmed.length() > LOCAL_DATE_LENGTH
        && (trimmed.charAt(10) == 'T' || trimmed.charAt(10) == ' ')) {
      trimmed = trimmed.substring(0, LOCAL_DATE_LENGTH);
    }
    return LocalDate.parse(trimmed, DateTimeFormatter.ISO_LOCAL_DATE);
  }

  private static boolean isCanonicalDateTime(String text) {
    return text.charAt(4) == '-'
        && text.charAt(7) == '-'
        && text.charAt(10) == 'T'
        && text.charAt(13) == ':'
        && text.charAt(16) == ':'
        && text.charAt(19) == '.'
        && allDigits(text, 0, 4)
        && allDigits(text, 5, 7)
        && allDigits(text, 8, 10)
        && allDigits(text, 11, 13)
        && allDigits(text, 14, 16)
        && allDigits(text, 17, 19)
        && allDigits(text, 20, 29);
  }

  private static LocalDateTime localDateTime(String text) {
    return LocalDateTime.of(
        digits(text, 0, 4),
        digits(text, 5, 7),
        digits(text, 8, 10),
        digits(text, 11, 13),
        digits(text, 14, 16),
        digits(text, 17, 19));
  }

  private static boolean allDigits(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      value = value * 10 + (text.charAt(i) - '0');
    }
    return value;
  }

  /** Whether an ISO date-time ends with {@code Z} or a {@code +hh:mm}/{@code -hh:mm} offset. */
  private static boolean hasOffset(String iso) {
    if (iso.endsWith("Z")) {
      return true;
    }
    int time = iso.indexOf('T');
    return time >= 0 && (iso.indexOf('+', time) >= 0 || iso.indexOf('-', time) >= 0);
  }

  /** Narrows the parse exception for messages. */
  static String problem(DateTimeException e) {
    if (e instanceof DateTimeParseException) {
      return "not a date-time in ISO-8601 form";
    }
    return e.getMessage();
  }
}
