package dev.eddy.streaming.internal.source.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.spi.SourceContext;
import dev.eddy.streaming.internal.retry.Backoff;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Parallel fetchers of one batch, on consumers that serve a fake log (no broker): which records a batch reads, in
 * what order, and what happens when a fetcher fails, the reading thread is interrupted, or the reader is closed.
 */
class KafkaBatchReaderTest {
    private static final String TOPIC = "t";
    private static final int LOG_END = 100;

    private final List<LogConsumer> consumers = new ArrayList<>();
    private KafkaBatchReader reader;

    @AfterEach
    void close() {
        if (reader != null) {
            reader.close();
        }
    }

    private static TopicPartition tp(int p) {
        return new TopicPartition(TOPIC, p);
    }

    private KafkaBatchReader reader(int maxFetchers, int consumerCount) {
        for (int i = 0; i < consumerCount; i++) {
            consumers.add(new LogConsumer());
        }
        KafkaSourceOptions options = KafkaSourceOptions.from(new SourceContext(
                Map.of("kafka.bootstrap.servers", "fake:9092", "subscribe", TOPIC, "kafka.timeoutMs", "60000"),
                Optional.empty(),
                new ManualClock(0),
                Optional.empty()));
        int[] made = {1};
        reader = new KafkaBatchReader(
                consumers.get(0),
                () -> consumers.get(made[0]++),
                maxFetchers,
                options,
                new KafkaRowReader(),
                new KafkaSourceStatus(true),
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(100)));
        return reader;
    }

    private static KafkaOffset offsets(long... byPartition) {
        Map<TopicPartition, Long> m = new HashMap<>();
        for (int p = 0; p < byPartition.length; p++) {
            m.put(tp(p), byPartition[p]);
        }
        return new KafkaOffset(m);
    }

    @Test
    void when_partitionsAreReadByTwoFetchers_then_eachRecordOfTheRangeIsReadOnceInOffsetOrderPerPartition() {
        KafkaBatchReader r = reader(2, 2);
        KafkaOffset from = offsets(10, 0, 5, 50);
        KafkaOffset to = offsets(60, 40, 5, 100);

        Batch b = r.read(from, to, "batch 1");

        Map<Integer, List<Long>> seen = new HashMap<>();
        for (Row row : b) {
            int p = row.getInt("partition");
            long offset = row.getLong("offset");
            assertThat(row.getString("value")).isEqualTo(p + "-" + offset);
            seen.computeIfAbsent(p, k -> new ArrayList<>()).add(offset);
        }
        for (int p = 0; p < 4; p++) {
            List<Long> expected = new ArrayList<>();
            for (long o = from.position(tp(p)); o < to.position(tp(p)); o++) {
                expected.add(o);
            }
            assertThat(seen.getOrDefault(p, List.of())).as("partition %d", p).isEqualTo(expected);
        }
        // both consumers read, and no partition was read by both
        assertThat(consumers.get(0).everAssigned).isNotEmpty();
        assertThat(consumers.get(1).everAssigned).isNotEmpty();
        assertThat(consumers.get(0).everAssigned).doesNotContainAnyElementsOf(consumers.get(1).everAssigned);
        // a partition with nothing to read is assigned to nobody
        assertThat(consumers.get(0).everAssigned).doesNotContain(tp(2));
        assertThat(consumers.get(1).everAssigned).doesNotContain(tp(2));
    }

    @Test
    void when_oneFetcherFails_then_theBatchFailsWithItsErrorAndTheOtherFetcherIsStopped() {
        KafkaBatchReader r = reader(2, 2);
        // partition 0 has the larger range, so it goes to the first consumer; partition 1 to the second
        consumers.get(0).setPollException(new KafkaException("broken fetch"));
        consumers.get(1).holdPolls();

        assertThatThrownBy(() -> r.read(offsets(0, 0), offsets(80, 40), "batch 1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot read from Kafka at fake:9092")
                .hasMessageContaining("broken fetch");

        assertThat(consumers.get(1).wokenUp).isTrue();
        assertThat(consumers).allSatisfy(c -> assertThat(c.assignment()).isEmpty());
        // the next batch reads normally: no wake-up is left pending on either consumer
        consumers.get(1).releasePolls();
        Batch again = r.read(offsets(0, 0), offsets(80, 40), "batch 1");
        assertThat(again.numRows()).isEqualTo(120);
    }

    @Test
    void when_theReadingThreadIsInterrupted_then_theReadIsCancelledAndEveryFetcherStops() throws Exception {
        KafkaBatchReader r = reader(2, 2);
        consumers.forEach(LogConsumer::holdPolls);
        FutureTask<Batch> read = new FutureTask<>(() -> r.read(offsets(0, 0), offsets(50, 50), "batch 1"));
        Thread readingThread = new Thread(read, "reading");
        readingThread.start();
        for (LogConsumer c : consumers) {
            assertThat(c.polling.await(10, TimeUnit.SECONDS)).isTrue();
        }

        readingThread.interrupt();

        assertThatThrownBy(() -> read.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(CancellationException.class);
        assertThat(consumers).allSatisfy(c -> assertThat(c.wokenUp).isTrue());
        assertThat(consumers).allSatisfy(c -> assertThat(c.assignment()).isEmpty());
        consumers.forEach(LogConsumer::releasePolls);
        assertThat(r.read(offsets(0, 0), offsets(50, 50), "batch 1").numRows()).isEqualTo(100);
    }

    @Test
    void when_theReaderIsClosed_then_noFetchThreadIsLeftAndTheConsumersItMadeAreClosed() {
        KafkaBatchReader r = reader(3, 3);
        r.read(offsets(0, 0, 0), offsets(30, 30, 30), "batch 1");
        assertThat(fetchThreads()).isNotEmpty();

        r.close();
        reader = null;

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!fetchThreads().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(fetchThreads()).isEmpty();
        assertThat(consumers.get(1).closed()).isTrue();
        assertThat(consumers.get(2).closed()).isTrue();
        assertThat(consumers.get(0).closed())
                .as("the source closes its own consumer")
                .isFalse();
    }

    @Test
    void when_onlyOnePartitionHasRecords_then_oneConsumerReadsIt() {
        KafkaBatchReader r = reader(4, 4);
        Batch b = r.read(offsets(0, 7), offsets(0, 27), "batch 1");
        assertThat(b.numRows()).isEqualTo(20);
        assertThat(consumers.get(0).everAssigned).containsExactly(tp(1));
        assertThat(consumers.subList(1, 4))
                .allSatisfy(c -> assertThat(c.everAssigned).isEmpty());
    }

    @Test
    void when_partitionsHaveUnequalRanges_then_theGroupsCarryAboutEqualRecordCounts() {
        Map<TopicPartition, Long> stops = new HashMap<>();
        Map<TopicPartition, Long> sizes = new HashMap<>();
        long[] size = {100, 60, 50, 40, 10};
        for (int p = 0; p < size.length; p++) {
            stops.put(tp(p), 1000L);
            sizes.put(tp(p), size[p]);
        }
        List<Map<TopicPartition, Long>> groups = KafkaBatchReader.groups(stops, sizes, 2);
        // largest first, each to the lighter group: 100 | 60, 50 (110) | 40 to the first (140) | 10 to the second
        assertThat(groups.get(0)).containsOnlyKeys(tp(0), tp(3));
        assertThat(groups.get(1)).containsOnlyKeys(tp(1), tp(2), tp(4));
    }

    @Test
    void when_fetchThreadsIsOutOfRange_then_theOptionIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> KafkaSourceProvider.fetchThreads(context(Map.of("fetchThreads", "0"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option 'fetchThreads' must be between 1 and 64, got 0");
        assertThat(KafkaSourceProvider.fetchThreads(context(Map.of("fetchThreads", "3"))))
                .isEqualTo(3);
        assertThat(KafkaSourceProvider.fetchThreads(context(Map.of()))).isEqualTo(1);
    }

    private static SourceContext context(Map<String, String> options) {
        return new SourceContext(options, Optional.empty(), new ManualClock(0), Optional.empty());
    }

    private static List<Thread> fetchThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("eddy-kafka-fetch") && t.isAlive())
                .toList();
    }

    /**
     * A consumer over a log of {@value #LOG_END} records per partition (value "partition-offset"), three records per
     * partition per poll. Held, a poll waits (as for a fetch response) until released or woken up.
     */
    private static final class LogConsumer extends MockConsumer<ByteBuffer, ByteBuffer> {
        final Set<TopicPartition> everAssigned = new HashSet<>();
        final CountDownLatch polling = new CountDownLatch(1);
        volatile boolean wokenUp;
        private volatile CountDownLatch hold = new CountDownLatch(0);

        LogConsumer() {
            super("none");
        }

        void holdPolls() {
            hold = new CountDownLatch(1);
        }

        void releasePolls() {
            hold.countDown();
        }

        @Override
        public synchronized void assign(Collection<TopicPartition> partitions) {
            everAssigned.addAll(partitions);
            super.assign(partitions);
        }

        @Override
        public ConsumerRecords<ByteBuffer, ByteBuffer> poll(Duration timeout) {
            polling.countDown();
            CountDownLatch h = hold;
            if (h.getCount() > 0) {
                try {
                    h.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            synchronized (this) {
                for (TopicPartition tp : assignment()) {
                    if (!paused().contains(tp)) {
                        long at = position(tp);
                        for (long o = at; o < Math.min(at + 3, LOG_END); o++) {
                            byte[] v = (tp.partition() + "-" + o).getBytes(StandardCharsets.UTF_8);
                            addRecord(new ConsumerRecord<>(TOPIC, tp.partition(), o, null, ByteBuffer.wrap(v)));
                        }
                    }
                }
                return super.poll(timeout);
            }
        }

        @Override
        public synchronized void wakeup() {
            wokenUp = true;
            super.wakeup();
            hold.countDown(); // ends a held poll, which then throws the WakeupException
        }
    }
}
