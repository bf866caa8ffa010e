package dev.eddy.streaming.ops;

import static dev.eddy.streaming.api.expr.Functions.alias;
import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.count;
import static dev.eddy.streaming.api.expr.Functions.sessionWindow;
import static dev.eddy.streaming.api.expr.Functions.sum;
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
import dev.eddy.streaming.testing.QueryTestDriver;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SessionWindowTest {
    private final Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
    private final MemoryStream in = eddy.memoryStream(Schema.of(
            Field.of("ts", DataType.TIMESTAMP), Field.of("user", DataType.STRING), Field.of("n", DataType.LONG)));

    private static Object[] ev(long second, String user) {
        return new Object[] {Instant.ofEpochSecond(second), user, 1L};
    }

    /** "[start,end) user count sum" with times in seconds. */
    private static List<String> sessions(List<Row> rows) {
        return rows.stream()
                .map(r -> "[" + r.getStruct(0).getTimestamp("start").getEpochSecond() + ","
                        + r.getStruct(0).getTimestamp("end").getEpochSecond() + ") " + r.get(1) + " " + r.get(2) + " "
                        + r.get(3))
                .sorted()
                .collect(Collectors.toList());
    }

    private Dataset sessionCounts(Dataset ds) {
        return ds.groupBy(sessionWindow(col("ts"), "5 seconds"), col("user"))
                .agg(count(), alias(sum(col("n")), "total"));
    }

    @Test
    void when_aSessionWindowResultIsReadAsWindow_then_theColumnIsUnknownAsInSpark() {
        // Spark: `window`.`start` cannot be resolved; the struct of session_window(...) is session_window
        assertThatThrownBy(() -> QueryTestDriver.start(sessionCounts(in.toDF())
                                .select(col("window.start"))
                                .writeStream()
                                .outputMode("complete"))
                        .close())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot resolve column 'window.start' among [session_window, user");
    }

    @Test
    void when_eventsAreCloserThanTheGap_then_theyShareASessionAndBridgingEventsMergeSessions() {
        try (QueryTestDriver d =
                QueryTestDriver.start(sessionCounts(in.toDF()).writeStream().outputMode("complete"))) {
            in.addData(ev(0, "ann"), ev(3, "ann"), ev(2, "bob"), ev(20, "ann"));
            d.runTrigger();
            assertThat(sessions(d.result())).containsExactly("[0,8) ann 2 2", "[2,7) bob 1 1", "[20,25) ann 1 1");
            in.addData(ev(12, "ann"));
            d.runTrigger();
            assertThat(sessions(d.result()))
                    .containsExactly("[0,8) ann 2 2", "[12,17) ann 1 1", "[2,7) bob 1 1", "[20,25) ann 1 1");
            in.addData(ev(16, "ann"), ev(7, "ann"));
            d.runTrigger();
            // 16 joins [12,17) and [20,25); 7 grows [0,8) to [0,12), which only touches [12,25): no merge
            assertThat(sessions(d.result())).containsExactly("[0,12) ann 3 3", "[12,25) ann 3 3", "[2,7) bob 1 1");
            in.addData(ev(11, "ann"));
            d.runTrigger();
            assertThat(sessions(d.result())).containsExactly("[0,25) ann 7 7", "[2,7) bob 1 1");
            assertThat(d.stateRows(0)).hasSize(2);
        }
    }

    @Test
    void when_queryRestartsFromItsCheckpoint_then_openSessionsContinue() {
        var store = new InMemoryCheckpointStore();
        try (QueryTestDriver d = QueryTestDriver.start(
                sessionCounts(in.toDF()).writeStream().outputMode("complete").checkpointStore(store))) {
            in.addData(ev(0, "ann"), ev(3, "ann"), ev(2, "bob"));
            d.runTrigger();
        }
        in.addData(ev(6, "ann"));
        try (QueryTestDriver d = QueryTestDriver.start(
                sessionCounts(in.toDF()).writeStream().outputMode("complete").checkpointStore(store))) {
            assertThat(sessions(d.runTrigger().newRows())).containsExactly("[0,11) ann 3 3", "[2,7) bob 1 1");
            assertThat(d.stateRows(0)).hasSize(2);
        }
    }

    @Test
    void when_watermarkPassesSessionEnd_then_appendModeEmitsItOnceAndLateRowsAreDropped() {
        Dataset q = sessionCounts(in.toDF().withWatermark("ts", "10 seconds"));
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream().outputMode("append"))) {
            in.addData(ev(0, "ann"), ev(2, "ann"), ev(4, "bob"));
            assertThat(d.runTrigger().newRows()).isEmpty();
            in.addData(ev(18, "cy"));
            // watermark 8: ann's [0,7) closes in the no-data batch; bob's [4,9) stays open
            assertThat(sessions(d.runTrigger().newRows())).containsExactly("[0,7) ann 2 2");
            in.addData(ev(1, "ann"), ev(30, "cy"));
            // watermark 20 closes bob's [4,9); cy's [18,23) stays open
            assertThat(sessions(d.runTrigger().newRows())).containsExactly("[4,9) bob 1 1");
            assertThat(d.droppedRows().total()).isEqualTo(1);
        }
    }

    /**
     * Spark refuses a streaming session window without a key (real Spark 4: "Global aggregation with session window")
     * when it plans the first batch, not when the query starts: so does Eddy, which the stream differential compares.
     */
    @Test
    void when_aSessionWindowHasNoKeyColumn_then_theFirstBatchFailsAsInSpark() {
        Dataset global = in.toDF()
                .withWatermark("ts", "10 seconds")
                .groupBy(sessionWindow(col("ts"), "5 seconds"))
                .agg(count());
        try (QueryTestDriver d = QueryTestDriver.start(global.writeStream().outputMode("append"))) {
            assertThat(d.runTrigger().ranNothing()).as("no data, no batch").isTrue();
            in.addData(ev(1, "ann"));
            assertThatThrownBy(d::runTrigger)
                    .hasStackTraceContaining(
                            "Global aggregation with session window in streaming query is not supported");
        }
    }

    /** Spark 4 refuses update mode for session windows, before it checks anything else about them. */
    @Test
    void when_updateModeIsAskedForASessionWindow_then_startFailsWithSparksMessage() {
        Dataset keyed = sessionCounts(in.toDF().withWatermark("ts", "10 seconds"));
        assertThatThrownBy(() -> QueryTestDriver.start(keyed.writeStream().outputMode("update")))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageStartingWith(
                        "Update output mode not supported for session window on streaming " + "DataFrames/DataSets")
                .hasMessageNotContaining("\n");
        Dataset global =
                in.toDF().groupBy(sessionWindow(col("ts"), "5 seconds")).agg(count());
        assertThatThrownBy(() -> QueryTestDriver.start(global.writeStream().outputMode("update")))
                .hasMessageStartingWith("Update output mode not supported for session window");
    }

    /**
     * Complete mode as Spark 4 runs it (SessionWindowStateStoreRestoreExec filters late rows in every mode; only
     * append evicts): a row whose own session [t, t + gap) ends at or before the watermark is dropped and counted,
     * it opens no session; sessions the watermark has passed stay in the result and in the state.
     */
    @Test
    void when_aLateRowArrivesInCompleteMode_then_itIsDroppedAndCountedAndClosedSessionsStay() {
        Dataset q = sessionCounts(in.toDF().withWatermark("ts", "10 seconds"));
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream().outputMode("complete"))) {
            in.addData(ev(0, "ann"), ev(2, "ann"), ev(4, "bob"));
            d.runTrigger();
            in.addData(ev(30, "cy"));
            d.runTrigger(); // watermark 20 from the next batch on; complete mode runs no batch just for it
            in.addData(ev(31, "cy"));
            d.runTrigger(); // runs with watermark 20 (and so did nothing before it: rows are late by either)
            in.addData(ev(14, "ann"), ev(14, "ann"), ev(15, "bob"), ev(17, "dan"), ev(17, "dan"), ev(26, "cy"));
            var p = d.runTrigger().batches();
            // 14 + 5 <= 20 and 15 + 5 <= 20 are late; dan's [17, 22) is not; the two equal dan rows are one session
            assertThat(sessions(d.result()))
                    .containsExactly("[0,7) ann 2 2", "[17,22) dan 2 2", "[26,36) cy 3 3", "[4,9) bob 1 1");
            assertThat(d.droppedRows().total()).isEqualTo(3); // every dropped row is listed
            // the progress counts as Spark does, after its partial aggregation: one per (key, event time)
            assertThat(p.get(p.size() - 1).stateOperators().get(0).numRowsDroppedByWatermark())
                    .isEqualTo(2);
            assertThat(d.stateRows(0)).hasSize(4);
        }
    }
}
