package dev.eddy.sql.internal.window;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Spark's interval strings: one or more "number unit" pairs, e.g. '10 minutes', '1 hour 30 minutes',
 * '500 milliseconds', optionally prefixed by "interval". Units may be singular, plural or abbreviated
 * (ms, s, sec, m, min, h, d, w).
 */
public final class IntervalStrings {
  private IntervalStrings() {
  }

  /** The duration, or empty if the text is not an interval string (the caller reports the position). */
  public static Optional<Duration> parse(String text) {
    String[] words = text.trim().toLowerCase(Locale.ROOT).split("\\s+");
    int i = words.length > 0 && words[0].equals("interval") ? 1 : 0;
    if (i >= words.length || (words.length - i) % 2 != 0) {
      return Optional.empty();
    }
    Duration total = Duration.ZERO;
    for (; i < words.length; i += 2) {
      Optional<Duration> unit = unit(words[i + 1]);
      BigDecimal amount;
      try {
        amount = new BigDecimal(words[i]);
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      if (unit.isEmpty() || amount.signum() < 0) {
        return Optional.empty();
      }
      BigDecimal nanos = amount.multiply(BigDecimal.valueOf(unit.get().toNanos()));
      total = total.plusNanos(nanos.longValue());
    }
    return total.isZero() ? Optional.empty() : Optional.of(total);
  }

  private static Optional<Duration> unit(String word) {
    switch (word) {
      case "ms": case "milli": case "millis": case "millisecond": case "milliseconds":
        return Optional.of(Duration.ofMillis(1));
      case "s": case "sec": case "secs": case "second": case "seconds":
        return Optional.of(Duration.ofSeconds(1));
      case "m": case "min": case "mins": case "minute": case "minutes":
        return Optional.of(Duration.ofMinutes(1));
      case "h": case "hour": case "hours":
        return Optional.of(Duration.ofHours(1));
      case "d": case "day": case "days":
        return Optional.of(Duration.ofDays(1));
      case "w": case "week": case "weeks":
        return Optional.of(Duration.ofDays(7));
      default:
        return Optional.empty();
    }
  }

  /** The duration as a SQL interval literal in the largest unit that holds it exactly. */
  public static SqlIntervalLiteral toLiteral(Duration d, SqlParserPos pos) {
    long ms = d.toMillis();
    TimeUnit unit;
    String value;
    if (ms % 86_400_000L == 0) {
      unit = TimeUnit.DAY;
      value = Long.toString(ms / 86_400_000L);
    } else if (ms % 3_600_000L == 0) {
      unit = TimeUnit.HOUR;
      value = Long.toString(ms / 3_600_000L);
    } else if (ms % 60_000L == 0) {
      unit = TimeUnit.MINUTE;
      value = Long.toString(ms / 60_000L);
    } else {
      unit = TimeUnit.SECOND;
      value = BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString();
    }
    return SqlLiteral.createInterval(1, value, new SqlIntervalQualifier(unit, null, pos), pos);
  }
}
