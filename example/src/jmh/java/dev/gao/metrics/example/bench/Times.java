package dev.gao.metrics.example.bench;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Hand-written time text, identical to what the generated DAOs write and read:
 * {@code uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'} in UTC (the runtime's {@code TimeText}).
 */
final class Times {
  private Times() {}

  static String format(Instant instant) {
    LocalDateTime utc =
        LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
    char[] text = new char[30];
    digits(text, 0, utc.getYear(), 4);
    text[4] = '-';
    digits(text, 5, utc.getMonthValue(), 2);
    text[7] = '-';
    digits(text, 8, utc.getDayOfMonth(), 2);
    text[10] = 'T';
    digits(text, 11, utc.getHour(), 2);
    text[13] = ':';
    digits(text, 14, utc.getMinute(), 2);
    text[16] = ':';
    digits(text, 17, utc.getSecond(), 2);
    text[19] = '.';
    digits(text, 20, utc.getNano(), 9);
    text[29] = 'Z';
    return new String(text);
  }

  private static void digits(char[] text, int offset, int value, int width) {
    for (int i = offset + width - 1; i >= offset; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  static Instant parse(String text) {
    if (text == null) {
      return null;
    }
    if (text.length() == 30 && text.charAt(29) == 'Z' && text.charAt(10) == 'T'
        && text.charAt(19) == '.') {
      long seconds =
          LocalDateTime.of(
                  number(text, 0, 4),
                  number(text, 5, 7),
                  number(text, 8, 10),
                  number(text, 11, 13),
                  number(text, 14, 16),
                  number(text, 17, 19))
              .toEpochSecond(ZoneOffset.UTC);
      return Instant.ofEpochSecond(seconds, number(text, 20, 29));
    }
    String iso = text.trim().replace(' ', 'T');
    return iso.endsWith("Z") || iso.indexOf('+', 10) > 0
        ? java.time.OffsetDateTime.parse(iso).toInstant()
        : LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
  }

  private static int number(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      value = value * 10 + (text.charAt(i) - '0');
    }
    return value;
  }
}
