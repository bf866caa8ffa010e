package dev.eddy.streaming.internal.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WindowAssignerTest {

    private static String starts(WindowAssigner w, long t) {
        long[] out = new long[w.maxWindowsPerTime()];
        int n = w.assign(t, out, 0);
        return Arrays.toString(Arrays.copyOf(out, n));
    }

    @ParameterizedTest(name = "tumbling({0}) puts {1} into {2}")
    @CsvSource(
            delimiter = ';',
            value = {
                "10; 0;   [0]",
                "10; 9;   [0]",
                "10; 10;  [10]",
                "10; -1;  [-10]",
                "10; -10; [-10]",
                "10; -11; [-20]",
                "10; 25;  [20]"
            })
    void when_timeIsAssignedToTumblingWindow_then_startIsFloorOfSize(long size, long t, String expected) {
        assertThat(starts(WindowAssigner.tumbling(size), t)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "sliding({0},{1}) puts {2} into {3}")
    @CsvSource(
            delimiter = ';',
            value = {
                "10; 5; 0;   '[0, -5]'",
                "10; 5; 4;   '[0, -5]'",
                "10; 5; 5;   '[5, 0]'",
                "10; 5; -1;  '[-5, -10]'",
                "10; 3; 0;   '[0, -3, -6, -9]'",
                "10; 3; 5;   '[3, 0, -3]'",
                "10; 3; 9;   '[9, 6, 3, 0]'",
                "10; 4; 10;  '[8, 4]'",
                "7; 7; 13;   '[7]'"
            })
    void when_timeIsAssignedToSlidingWindows_then_everyContainingWindowIsListed(
            long size, long slide, long t, String expected) {
        assertThat(starts(WindowAssigner.sliding(size, slide), t)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "every window listed for {0} contains it")
    @CsvSource({"-1000003", "-1", "0", "1", "999999", "86400000000"})
    void when_windowsAreAssigned_then_eachContainsTheTime(long t) {
        WindowAssigner w = WindowAssigner.sliding(600_000_000L, 70_000_000L);
        long[] out = new long[w.maxWindowsPerTime()];
        int n = w.assign(t, out, 0);
        assertThat(n).isGreaterThanOrEqualTo(8);
        for (int i = 0; i < n; i++) {
            assertThat(out[i]).isLessThanOrEqualTo(t);
            assertThat(out[i] + w.size()).isGreaterThan(t);
        }
    }

    @ParameterizedTest(name = "tumbling(10) offset {0} puts {1} into {2}")
    @CsvSource(
            delimiter = ';',
            value = {"3; 2;  [-7]", "3; 3;  [3]", "3; 12; [3]", "3; 13; [13]", "-3; 0; [-3]", "13; 0; [-7]"})
    void when_windowsHaveAStartOffset_then_startsShiftByIt(long offset, long t, String expected) {
        assertThat(starts(WindowAssigner.of(10, 10, offset), t)).isEqualTo(expected);
    }

    @Test
    void when_slideExceedsSize_then_rejected() {
        assertThatThrownBy(() -> WindowAssigner.sliding(5, 10)).hasMessageContaining("slide <= size");
    }
}
