package dev.gao.metrics.processor.structure;

import dev.gao.metrics.processor.model.ValueKind;
import java.util.Locale;

/**
 * Column defaults in the engine-neutral form the structure records: the declared text of
 * {@code @Column(defaultValue)}, trimmed, with the keywords that name the current time spelled one way.
 * On time kinds ({@link ValueKind#isTime()}) {@value #CURRENT_TIMESTAMP} and {@value #CURRENT_DATE},
 * in any case, become upper case; on {@link ValueKind#LOCAL_DATE} {@code CURRENT_TIMESTAMP} becomes
 * {@code CURRENT_DATE}, the only current value a day can hold. Every other default is kept exactly
 * as declared. Each dialect renders the neutral form as its own SQL.
 */
public final class NeutralDefaults {
  /** The current point in time. */
  public static final String CURRENT_TIMESTAMP = "CURRENT_TIMESTAMP";

  /** The current day. */
  public static final String CURRENT_DATE = "CURRENT_DATE";

  private NeutralDefaults() {}

  /** The neutral form of {@code declared}, a default of a column of {@code kind}; {@code null} for none. */
  public static String of(ValueKind kind, String declared) {
    if (declared == null) {
      return null;
    }
    String text = declared.trim();
    if (!kind.isTime()) {
      return text;
    }
    String keyword = text.toUpperCase(Locale.ROOT);
    if (keyword.equals(CURRENT_TIMESTAMP)) {
      return kind == ValueKind.LOCAL_DATE ? CURRENT_DATE : CURRENT_TIMESTAMP;
    }
    return keyword.equals(CURRENT_DATE) ? CURRENT_DATE : text;
  }
}
