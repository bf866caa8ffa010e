package dev.eddy.kernel.internal.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamBufferTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<String> sent = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void when_manyWritesHappenBeforeAFlush_then_oneMessageCarriesThemAll() {
        StreamBuffer b = new StreamBuffer("stdout", timer, sent::add);
        for (int i = 0; i < 100; i++) {
            write(b, "line " + i + "\n");
        }
        b.flush();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0)).startsWith("line 0\n").endsWith("line 99\n");
    }

    @Test
    void when_timerFires_then_bufferedTextIsSentWithoutExplicitFlush() throws InterruptedException {
        CountDownLatch got = new CountDownLatch(1);
        StreamBuffer b = new StreamBuffer("stdout", timer, t -> {
            sent.add(t);
            got.countDown();
        });
        write(b, "hello");
        assertThat(got.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sent).containsExactly("hello");
    }

    @Test
    void when_bufferPassesTheSizeThreshold_then_itIsSentAtOnce() {
        StreamBuffer b = new StreamBuffer("stdout", timer, sent::add);
        write(b, "x".repeat(StreamBuffer.FLUSH_SIZE));
        assertThat(sent).hasSize(1);
    }

    @Test
    void when_aCharacterIsSplitAcrossWrites_then_itIsNeverSentHalf() {
        StreamBuffer b = new StreamBuffer("stdout", timer, sent::add);
        byte[] e = "é€".getBytes(StandardCharsets.UTF_8);
        b.write(e, 0, 1);
        b.flush();
        assertThat(sent).isEmpty();
        b.write(e, 1, 3);
        b.flush();
        b.write(e, 4, 1);
        b.flush();
        assertThat(String.join("", sent)).isEqualTo("é€");
    }

    @Test
    void when_nothingWasWritten_then_flushSendsNothing() {
        new StreamBuffer("stderr", timer, sent::add).flush();
        assertThat(sent).isEmpty();
    }

    private static void write(StreamBuffer b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.write(bytes, 0, bytes.length);
    }
}
