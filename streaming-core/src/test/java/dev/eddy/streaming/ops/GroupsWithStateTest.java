package dev.eddy.streaming.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.checkpoint.InMemoryCheckpointStore;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.function.GroupStateTimeout;
import dev.eddy.streaming.api.function.StateCodec;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GroupsWithStateTest {
    private final ManualClock clock = new ManualClock(1_000_000);
    private final Eddy eddy = Eddy.builder().clock(clock).build();
    private final MemoryStream clicks = eddy.memoryStream(Schema.of(
            Field.of("ts", DataType.TIMESTAMP), Field.of("user", DataType.STRING), Field.of("amount", DataType.LONG)));
    private final Schema totals = Schema.of(Field.of("user", DataType.STRING), Field.of("total", DataType.LONG));
    private final Schema sessions = Schema.of(
            Field.of("user", DataType.STRING), Field.of("clicks", DataType.LONG), Field.of("reason", DataType.STRING));

    private static Object[] ev(long second, String user, long amount) {
        return new Object[] {Instant.ofEpochSecond(second), user, amount};
    }

    private static List<String> values(List<Row> rows) {
        return rows.stream().map(Object::toString).sorted().collect(Collectors.toList());
    }

    @Test
    void when_runningTotalsAreKept_then_eachBatchEmitsTheNewTotalPerKey() {
        Dataset q = clicks.toDF()
                .groupByKey("user")
                .<Long>flatMapGroupsWithState(totals, GroupStateTimeout.NO_TIMEOUT, (key, rows, state, out) -> {
                    long total = state.getOption().orElse(0L);
                    while (rows.hasNext()) {
                        total += rows.next().getLong("amount");
                    }
                    state.update(total);
                    out.emit(key.getString("user"), total);
                });
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream().outputMode("update"))) {
            clicks.addData(ev(1, "ann", 5), ev(2, "bob", 1), ev(3, "ann", 2));
            assertThat(values(d.runTrigger().newRows())).containsExactly("[ann, 7]", "[bob, 1]");
            clicks.addData(ev(4, "ann", 10));
            assertThat(values(d.runTrigger().newRows())).containsExactly("[ann, 17]");
            assertThat(d.stateRows(0)).hasSize(2);
        }
    }

    private Dataset userSessions(GroupStateTimeout timeout) {
        return clicks.toDF()
                .withWatermark("ts", "10 seconds")
                .groupByKey("user")
                .<Long>flatMapGroupsWithState(sessions, timeout, (key, rows, state, out) -> {
                    if (state.hasTimedOut()) {
                        out.emit(key.getString("user"), state.get(), "timed out");
                        state.remove();
                        return;
                    }
                    long n = state.getOption().orElse(0L);
                    long maxTs = 0;
                    while (rows.hasNext()) {
                        Row r = rows.next();
                        n++;
                        maxTs = Math.max(maxTs, r.getTimestamp("ts").toEpochMilli());
                    }
                    state.update(n);
                    if (timeout == GroupStateTimeout.PROCESSING_TIME_TIMEOUT) {
                        state.setTimeoutDuration("30 seconds");
                    } else {
                        state.setTimeoutTimestamp(maxTs + 5_000);
                    }
                });
    }

    @Test
    void when_userIsQuietLongerThanTheProcessingTimeout_then_sessionIsClosedByANoDataBatch() {
        try (QueryTestDriver d = QueryTestDriver.start(
                userSessions(GroupStateTimeout.PROCESSING_TIME_TIMEOUT).writeStream())) {
            clicks.addData(ev(1, "ann", 1), ev(2, "ann", 1));
            assertThat(d.runTrigger().newRows()).isEmpty();
            d.advanceTime(Duration.ofSeconds(20));
            clicks.addData(ev(25, "bob", 1));
            assertThat(d.runTrigger().newRows()).isEmpty();
            d.advanceTime(Duration.ofSeconds(10));
            assertThat(values(d.runTrigger().newRows())).containsExactly("[ann, 2, timed out]");
            assertThat(d.stateRows(0)).extracting(r -> r.getString("user")).containsExactly("bob");
            d.advanceTime(Duration.ofSeconds(30));
            assertThat(values(d.runTrigger().newRows())).containsExactly("[bob, 1, timed out]");
        }
    }

    @Test
    void when_watermarkPassesTheEventTimeTimeout_then_sessionIsClosed() {
        try (QueryTestDriver d = QueryTestDriver.start(
                userSessions(GroupStateTimeout.EVENT_TIME_TIMEOUT).writeStream())) {
            clicks.addData(ev(100, "ann", 1));
            d.runTrigger();
            clicks.addData(ev(110, "bob", 1));
            assertThat(d.runTrigger().newRows()).isEmpty();
            clicks.addData(ev(116, "cy", 1));
            // watermark 106 passes ann's timeout at 105
            assertThat(values(d.runTrigger().newRows())).containsExactly("[ann, 1, timed out]");
        }
    }

    @Test
    void when_stateHasACodec_then_runningTotalsContinueAfterARestart() {
        var store = new InMemoryCheckpointStore();
        Dataset q = clicks.toDF()
                .groupByKey("user")
                .flatMapGroupsWithState(
                        totals, GroupStateTimeout.NO_TIMEOUT, StateCodec.longs(), (key, rows, state, out) -> {
                            long total = state.getOption().orElse(0L);
                            while (rows.hasNext()) {
                                total += rows.next().getLong("amount");
                            }
                            state.update(total);
                            out.emit(key.getString("user"), total);
                        });
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream().checkpointStore(store))) {
            clicks.addData(ev(1, "ann", 5));
            d.runTrigger();
        }
        clicks.addData(ev(2, "ann", 4));
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream().checkpointStore(store))) {
            assertThat(values(d.runTrigger().newRows())).containsExactly("[ann, 9]");
        }
    }

    @Test
    void when_checkpointedKeyedStateQueryRestarts_then_itFailsClearlyInsteadOfLosingState() {
        var store = new InMemoryCheckpointStore();
        Dataset q = userSessions(GroupStateTimeout.PROCESSING_TIME_TIMEOUT);
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream().checkpointStore(store))) {
            clicks.addData(ev(1, "ann", 1));
            d.runTrigger();
        }
        assertThatThrownBy(() -> QueryTestDriver.start(q.writeStream().checkpointStore(store)))
                .hasMessageContaining("cannot restore its state from a checkpoint yet");
    }

    @Test
    void when_eventTimeTimeoutHasNoWatermark_then_startFails() {
        Dataset q = clicks.toDF()
                .groupByKey("user")
                .<Long>flatMapGroupsWithState(
                        sessions, GroupStateTimeout.EVENT_TIME_TIMEOUT, (key, rows, state, out) -> {});
        assertThatThrownBy(() -> QueryTestDriver.start(q.writeStream()))
                .hasMessageContaining("Watermark must be specified");
        assertThatThrownBy(() -> QueryTestDriver.start(
                        userSessions(GroupStateTimeout.NO_TIMEOUT).writeStream().outputMode("complete")))
                .hasMessageContaining("Complete output mode not supported");
    }
}
