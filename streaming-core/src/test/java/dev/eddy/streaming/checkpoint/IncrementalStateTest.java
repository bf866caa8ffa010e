package dev.eddy.streaming.checkpoint;

import static dev.eddy.streaming.api.expr.Functions.add;
import static dev.eddy.streaming.api.expr.Functions.and;
import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.count;
import static dev.eddy.streaming.api.expr.Functions.eq;
import static dev.eddy.streaming.api.expr.Functions.ge;
import static dev.eddy.streaming.api.expr.Functions.interval;
import static dev.eddy.streaming.api.expr.Functions.le;
import static dev.eddy.streaming.api.expr.Functions.sessionWindow;
import static dev.eddy.streaming.api.expr.Functions.sum;
import static dev.eddy.streaming.api.expr.Functions.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.checkpoint.CheckpointInfo;
import dev.eddy.streaming.api.checkpoint.CorruptCheckpointException;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.function.GroupStateTimeout;
import dev.eddy.streaming.api.function.StateCodec;
import dev.eddy.streaming.api.progress.QueryProgress;
import dev.eddy.streaming.api.progress.StateOperatorProgress;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * Incremental state files: every stateful operator, run with deltas, a short snapshot interval, few retained
 * batches and a restart every other batch, gives the same output and the same restored state as an uninterrupted
 * run that writes a full snapshot after every batch.
 */
class IncrementalStateTest {
    private static final Schema EVENTS = Schema.of(
            Field.of("ts", DataType.TIMESTAMP), Field.of("user", DataType.STRING), Field.of("n", DataType.LONG));
    private static final Schema CLICKS =
            Schema.of(Field.of("clickUser", DataType.STRING), Field.of("clickTime", DataType.TIMESTAMP));
    private static final String[] USERS = {"ann", "bob", "cy", "dee", "eve"};
    private static final int BATCHES = 12;

    @TempDir
    Path dir;

    /** Batch i: four events ~3 s after the previous batch's (watermarks move and evict) and one repeated event. */
    private static Object[][] events(int i) {
        List<Object[]> rows = new ArrayList<>();
        for (int j = 0; j < 4; j++) {
            rows.add(new Object[] {Instant.ofEpochSecond(100 + i * 3L + j % 3), USERS[(i * 2 + j) % 5], j + 1L});
        }
        if (i > 0) {
            rows.add(new Object[] {Instant.ofEpochSecond(100 + (i - 1) * 3L), USERS[((i - 1) * 2) % 5], 1L});
        }
        return rows.toArray(Object[][]::new);
    }

    /**
     * Batch i: a click on an event of the same batch, and one on the second event of the batch before, whose user
     * has no event in batch i (so only the click changes that buffered row: it is matched now).
     */
    private static Object[][] clicks(int i) {
        int p = Math.max(i, 1) - 1;
        return new Object[][] {
            {USERS[i * 2 % 5], Instant.ofEpochSecond(101 + i * 3L)},
            {USERS[(p * 2 + 1) % 5], Instant.ofEpochSecond(104 + p * 3L)}
        };
    }

    /** Per trigger: the rows emitted and the state restored from the checkpoint; and all state rows removed. */
    private record Run(List<List<String>> outputs, List<List<String>> states, long removed) {}

    /** Runs the query over {@link #BATCHES} batches, restarting it after every {@code restartEvery} batches. */
    private static Run run(
            BiFunction<MemoryStream, MemoryStream, Dataset> query,
            String mode,
            Path ckpt,
            int snapshotInterval,
            int retain,
            int restartEvery) {
        ManualClock clock = new ManualClock(1_700_000_000_000L);
        Eddy eddy = Eddy.builder().clock(clock).build();
        MemoryStream events = eddy.memoryStream(EVENTS);
        MemoryStream clicks = eddy.memoryStream(CLICKS);
        Dataset ds = query.apply(events, clicks);
        List<List<String>> outputs = new ArrayList<>();
        List<List<String>> states = new ArrayList<>();
        long removed = 0;
        QueryTestDriver d = null;
        for (int i = 0; i < BATCHES; i++) {
            if (d == null) {
                d = QueryTestDriver.start(ds.writeStream()
                        .outputMode(mode)
                        .checkpointLocation(ckpt.toString())
                        .option("stateSnapshotInterval", Integer.toString(snapshotInterval))
                        .option("minBatchesToRetain", Integer.toString(retain)));
            }
            events.addData(events(i));
            clicks.addData(clicks(i));
            clock.advance(1000);
            QueryTestDriver.TriggerResult r = d.runTrigger();
            outputs.add(sorted(r.newRows()));
            for (QueryProgress p : r.batches()) {
                removed += p.stateOperators().stream()
                        .mapToLong(StateOperatorProgress::numRowsRemoved)
                        .sum();
            }
            states.add(restoredState(ckpt));
            if ((i + 1) % restartEvery == 0) {
                d.close();
                d = null;
            }
        }
        if (d != null) {
            d.close();
        }
        return new Run(outputs, states, removed);
    }

    /** The state as of the last committed batch, as restored from the files (sorted rows). */
    private static List<String> restoredState(Path ckpt) {
        Table state = CheckpointInfo.open(ckpt).stateTable(0);
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < state.rowCount(); r++) {
            List<String> vals = new ArrayList<>();
            for (int c = 0; c < state.columnCount(); c++) {
                vals.add(state.column(c).getString(r));
            }
            rows.add(vals.toString());
        }
        rows.sort(null);
        return rows;
    }

    private static List<String> sorted(List<Row> rows) {
        return rows.stream().map(Object::toString).sorted().collect(Collectors.toList());
    }

    /** The same query: uninterrupted with a snapshot per batch, then with deltas, restarts and retention. */
    private void assertDeltasRestoreTheSameState(BiFunction<MemoryStream, MemoryStream, Dataset> query, String mode) {
        Run reference = run(query, mode, dir.resolve("ref"), 1, 100, Integer.MAX_VALUE);
        Run chained = run(query, mode, dir.resolve("chain"), 3, 2, 2);
        assertThat(reference.outputs().stream().mapToInt(List::size).sum())
                .as("rows emitted")
                .isGreaterThan(3);
        assertThat(reference.removed())
                .as("state rows removed (evicted, timed out)")
                .isPositive();
        assertThat(reference.states().get(BATCHES - 1))
                .as("state after the last batch")
                .isNotEmpty();
        assertThat(chained.outputs()).isEqualTo(reference.outputs());
        assertThat(chained.states()).isEqualTo(reference.states());
        assertThat(names(dir.resolve("chain/state/0/0")))
                .anyMatch(n -> n.endsWith(".delta"))
                .anyMatch(n -> n.endsWith(".snapshot"));
    }

    /** Count and sum of n per user and {@code window} (a window or session window of ts); a 4 s watermark. */
    private static BiFunction<MemoryStream, MemoryStream, Dataset> countAndSumPerUser(Expr window) {
        return (ev, ck) -> ev.toDF()
                .withWatermark("ts", "4 seconds")
                .groupBy(window, col("user"))
                .agg(count(), sum(col("n")));
    }

    /** Each event with the user's clicks 0 to 4 s after it, or with nulls (left outer); 3 s watermarks. */
    private static Dataset clicksWithinFourSeconds(MemoryStream ev, MemoryStream ck) {
        return ev.toDF()
                .withWatermark("ts", "3 seconds")
                .join(
                        ck.toDF().withWatermark("clickTime", "3 seconds"),
                        and(
                                eq(col("clickUser"), col("user")),
                                and(
                                        ge(col("clickTime"), col("ts")),
                                        le(col("clickTime"), add(col("ts"), interval("4 seconds"))))),
                        "left_outer");
    }

    @Test
    void when_windowedAggregateRestartsFromSnapshotAndDeltas_then_itsOutputAndStateEqualAnUninterruptedRun() {
        assertDeltasRestoreTheSameState(countAndSumPerUser(window(col("ts"), "5 seconds")), "update");
    }

    @Test
    void when_sessionWindowRestartsFromSnapshotAndDeltas_then_itsOutputAndStateEqualAnUninterruptedRun() {
        assertDeltasRestoreTheSameState(countAndSumPerUser(sessionWindow(col("ts"), "4 seconds")), "append");
    }

    @Test
    void when_deduplicationRestartsFromSnapshotAndDeltas_then_itsOutputAndStateEqualAnUninterruptedRun() {
        assertDeltasRestoreTheSameState(
                (ev, ck) -> ev.toDF().withWatermark("ts", "4 seconds").dropDuplicates("user", "ts"), "append");
    }

    @Test
    void when_streamStreamJoinRestartsFromSnapshotAndDeltas_then_itsOutputAndStateEqualAnUninterruptedRun() {
        assertDeltasRestoreTheSameState(IncrementalStateTest::clicksWithinFourSeconds, "append");
    }

    @Test
    void when_keyedStateRestartsFromSnapshotAndDeltas_then_itsOutputAndStateEqualAnUninterruptedRun() {
        Schema totals = Schema.of(Field.of("user", DataType.STRING), Field.of("total", DataType.LONG));
        // running totals per user; a total reaching 12 is emitted and its state removed
        assertDeltasRestoreTheSameState(
                (ev, ck) -> ev.toDF()
                        .groupByKey("user")
                        .flatMapGroupsWithState(
                                totals, GroupStateTimeout.NO_TIMEOUT, StateCodec.longs(), (key, rows, state, out) -> {
                                    long total = state.getOption().orElse(0L);
                                    while (rows.hasNext()) {
                                        total += rows.next().getLong("n");
                                    }
                                    out.emit(key.getString("user"), total);
                                    if (total >= 12) {
                                        state.remove();
                                    } else {
                                        state.update(total);
                                    }
                                }),
                "update");
    }

    @Test
    void when_aNewClickMatchesABufferedImpression_then_theMatchSurvivesARestart() {
        ManualClock clock = new ManualClock(1_700_000_000_000L);
        Eddy eddy = Eddy.builder().clock(clock).build();
        MemoryStream ev = eddy.memoryStream(EVENTS);
        MemoryStream ck = eddy.memoryStream(CLICKS);
        Dataset q = clicksWithinFourSeconds(ev, ck);
        List<String> out = new ArrayList<>();
        try (QueryTestDriver d =
                QueryTestDriver.start(q.writeStream().outputMode("append").checkpointLocation(dir.toString()))) {
            ev.addData(new Object[] {Instant.ofEpochSecond(100), "ann", 1L});
            out.addAll(sorted(d.runTrigger().newRows()));
            // only the click changes ann's buffered row (it is matched now): the delta must carry it
            ck.addData(new Object[] {"ann", Instant.ofEpochSecond(102)});
            out.addAll(sorted(d.runTrigger().newRows()));
        }
        try (QueryTestDriver d =
                QueryTestDriver.start(q.writeStream().outputMode("append").checkpointLocation(dir.toString()))) {
            ev.addData(new Object[] {Instant.ofEpochSecond(120), "bob", 1L});
            ck.addData(new Object[] {"bob", Instant.ofEpochSecond(121)});
            out.addAll(sorted(d.runTrigger().newRows()));
            ev.addData(new Object[] {Instant.ofEpochSecond(130), "cy", 1L});
            out.addAll(sorted(d.runTrigger().newRows()));
        }
        // ann's impression is evicted after the restart: matched, so no (ann, null) row
        assertThat(out).containsExactly("[100000000, ann, 1, ann, 102000000]", "[120000000, bob, 1, bob, 121000000]");
    }

    private Dataset counts(MemoryStream ev) {
        return ev.toDF()
                .withWatermark("ts", "4 seconds")
                .groupBy(window(col("ts"), "5 seconds"), col("user"))
                .count();
    }

    /** Runs the windowed count over batches [from, to) with a checkpoint at {@code dir}. */
    private void runCounts(MemoryStream ev, ManualClock clock, int from, int to, int snapshotInterval) {
        try (QueryTestDriver d = QueryTestDriver.start(counts(ev)
                .writeStream()
                .outputMode("update")
                .checkpointLocation(dir.toString())
                .option("stateSnapshotInterval", Integer.toString(snapshotInterval)))) {
            for (int i = from; i < to; i++) {
                ev.addData(events(i));
                clock.advance(1000);
                d.runTrigger();
            }
        }
    }

    @Test
    void when_aDeltaIsCorrupted_then_restartFailsNamingItAndNothingIsOverwritten() throws IOException {
        ManualClock clock = new ManualClock(1_700_000_000_000L);
        Eddy eddy = Eddy.builder().clock(clock).build();
        MemoryStream ev = eddy.memoryStream(EVENTS);
        runCounts(ev, clock, 0, 3, 10);
        Path delta = dir.resolve("state/0/0/1.delta");
        byte[] bytes = Files.readAllBytes(delta);
        bytes[bytes.length / 2] ^= 0x04;
        Files.write(delta, bytes);
        List<String> before = names(dir.resolve("state/0/0"));
        List<String> offsets = names(dir.resolve("offsets"));
        ev.addData(events(3));
        assertThatThrownBy(() -> runCounts(ev, clock, 3, 4, 10))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining("corrupted checkpoint file " + delta)
                .hasMessageContaining("checksum mismatch");
        assertThat(Files.readAllBytes(delta)).containsExactly(bytes);
        assertThat(names(dir.resolve("state/0/0"))).isEqualTo(before);
        assertThat(names(dir.resolve("offsets"))).isEqualTo(offsets);
    }

    @Test
    void when_aDeltaTheChainNeedsIsMissing_then_restartFailsNamingTheMissingFile() {
        ManualClock clock = new ManualClock(1_700_000_000_000L);
        Eddy eddy = Eddy.builder().clock(clock).build();
        MemoryStream ev = eddy.memoryStream(EVENTS);
        runCounts(ev, clock, 0, 3, 10);
        Path delta = dir.resolve("state/0/0/1.delta");
        assertThat(delta.toFile().delete()).isTrue();
        assertThatThrownBy(() -> runCounts(ev, clock, 3, 4, 10))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining("corrupted checkpoint file " + delta)
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> CheckpointInfo.open(dir).stateTable(0)).hasMessageContaining(delta.toString());
    }

    @Test
    void when_windowsAreEvicted_then_theirKeysAreGoneFromStateRestoredFromDeltasOnly() {
        ManualClock clock = new ManualClock(1_700_000_000_000L);
        Eddy eddy = Eddy.builder().clock(clock).build();
        MemoryStream ev = eddy.memoryStream(EVENTS);
        runCounts(ev, clock, 0, 8, 100);
        // no snapshot yet: the state is the replay of every delta from the empty state
        assertThat(names(dir.resolve("state/0/0")))
                .allMatch(n -> n.endsWith(".delta"))
                .hasSizeGreaterThan(8);
        Table state = CheckpointInfo.open(dir).stateTable(0);
        long watermark = 100 + 7 * 3 + 2 - 4; // the newest event minus the delay: windows ending by then are evicted
        List<Long> ends = new ArrayList<>();
        for (int r = 0; r < state.rowCount(); r++) {
            ends.add(((Instant) state.column("key0").get(r)).getEpochSecond() + 5);
        }
        assertThat(ends).isNotEmpty().allMatch(end -> end > watermark);
        assertThat(state.rowCount()).isLessThan(5 * 8);
    }

    @Test
    void when_theSessionSetsASnapshotInterval_then_checkpointedQueriesUseItUnlessTheirWriterSaysOtherwise() {
        ManualClock clock = new ManualClock(1_700_000_000_000L);
        Eddy eddy = Eddy.builder()
                .clock(clock)
                .noDataBatches(false)
                .stateSnapshotInterval(2)
                .build();
        MemoryStream ev = eddy.memoryStream(EVENTS);
        Path session = dir.resolve("session");
        Path writer = dir.resolve("writer");
        try (QueryTestDriver a = QueryTestDriver.start(
                        counts(ev).writeStream().outputMode("update").checkpointLocation(session.toString()));
                QueryTestDriver b = QueryTestDriver.start(counts(ev)
                        .writeStream()
                        .outputMode("update")
                        .checkpointLocation(writer.toString())
                        .option("stateSnapshotInterval", "3"))) {
            for (int i = 0; i < 4; i++) {
                ev.addData(events(i));
                a.runTrigger();
                b.runTrigger();
            }
        }
        assertThat(names(session.resolve("state/0/0")))
                .filteredOn(n -> n.endsWith(".snapshot"))
                .containsExactly("1.snapshot", "3.snapshot");
        assertThat(names(writer.resolve("state/0/0")))
                .filteredOn(n -> n.endsWith(".snapshot"))
                .containsExactly("2.snapshot");
    }

    private static List<String> names(Path d) {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
