package dev.eddy.streaming.api;

import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntervalsTest {

    /** Spark's forms, the short forms the Java API and --trigger took, decimals SQL took, and ISO-8601. */
    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', textBlock = """
            10 seconds          | PT10S
            10s                 | PT10S
            10 s                | PT10S
            1.5 minutes         | PT1M30S
            1 hour 30 minutes   | PT1H30M
            1h30m               | PT1H30M
            PT10S               | PT10S
            pt1h30m             | PT1H30M
            P1D                 | PT24H
            10 minutes          | PT10M
            1 minute            | PT1M
            5 seconds           | PT5S
            1 hour              | PT1H
            2 hours 30 minutes  | PT2H30M
            500 milliseconds    | PT0.5S
            500ms               | PT0.5S
            1.5 s               | PT1.5S
            interval 1 day      | PT24H
            INTERVAL 10 MINUTES | PT10M
            1 week              | PT168H
            2 weeks             | PT336H
            1 w                 | PT168H
            10 min              | PT10M
            3 mins              | PT3M
            2 secs              | PT2S
            250 us              | PT0.00025S
            7 microseconds      | PT0.000007S
            1 d                 | PT24H
            2 h                 | PT2H
            .5 hours            | PT30M
            0 seconds           | PT0S
            '  10 Seconds  '    | PT10S
            """)
    void when_intervalIsInAnyAcceptedForm_then_durationIsExact(String text, String expected) {
        Duration want = Duration.parse(expected);
        assertThat(Intervals.parse(text)).isEqualTo(want);
        assertThat(Intervals.tryParse(text)).contains(want);
        assertThat(Intervals.parseMicros(text)).isEqualTo(Intervals.toMicros(want));
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', textBlock = """
            10 minuets
            minutes
            10
            -5 seconds
            ten minutes
            10 seconds and more
            PT-10S
            PTXS
            ''
            interval
            """)
    void when_textIsNotAnInterval_then_itIsRejectedWithAOneLineMessage(String text) {
        assertThat(Intervals.tryParse(text)).isEmpty();
        assertThatThrownBy(() -> Intervals.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void when_unitIsUnknown_then_theMessageNamesItAndTheKnownUnits() {
        assertThatThrownBy(() -> Intervals.parse("10 fortnights"))
                .hasMessageContaining("unknown time unit 'fortnights'")
                .hasMessageContaining("seconds");
    }

    @Test
    void when_missing_then_clearError() {
        assertThatThrownBy(() -> Intervals.parse(null)).hasMessageContaining("missing interval");
    }

    @Test
    void when_formatted_then_largestExactUnitIsUsedAndItReadsBack() {
        for (String s : new String[] {"10 minutes", "2 days", "90 seconds", "1500 milliseconds", "7 microseconds"}) {
            long us = Intervals.parseMicros(s);
            assertThat(Intervals.format(us)).isEqualTo(s);
            assertThat(Intervals.parseMicros(Intervals.format(us))).isEqualTo(us);
        }
    }

    @Test
    void when_triggerOrWindowTakesAnInterval_then_allFormsMeanTheSame() {
        assertThat(Trigger.processingTime("1.5 s"))
                .isEqualTo(Trigger.processingTime("1500ms"))
                .isEqualTo(Trigger.processingTime("PT1.5S"))
                .isEqualTo(new Trigger.ProcessingTime(1500));
        assertThat(window(col("ts"), "PT10M", "5m")).isEqualTo(window(col("ts"), "10 minutes", "5 minutes"));
    }
}
