package dev.eddy.streaming.internal.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spark's datetime patterns for reading ({@code dateFormat}, {@code timestampFormat}): accepted letters and results. */
class DatetimePatternTest {
    private static long micros(String iso) {
        Instant i = Instant.parse(iso);
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }

    private static long ts(String pattern, String text) {
        return DatetimePattern.compile("timestampFormat", pattern).parseMicros(text);
    }

    private static Integer day(String pattern, String text) {
        return DatetimePattern.compile("dateFormat", pattern).parseDays(text);
    }

    @Test
    void when_aPatternMatches_then_theTextIsReadInUtcUnlessItNamesAZone() {
        assertThat(ts("dd/MM/yyyy HH:mm", "05/01/2024 10:15")).isEqualTo(micros("2024-01-05T10:15:00Z"));
        assertThat(ts("yyyy-MM-dd'T'HH:mm:ssXXX", "2024-01-05T10:15:00+02:00"))
                .isEqualTo(micros("2024-01-05T08:15:00Z"));
        assertThat(ts("yyyy-MM-dd HH:mm VV", "2024-07-05 10:15 Europe/Paris"))
                .isEqualTo(micros("2024-07-05T08:15:00Z"));
        assertThat(ts("MMM d yyyy h:mm a", "jan 5 2024 3:04 PM")).isEqualTo(micros("2024-01-05T15:04:00Z"));
    }

    @Test
    void when_aPatternHasSecondFractions_then_oneToThatManyDigitsAreRead() {
        assertThat(ts("yyyy-MM-dd HH:mm:ss.SSS", "2024-01-05 10:15:30.5")).isEqualTo(micros("2024-01-05T10:15:30.5Z"));
        assertThat(ts("yyyy-MM-dd HH:mm:ss.SSS", "2024-01-05 10:15:30.123"))
                .isEqualTo(micros("2024-01-05T10:15:30.123Z"));
        assertThat(ts("yyyy-MM-dd HH:mm:ss.SSS", "2024-01-05 10:15:30.1234")).isEqualTo(Timestamps.INVALID);
        assertThat(ts("yyyy-MM-dd HH:mm:ss.SSSSSSSSS", "2024-01-05 10:15:30.123456789"))
                .as("nanoseconds are cut to microseconds")
                .isEqualTo(micros("2024-01-05T10:15:30.123456Z"));
    }

    @Test
    void when_fieldsAreLeftOut_then_sparksDefaultsFillThem() {
        assertThat(ts("HH:mm", "10:15")).isEqualTo(micros("1970-01-01T10:15:00Z"));
        assertThat(ts("yyyy", "2024")).isEqualTo(micros("2024-01-01T00:00:00Z"));
        assertThat(ts("yyyy-MM-dd hh:mm", "2024-01-05 03:04"))
                .as("no am/pm: am")
                .isEqualTo(micros("2024-01-05T03:04:00Z"));
        assertThat(day("yyyy-DDD", "2024-036"))
                .isEqualTo((int) LocalDate.of(2024, 2, 5).toEpochDay());
        assertThat(day("MM/dd", "02/05"))
                .isEqualTo((int) LocalDate.of(1970, 2, 5).toEpochDay());
    }

    @Test
    void when_theTextDoesNotMatchStrictly_then_itIsNoValue() {
        assertThat(day("yyyy-MM-dd", "2024-04-31")).isNull();
        assertThat(day("yyyy-MM-dd", "2024-1-5")).as("MM needs two digits").isNull();
        assertThat(day("yyyy-M-d", "2024-1-5"))
                .isEqualTo((int) LocalDate.of(2024, 1, 5).toEpochDay());
        assertThat(day("yyyy-MM-dd", " 2024-01-05")).isNull();
        assertThat(day("yyyy-MM-dd", "2024-01-05 10:00"))
                .as("text after the pattern")
                .isNull();
        assertThat(day("dd/MM/yyyy HH:mm", "05/01/2024 10:15"))
                .isEqualTo((int) LocalDate.of(2024, 1, 5).toEpochDay());
        assertThat(ts("yyyy-MM-dd HH:mm", "2024-01-05 24:00")).isEqualTo(Timestamps.INVALID);
    }

    @Test
    void when_aYearHasFiveDigitsOrAnEra_then_itIsReadAsSparkReadsIt() {
        assertThat(day("yyyy-MM-dd", "+12345-03-15"))
                .isEqualTo((int) LocalDate.of(12345, 3, 15).toEpochDay());
        assertThat(day("yyyy-MM-dd G", "0044-03-15 BC"))
                .isEqualTo((int) LocalDate.of(-43, 3, 15).toEpochDay());
    }

    @Test
    void when_aPatternHasQuotes_then_quotedTextIsLiteral() {
        assertThat(ts("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", "2024-01-05T10:15:30.25Z"))
                .isEqualTo(micros("2024-01-05T10:15:30.25Z"));
        assertThat(day("yyyy''MM''dd", "2024'01'05"))
                .isEqualTo((int) LocalDate.of(2024, 1, 5).toEpochDay());
    }

    @Test
    void when_aPatternUsesALetterSparkRefuses_then_compilingSaysWhichAndWhy() {
        for (var c : List.of(
                Map.entry("YYYY-MM-dd", "All week-based patterns are unsupported since Spark 3.0, detected: Y"),
                Map.entry("yyyy-ww", "detected: w"),
                Map.entry("uuuu-MM-dd", "detected: u"),
                Map.entry("yyyy-MM-dd EEE", "Illegal pattern character: E"),
                Map.entry("yyyy-MMMMM", "Too many pattern letters: M"),
                Map.entry("yyyyyyy", "Too many pattern letters: y"))) {
            assertThatThrownBy(() -> DatetimePattern.compile("dateFormat", c.getKey()))
                    .as(c.getKey())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("option 'dateFormat': Fail to recognize '" + c.getKey()
                            + "' pattern in the DateTimeFormatter")
                    .hasMessageContaining(c.getValue());
        }
        for (String p : List.of("yyyy QQ", "HH:mm B", "yyyy-bb", "yyyy-MM-dd e")) {
            assertThat(day(p, "2024 01"))
                    .as(p + ": neither Spark's parser nor its legacy one takes it, so every value is malformed")
                    .isNull();
            assertThat(ts(p, "2024 01")).as(p).isEqualTo(Timestamps.INVALID);
        }
        assertThat(day("yyyy-MM-dd 'EEE'", "2024-01-05 EEE"))
                .as("letters in quotes are text")
                .isEqualTo((int) LocalDate.of(2024, 1, 5).toEpochDay());
    }

    @Test
    void when_noPatternIsGiven_or_theFallbackIsOn_then_theDefaultFormsAreRead() {
        DatetimeOptions dflt = DatetimeOptions.DEFAULT;
        assertThat(dflt.micros(" 2024-01-05 10:15:00 ")).isEqualTo(micros("2024-01-05T10:15:00Z"));
        assertThat(dflt.days("2024-1-5"))
                .isEqualTo((int) LocalDate.of(2024, 1, 5).toEpochDay());
        DatetimeOptions strict = DatetimeOptions.of("dd/MM/yyyy", "dd/MM/yyyy HH:mm", null);
        assertThat(strict.days("2024-01-05")).as("a pattern alone: no fallback").isNull();
        assertThat(strict.micros("2024-01-05T10:15:00Z")).isEqualTo(Timestamps.INVALID);
        DatetimeOptions fallback = DatetimeOptions.of("dd/MM/yyyy", "dd/MM/yyyy HH:mm", "true");
        assertThat(fallback.days("2024-01-05"))
                .isEqualTo((int) LocalDate.of(2024, 1, 5).toEpochDay());
        assertThat(fallback.micros("05/01/2024 10:15")).isEqualTo(micros("2024-01-05T10:15:00Z"));
        assertThat(fallback.micros("2024-01-05T10:15:00Z")).isEqualTo(micros("2024-01-05T10:15:00Z"));
        assertThatThrownBy(() -> DatetimeOptions.of(null, null, "yes"))
                .hasMessage("option 'enableDateTimeParsingFallback' must be 'true' or 'false', got 'yes'");
    }
}
