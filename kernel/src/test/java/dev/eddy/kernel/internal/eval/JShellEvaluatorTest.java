package dev.eddy.kernel.internal.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What background warm-ups rely on: the warm-up's completion and the idle gate. */
class JShellEvaluatorTest {
    private static JShellEvaluator java;

    @BeforeAll
    static void start() {
        java = new JShellEvaluator(System.getProperty("java.class.path"), List.of(), System.err);
    }

    @AfterAll
    static void stop() {
        java.close();
    }

    @Test
    void when_warmUpIsQueued_then_itsFutureCompletesAfterJShellIsReady() throws Exception {
        CompletableFuture<Void> warm = java.warmUp(List.of("int warmTest = 1;"));
        warm.get(60, TimeUnit.SECONDS);
        assertThat(java.call(() -> java.variable("warmTest"))).isEmpty(); // warm-up snippets are dropped
    }

    @Test
    void when_requestIsRunning_then_idleWaitEndsOnlyAQuietTimeAfterIt() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong callEnded = new AtomicLong();
        CompletableFuture<Void> request = CompletableFuture.runAsync(() -> {
            try {
                java.call(() -> {
                    entered.countDown();
                    release.await();
                    callEnded.set(
                            System.nanoTime()); // the request ends after this, so the quiet time counts from later
                    return null;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(entered.await(60, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Long> idle = CompletableFuture.supplyAsync(() -> {
            try {
                java.awaitIdle(100);
                return System.nanoTime();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        release.countDown();
        request.get(30, TimeUnit.SECONDS);
        long idleAt = idle.get(30, TimeUnit.SECONDS);
        assertThat(idleAt - callEnded.get()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
    }
}
