package dev.eddy.magics.api.display;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UpdateThrottleTest {
    private long now = 1_000_000_000L;
    private final List<Runnable> scheduled = new ArrayList<>();
    private final List<Long> delays = new ArrayList<>();
    private final List<String> sent = new ArrayList<>();
    private final UpdateThrottle throttle = new UpdateThrottle(
            (task, delay) -> {
                scheduled.add(task);
                delays.add(delay);
            },
            250,
            () -> now);

    private void advanceMillis(long ms) {
        now += TimeUnit.MILLISECONDS.toNanos(ms);
    }

    private void runScheduled() {
        List<Runnable> due = new ArrayList<>(scheduled);
        scheduled.clear();
        due.forEach(Runnable::run);
    }

    @Test
    void when_displayWasQuiet_then_updateGoesOutAtOnce() {
        throttle.submit("a", () -> sent.add("a1"));
        assertThat(sent).containsExactly("a1");
        assertThat(scheduled).isEmpty();
    }

    @Test
    void when_updatesComeFasterThanTheInterval_then_latestWinsWhenTheTimerFires() {
        throttle.submit("a", () -> sent.add("a1"));
        advanceMillis(50);
        throttle.submit("a", () -> sent.add("a2"));
        throttle.submit("a", () -> sent.add("a3"));
        assertThat(sent).containsExactly("a1");
        assertThat(scheduled).hasSize(1);
        assertThat(delays).containsExactly(TimeUnit.MILLISECONDS.toNanos(200));
        advanceMillis(200);
        runScheduled();
        assertThat(sent).containsExactly("a1", "a3");
    }

    @Test
    void when_displaysDiffer_then_eachHasItsOwnInterval() {
        throttle.submit("a", () -> sent.add("a1"));
        throttle.submit("b", () -> sent.add("b1"));
        assertThat(sent).containsExactly("a1", "b1");
    }

    @Test
    void when_cellEnds_then_flushAllSendsPendingUpdatesAndTimerHasNothingLeft() {
        throttle.submit("a", () -> sent.add("a1"));
        throttle.submit("a", () -> sent.add("a2"));
        throttle.flushAll();
        assertThat(sent).containsExactly("a1", "a2");
        runScheduled();
        assertThat(sent).containsExactly("a1", "a2");
    }

    @Test
    void when_intervalHasPassed_then_nextUpdateIsImmediateAgain() {
        throttle.submit("a", () -> sent.add("a1"));
        advanceMillis(300);
        throttle.submit("a", () -> sent.add("a2"));
        assertThat(sent).containsExactly("a1", "a2");
    }

    @Test
    void when_aCallerPacesItself_then_itIsDueOncePerIntervalAndSharesTheIntervalWithSubmit() {
        assertThat(throttle.isDue("v")).isTrue(); // never sent: due at once
        throttle.markSent("v");
        advanceMillis(249);
        assertThat(throttle.isDue("v")).isFalse();
        throttle.submit("v", () -> sent.add("v1")); // the same display through submit waits for the same interval
        assertThat(sent).isEmpty();
        assertThat(delays).containsExactly(TimeUnit.MILLISECONDS.toNanos(1));
        advanceMillis(1);
        assertThat(throttle.isDue("v")).isTrue();
        throttle.forget("v");
        assertThat(throttle.tracked()).isZero();
    }
}
