package dev.eddy.streaming.internal.source.kafka;

import static dev.eddy.streaming.internal.source.kafka.FakeLog.TOPIC;
import static dev.eddy.streaming.internal.source.kafka.FakeLog.expected;
import static dev.eddy.streaming.internal.source.kafka.FakeLog.offsets;
import static dev.eddy.streaming.internal.source.kafka.FakeLog.offsetsByPartition;
import static dev.eddy.streaming.internal.source.kafka.FakeLog.tp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.spi.SourceContext;
import dev.eddy.streaming.internal.retry.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Parallel fetchers of one batch, on consumers that serve a fake log (no broker): which records a batch reads, in
 * what order, and what happens when a fetcher fails, the reading thread is interrupted, or the reader is closed.
 */
class KafkaBatchReaderTest {
    private final List<LogConsumer> consumers = new ArrayList<>();
    private KafkaBatchReader reader;
    private final KafkaRowReader rows = new KafkaRowReader();

    @AfterEach
    void close() {
        if (reader != null) {
            reader.close();
        }
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
                rows,
                new KafkaSourceStatus(true),
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(100)));
        return reader;
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
        List<Map<TopicPartition, Long>> groups = KafkaFetchGroups.of(stops, sizes, 2);
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

    @Test
    void when_batchesFollowEachOther_then_theConsumerContinuesWithoutSeekAndNothingIsFetchedTwice() {
        KafkaBatchReader r = reader(1, 1);
        LogConsumer c = consumers.get(0);
        assertReadsConsecutiveBatches(r, new long[][] {{0, 0}, {10, 4}, {11, 30}, {40, 31}, {70, 95}});

        assertThat(c.seeks).as("only the first batch seeks (one per partition)").isEqualTo(2);
        assertThat(c.assigns).isEqualTo(1);
        assertThat(r.continuedAndSought().get(0)).containsExactly(3, 1);
        for (int p = 0; p < 2; p++) {
            List<Long> fetched = c.fetched(tp(p));
            assertThat(fetched).as("partition %d fetched once per offset", p).doesNotHaveDuplicates();
            assertThat(fetched)
                    .startsWith(expected(offsets(0, 0), offsets(70, 95)).get(p).toArray(Long[]::new));
        }
    }

    @Test
    void when_aBatchIsReadAgainOrStartsElsewhere_then_theConsumerSeeksAndReadsExactlyTheLoggedRange() {
        KafkaBatchReader r = reader(1, 1);
        KafkaOffset a = offsets(0, 0);
        KafkaOffset b = offsets(20, 15);
        KafkaOffset later = offsets(50, 50);
        KafkaOffset end = offsets(60, 70);

        Batch first = r.read(a, b, "batch 1");
        Batch again = r.read(a, b, "batch 1 re-planned"); // a failed batch run again from its logged range
        Batch jump = r.read(later, end, "rewound"); // a start that is not where the last batch ended
        Batch next = r.read(end, offsets(61, 100), "batch 3");

        assertThat(offsetsByPartition(first)).isEqualTo(expected(a, b));
        assertThat(offsetsByPartition(again)).isEqualTo(expected(a, b));
        assertThat(offsetsByPartition(jump)).isEqualTo(expected(later, end));
        assertThat(offsetsByPartition(next)).isEqualTo(expected(end, offsets(61, 100)));
        assertThat(r.continuedAndSought().get(0)).containsExactly(1, 3);
    }

    @Test
    void when_partitionsAreAddedOrABatchFails_then_theNextBatchSeeksAndLosesNothing() {
        KafkaBatchReader r = reader(1, 1);
        r.carryLimit(6); // so that batch 3's records are not all fetched ahead before its poll fails
        LogConsumer c = consumers.get(0);
        KafkaOffset two = offsets(0, 0);
        KafkaOffset twoEnd = offsets(10, 10);
        KafkaOffset threeEnd = offsets(20, 20, 15);
        assertThat(offsetsByPartition(r.read(two, twoEnd, "batch 1"))).isEqualTo(expected(two, twoEnd));

        // a partition added: it enters at its earliest offset
        KafkaOffset threeFrom = offsets(10, 10, 0);
        assertThat(offsetsByPartition(r.read(threeFrom, threeEnd, "batch 2"))).isEqualTo(expected(threeFrom, threeEnd));

        c.setPollException(new KafkaException("broken fetch"));
        assertThatThrownBy(() -> r.read(threeEnd, offsets(40, 40, 40), "batch 3"))
                .hasMessageContaining("broken fetch");
        assertThat(c.assignment()).as("a failed batch drops its assignment").isEmpty();
        assertThat(offsetsByPartition(r.read(threeEnd, offsets(40, 40, 40), "batch 3")))
                .isEqualTo(expected(threeEnd, offsets(40, 40, 40)));
        assertThat(r.continuedAndSought().get(0)).containsExactly(1, 3);
    }

    @Test
    void when_twoFetchersReadConsecutiveBatches_then_eachRecordIsReadOnce() {
        KafkaBatchReader r = reader(2, 2);
        assertReadsConsecutiveBatches(
                r,
                new long[][] {{0, 0, 0, 0}, {30, 20, 10, 5}, {31, 60, 10, 40}, {90, 61, 50, 41}, {100, 100, 100, 100}});
    }

    @Test
    void when_onePartitionIsDoneLongBeforeAnother_then_whatItCarriesIsBoundedAndTheNextBatchStillReadsItAll() {
        KafkaBatchReader r = reader(1, 1);
        r.carryLimit(6);
        LogConsumer c = consumers.get(0);
        KafkaOffset from = offsets(0, 0);
        KafkaOffset to = offsets(3, 60); // partition 0 is done after the first poll, partition 1 after twenty

        assertThat(offsetsByPartition(r.read(from, to, "batch 1"))).isEqualTo(expected(from, to));
        // done partitions are paused once six records are kept: at most one more poll (three) on top
        assertThat(c.fetched(tp(0)).size()).isLessThanOrEqualTo(3 + 6 + 3);

        KafkaOffset end = offsets(50, 90);
        assertThat(offsetsByPartition(r.read(to, end, "batch 2"))).isEqualTo(expected(to, end));
        assertThat(c.fetched(tp(0))).doesNotHaveDuplicates();
        assertThat(r.continuedAndSought().get(0)).containsExactly(1, 1);
    }

    @Test
    void when_aBatchRangeHoldsEveryRecordDecodedForIt_then_theBatchIsTheDecodedColumnsWithoutACopy() {
        KafkaBatchReader r = reader(1, 1);
        KafkaOffset from = offsets(0, 0);
        KafkaOffset mid = offsets(10, 4);
        KafkaOffset end = offsets(FakeLog.LOG_END, FakeLog.LOG_END);

        // batch 1 waits from its first poll: its records go into its columns, the later ones into batch 2's
        assertThat(offsetsByPartition(r.read(from, mid, "batch 1"))).isEqualTo(expected(from, mid));
        // batch 2 reads to the log's end: every record decoded ahead (before it asked) is in its range
        assertThat(offsetsByPartition(r.read(mid, end, "batch 2"))).isEqualTo(expected(mid, end));

        assertThat(r.wholeAndGathered()).containsExactly(2, 0);
    }

    @Test
    void when_recordsDecodedAheadReachPastABatchStop_then_itsRowsAreGatheredOutAndTheRestKeptForTheNext() {
        KafkaBatchReader r = reader(1, 1);
        KafkaOffset from = offsets(0, 0);
        KafkaOffset end = offsets(FakeLog.LOG_END, FakeLog.LOG_END);
        assertThat(offsetsByPartition(r.read(offsets(0, 0), offsets(1, 1), "batch 1")))
                .isEqualTo(expected(from, offsets(1, 1)));
        LogConsumer c = consumers.get(0);
        int ahead = 2 * (FakeLog.LOG_END - 1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (r.decodedAhead() < ahead && System.nanoTime() < deadline) {
            Thread.yield(); // no batch waits: the fetch thread reads ahead to the log's end, the decode thread decodes
        }
        assertThat(r.decodedAhead()).isEqualTo(ahead);

        KafkaOffset[] bounds = {offsets(1, 1), offsets(30, 7), offsets(31, 60), end};
        for (int i = 0; i + 1 < bounds.length; i++) {
            assertThat(offsetsByPartition(r.read(bounds[i], bounds[i + 1], "batch " + (i + 2))))
                    .as("batch %d", i + 2)
                    .isEqualTo(expected(bounds[i], bounds[i + 1]));
        }
        assertThat(r.wholeAndGathered())
                .as("batches 2 and 3 cut what was decoded ahead, 1 and 4 take it whole")
                .containsExactly(2, 2);
        assertThat(c.fetched(tp(0))).doesNotHaveDuplicates();
        assertThat(r.continuedAndSought().get(0)).containsExactly(3, 1);
    }

    @Test
    void when_topicAndPartitionAreNotRead_then_theyAreLeftNullAndTheOtherColumnsAreRead() {
        KafkaBatchReader r = reader(1, 1);
        rows.prune(Set.of("value", "offset"));

        Batch b = r.read(offsets(0, 5), offsets(10, 20), "batch 1");

        assertThat(b.numRows()).isEqualTo(25);
        for (Row row : b) {
            assertThat(row.isNull("topic")).isTrue();
            assertThat(row.isNull("partition")).isTrue();
            assertThat(row.getString("value")).endsWith("-" + row.getLong("offset"));
        }
    }

    /** Reads batch after batch, from each bound (offsets by partition) to the next: each the records of its range. */
    private static void assertReadsConsecutiveBatches(KafkaBatchReader r, long[][] bounds) {
        for (int i = 0; i + 1 < bounds.length; i++) {
            KafkaOffset from = offsets(bounds[i]);
            KafkaOffset to = offsets(bounds[i + 1]);
            assertThat(offsetsByPartition(r.read(from, to, "batch " + i)))
                    .as("batch %d", i)
                    .isEqualTo(expected(from, to));
        }
    }

    private static SourceContext context(Map<String, String> options) {
        return new SourceContext(options, Optional.empty(), new ManualClock(0), Optional.empty());
    }

    private static List<Thread> fetchThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("eddy-kafka-fetch") && t.isAlive())
                .toList();
    }
}
