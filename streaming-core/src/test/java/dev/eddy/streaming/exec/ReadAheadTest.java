package dev.eddy.streaming.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.StreamingQueryException;
import dev.eddy.streaming.api.Trigger;
import dev.eddy.streaming.api.checkpoint.CheckpointStore;
import dev.eddy.streaming.api.checkpoint.InMemoryCheckpointStore;
import dev.eddy.streaming.api.spi.PartitionOffsets;
import dev.eddy.streaming.api.spi.Providers;
import dev.eddy.streaming.api.topic.Topics;
import dev.eddy.streaming.exec.ScriptedSourceProvider.Call;
import dev.eddy.streaming.exec.ScriptedSourceProvider.Feed;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Read-ahead (the next batch read while this one runs its operators and sink) through real queries on their own
 * thread: the rows a batch gets are always those of the range its {@code offsets/N} records, whatever was read ahead;
 * a failure during a read-ahead loses nothing; stop is prompt and leaves no read-ahead thread behind.
 */
class ReadAheadTest {
    private static final long DEADLINE_S = 60;
    private final Eddy eddy = Eddy.create();
    private final String id = "ra-" + UUID.randomUUID();
    private final Feed feed = ScriptedSourceProvider.feed(id);
    /** What the sink got, batch id to rows (a re-run batch replaces the rows of its failed attempt). */
    private final Map<Long, List<Long>> sunk = new TreeMap<>();

    @BeforeAll
    static void register() {
        Providers.register(new ScriptedSourceProvider());
    }

    private StreamingQuery start(Trigger trigger, CheckpointStore store, Sink sink) {
        return eddy.readStream()
                .format(ScriptedSourceProvider.FORMAT)
                .option("id", id)
                .load()
                .writeStream()
                .queryName(id)
                .trigger(trigger)
                .checkpointStore(store)
                .foreachBatch((t, batchId) -> {
                    List<Long> rows = new ArrayList<>(t.longColumn("n").asList());
                    try {
                        sink.accept(batchId, rows);
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    synchronized (sunk) {
                        sunk.put(batchId, rows);
                    }
                })
                .start();
    }

    interface Sink {
        void accept(long batchId, List<Long> rows) throws Exception;
    }

    private static Sink plain() {
        return (b, r) -> {};
    }

    /** The range [from, to) that the offset log records for a batch. */
    private static long[] logged(CheckpointStore store, long batchId) {
        long from = batchId == 0 ? 0 : offset(store, batchId - 1);
        return new long[] {from, offset(store, batchId)};
    }

    private static long offset(CheckpointStore store, long batchId) {
        return Long.parseLong(
                store.offsetsOf(batchId).orElseThrow().sourceOffsets().get(0).trim());
    }

    /** Every batch the sink got holds exactly its logged range, and together they hold 0..total-1 once. */
    private void assertEveryBatchIsItsLoggedRange(CheckpointStore store, long total) {
        List<Long> all = new ArrayList<>();
        synchronized (sunk) {
            for (var e : sunk.entrySet()) {
                long[] r = logged(store, e.getKey());
                assertThat(e.getValue())
                        .as("batch %d", e.getKey())
                        .containsExactlyElementsOf(
                                LongStream.range(r[0], r[1]).boxed().toList());
                all.addAll(e.getValue());
            }
        }
        assertThat(all)
                .containsExactlyElementsOf(LongStream.range(0, total).boxed().toList());
    }

    private boolean readAheadThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("eddy-readahead-" + id) && t.isAlive());
    }

    private static void await(CountDownLatch l) throws InterruptedException {
        assertThat(l.await(DEADLINE_S, TimeUnit.SECONDS)).as("latch opened").isTrue();
    }

    @Test
    void when_batchesRunBackToBack_then_eachNextBatchIsReadAheadAndUsedForExactlyItsLoggedRange() throws Exception {
        feed.cap = 10;
        feed.add(50);
        CheckpointStore store = new InMemoryCheckpointStore();
        StreamingQuery q = start(Trigger.processingTime(Duration.ZERO), store, plain());
        q.processAllAvailable();
        q.stop();

        assertThat(sunk.keySet()).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertEveryBatchIsItsLoggedRange(store, 50);
        // batch 0 was read by the query thread, every later batch by the read-ahead, each once, nothing else read
        assertThat(feed.getBatches(false)).containsExactly(new Call("getBatch", false, 0, 10));
        assertThat(feed.getBatches(true))
                .containsExactly(
                        new Call("getBatch", true, 10, 20),
                        new Call("getBatch", true, 20, 30),
                        new Call("getBatch", true, 30, 40),
                        new Call("getBatch", true, 40, 50));
        assertThat(readAheadThreadAlive()).isFalse();
    }

    @Test
    void when_theLoggedRangeDiffersFromTheRangeReadAhead_then_theReadAheadIsDroppedAndTheLoggedRangeRead()
            throws Exception {
        feed.add(5); // no cap: a batch takes everything there is when it is planned
        CountDownLatch mayPlan = new CountDownLatch(1);
        CountDownLatch aheadPlanned = new CountDownLatch(1);
        CountDownLatch aheadRead = new CountDownLatch(1);
        feed.hook = (kind, from, to) -> {
            if (kind.equals("latestOffset") && from == 5) {
                await(mayPlan);
            } else if (kind.equals("getBatch") && from == 5) {
                aheadPlanned.countDown(); // its range is fixed at [5, to)
            }
        };
        CheckpointStore store = new InMemoryCheckpointStore();
        StreamingQuery q = start(Trigger.processingTime(Duration.ZERO), store, (batchId, rows) -> {
            if (batchId == 0) {
                feed.add(3); // rows 5..7 exist while batch 0 runs: the read-ahead reads [5, 8)
                mayPlan.countDown();
                await(aheadPlanned);
                feed.add(2); // rows 8..9 arrive before batch 1 is planned: it logs [5, 10)
                aheadRead.countDown();
            }
        });
        await(aheadRead);
        q.processAllAvailable();
        q.stop();

        assertThat(q.exception()).isEmpty();
        assertThat(logged(store, 1)).containsExactly(5, 10);
        assertEveryBatchIsItsLoggedRange(store, 10);
        assertThat(feed.getBatches(true)).contains(new Call("getBatch", true, 5, 8));
        assertThat(feed.getBatches(false)).contains(new Call("getBatch", false, 5, 10));
        assertThat(sunk.get(1L)).containsExactly(5L, 6L, 7L, 8L, 9L);
    }

    @Test
    void when_theReadAheadFails_then_theBatchReadsItsLoggedRangeItselfAndTheQueryGoesOn() throws Exception {
        feed.cap = 10;
        feed.add(30);
        AtomicBoolean failed = new AtomicBoolean();
        feed.hook = (kind, from, to) -> {
            if (kind.equals("getBatch") && from == 10 && failed.compareAndSet(false, true)) {
                throw new IllegalStateException("disk hiccup during read-ahead");
            }
        };
        CheckpointStore store = new InMemoryCheckpointStore();
        StreamingQuery q = start(Trigger.processingTime(Duration.ZERO), store, plain());
        q.processAllAvailable();
        q.stop();

        assertThat(failed).isTrue();
        assertThat(q.exception()).isEmpty();
        assertEveryBatchIsItsLoggedRange(store, 30);
        assertThat(feed.getBatches(false)).contains(new Call("getBatch", false, 10, 20));
    }

    @Test
    void when_aBatchFailsWhileTheNextIsReadAhead_then_theQueryFailsAndItsRestartLosesNothing() throws Exception {
        feed.cap = 10;
        feed.add(30);
        CountDownLatch aheadStarted = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        feed.hook = (kind, from, to) -> {
            if (kind.equals("getBatch") && from == 20) {
                aheadStarted.countDown();
                never.await(); // the read-ahead is still reading when batch 1 fails: only an interrupt ends it
            }
        };
        AtomicBoolean sinkDown = new AtomicBoolean(true);
        CheckpointStore store = new InMemoryCheckpointStore();
        Sink failing = (batchId, rows) -> {
            if (batchId == 1 && sinkDown.get()) {
                await(aheadStarted);
                throw new IllegalStateException("sink down");
            }
        };
        StreamingQuery q = start(Trigger.processingTime(Duration.ZERO), store, failing);
        assertThatThrownBy(() -> q.awaitTermination(DEADLINE_S * 1000))
                .isInstanceOf(StreamingQueryException.class)
                .hasMessageContaining("sink down");
        assertThat(readAheadThreadAlive()).isFalse();
        assertThat(store.lastCommittedBatch()).hasValue(0);

        sinkDown.set(false);
        feed.hook = (kind, from, to) -> {};
        StreamingQuery again = start(Trigger.processingTime(Duration.ZERO), store, failing);
        again.processAllAvailable();
        again.stop();
        assertThat(again.exception()).isEmpty();
        assertThat(sunk.keySet()).containsExactly(0L, 1L, 2L);
        assertEveryBatchIsItsLoggedRange(store, 30);
    }

    @Test
    void when_stoppedWhileWaitingForAReadAheadStuckInItsSource_then_stopReturnsAndNoReadAheadThreadIsLeft()
            throws Exception {
        feed.cap = 10;
        feed.add(20);
        CountDownLatch stuck = new CountDownLatch(1);
        feed.hook = (kind, from, to) -> {
            if (kind.equals("getBatch") && from == 10) {
                stuck.countDown();
                // like a broker wait: deaf to interrupts, ends only when the source is cancelled
                while (true) {
                    try {
                        feed.cancelled.await();
                        break;
                    } catch (InterruptedException ignored) {
                        // keeps waiting
                    }
                }
                throw new CancellationException("cancelled");
            }
        };
        StreamingQuery q = start(Trigger.processingTime(Duration.ZERO), new InMemoryCheckpointStore(), plain());
        await(stuck);
        CompletableFuture<Void> stop = CompletableFuture.runAsync(q::stop);
        stop.get(DEADLINE_S, TimeUnit.SECONDS);

        assertThat(q.isActive()).isFalse();
        assertThat(q.exception()).isEmpty();
        assertThat(feed.cancelled.getCount()).isZero();
        assertThat(readAheadThreadAlive()).isFalse();
        assertThat(sunk.keySet()).containsExactly(0L);
    }

    @Test
    void when_theEmbeddedTopicIsReadAhead_then_everyBatchHoldsExactlyTheOffsetsItsLogRecords() throws Exception {
        String registry = "ra-topics-" + UUID.randomUUID();
        Topics topics = new Topics(eddy.clock()).registerAs(registry);
        try {
            topics.create("bids", 3);
            var producer = topics.producer("bids");
            for (int i = 0; i < 300; i++) {
                producer.send(null, ("v" + i).getBytes(StandardCharsets.UTF_8), i % 3 == 2 ? 2 : i % 2, -1, List.of());
            }
            CheckpointStore store = new InMemoryCheckpointStore();
            Map<Long, List<long[]>> batches = new TreeMap<>();
            StreamingQuery q = eddy.readStream()
                    .format("topic")
                    .option("topics", registry)
                    .option("topic", "bids")
                    .option("startingOffsets", "earliest")
                    .option("maxOffsetsPerTrigger", 40)
                    .load()
                    .writeStream()
                    .queryName(id)
                    .trigger(Trigger.processingTime(Duration.ZERO))
                    .checkpointStore(store)
                    .foreachBatch((t, batchId) -> {
                        List<long[]> rows = new ArrayList<>();
                        for (int r = 0; r < t.rowCount(); r++) {
                            rows.add(new long[] {
                                t.intColumn("partition").getInt(r),
                                t.longColumn("offset").getLong(r)
                            });
                        }
                        batches.put(batchId, rows);
                    })
                    .start();
            q.processAllAvailable();
            q.stop();
            assertThat(q.exception()).isEmpty();

            assertThat(batches).hasSizeGreaterThanOrEqualTo(8); // 300 records, at most 40 a batch
            long total = 0;
            for (var e : batches.entrySet()) {
                PartitionOffsets to = PartitionOffsets.parse(store.offsetsOf(e.getKey())
                        .orElseThrow()
                        .sourceOffsets()
                        .get(0));
                PartitionOffsets from = e.getKey() == 0
                        ? null
                        : PartitionOffsets.parse(store.offsetsOf(e.getKey() - 1)
                                .orElseThrow()
                                .sourceOffsets()
                                .get(0));
                List<String> expected = new ArrayList<>();
                for (int p = 0; p < 3; p++) {
                    long start = from == null || !from.positions().containsKey(p) ? 0 : from.position(p);
                    for (long o = start; o < to.position(p); o++) {
                        expected.add(p + ":" + o);
                    }
                }
                assertThat(e.getValue())
                        .extracting(r -> r[0] + ":" + r[1])
                        .as("batch %d", e.getKey())
                        .containsExactlyInAnyOrderElementsOf(expected);
                total += e.getValue().size();
            }
            assertThat(total).isEqualTo(300);
        } finally {
            Topics.unregister(registry);
        }
    }

    @Test
    void when_everyReadAheadIsDropped_then_readAheadBacksOffAndBatchesStillHoldTheirLoggedRanges() throws Exception {
        // no cap, and a row arrives in every batch's sink and another while the read-ahead reads: the next batch always
        // plans a longer range than the one read ahead, so every read-ahead is dropped
        feed.add(1);
        Object monitor = new Object();
        int rounds = 20;
        int[] sinkAdds = {0};
        feed.hook = (kind, from, to) -> {
            if (kind.equals("latestOffset")) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_S);
                synchronized (monitor) {
                    while (sinkAdds[0] < rounds && feed.rows.get() <= from && System.nanoTime() < deadline) {
                        monitor.wait(100); // until this batch's sink has added its row
                    }
                }
            } else {
                feed.add(1);
            }
        };
        CheckpointStore store = new InMemoryCheckpointStore();
        StreamingQuery q = start(Trigger.processingTime(Duration.ZERO), store, (batchId, rows) -> {
            synchronized (monitor) {
                if (sinkAdds[0] < rounds) {
                    sinkAdds[0]++;
                    feed.add(1);
                }
                monitor.notifyAll();
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_S);
        while (true) {
            synchronized (monitor) {
                if (sinkAdds[0] >= rounds || System.nanoTime() > deadline) {
                    break;
                }
                monitor.wait(100);
            }
        }
        q.processAllAvailable();
        q.stop();

        assertThat(q.exception()).isEmpty();
        assertThat(sunk.size()).isGreaterThanOrEqualTo(rounds);
        assertEveryBatchIsItsLoggedRange(store, feed.rows.get());
        // dropped at batches 0, 2, 5, 10, 19 (pauses of 1, 2, 4, 8 batches), not at every one of the 20 batches
        assertThat(feed.getBatches(true)).hasSizeBetween(2, 6);
    }
}
