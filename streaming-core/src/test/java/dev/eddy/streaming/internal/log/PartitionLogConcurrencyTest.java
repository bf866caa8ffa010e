package dev.eddy.streaming.internal.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.topic.TopicConfig;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PartitionLogConcurrencyTest {

    @Test
    void when_writersAndReadersRunTogether_then_readersSeeEveryRecordOnceInOrder() throws Exception {
        TopicLog log = new TopicLog(TopicConfig.of("t", 2));
        int writers = 4;
        int perWriter = 20_000;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            List<Future<Object>> written = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int id = w;
                written.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perWriter; i++) {
                        log.append(
                                id % 2,
                                i,
                                i,
                                null,
                                ByteBuffer.allocate(8).putInt(id).putInt(i).array(),
                                List.of());
                    }
                    return null;
                }));
            }
            Future<long[]> reader = pool.submit(() -> readUntil(log, 0, (long) writers / 2 * perWriter, start));
            start.countDown();
            long[] lastSeenPerWriter = reader.get(60, TimeUnit.SECONDS);
            assertThat(lastSeenPerWriter[0]).isEqualTo(perWriter - 1);
            assertThat(lastSeenPerWriter[2]).isEqualTo(perWriter - 1);
            for (Future<Object> f : written) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(log.partition(0).latestOffset()).isEqualTo(2L * perWriter);
        assertThat(log.partition(1).latestOffset()).isEqualTo(2L * perWriter);
    }

    /** Reads partition p while writers run; checks each writer's sequence arrives gap-free and in order. */
    private static long[] readUntil(TopicLog log, int p, long total, CountDownLatch start) throws InterruptedException {
        start.await();
        long[] last = {-1, -1, -1, -1};
        long[] expectedOffset = {0};
        long pos = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(50);
        while (pos < total && System.nanoTime() < deadline) {
            pos = log.partition(p).read(pos, pos + 1000, (off, ts, k, v, hs) -> {
                ByteBuffer b = ByteBuffer.wrap(v);
                int writer = b.getInt();
                int seq = b.getInt();
                if (off != expectedOffset[0]++ || seq != last[writer] + 1) {
                    throw new AssertionError(
                            "offset " + off + " writer " + writer + " seq " + seq + " after " + last[writer]);
                }
                last[writer] = seq;
            });
            Thread.onSpinWait();
        }
        return last;
    }
}
