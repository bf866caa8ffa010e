package dev.eddy.streaming.internal.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void when_pausesRepeat_then_theDelayDoublesUpToTheBoundAndResetStartsOver() {
        Backoff b = new Backoff(Duration.ofMillis(1), Duration.ofMillis(5));
        assertThat(b.nextMillis()).isEqualTo(1);
        b.pause();
        assertThat(b.nextMillis()).isEqualTo(2);
        b.pause();
        b.pause();
        assertThat(b.nextMillis()).isEqualTo(5);
        b.reset();
        assertThat(b.nextMillis()).isEqualTo(1);
    }

    @Test
    void when_cancelledDuringALongWait_then_theWaitEndsWithCancellation() throws Exception {
        Backoff b = new Backoff(Duration.ofHours(1), Duration.ofHours(1));
        CompletableFuture<Throwable> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                b.pause();
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        b.cancel();
        assertThat(waiter.get(30, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
        assertThatThrownBy(b::throwIfCancelled).isInstanceOf(CancellationException.class);
    }
}
