package dev.eddy.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.sql.api.Sql;
import dev.eddy.sql.api.SqlResult;
import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Spark SQL's {@code window(ts, ...)} as a select item and joins on the equality of two streams' windows (checked
 * against Spark 4.2 by SparkStreamDifferentialIT): one row per window containing ts, {@code w.start}/{@code w.end},
 * {@code ON a.k = b.k AND a.w = b.w} with the state evicted once the watermark passes a window's end.
 */
class SqlWindowJoinTest {
    private static final Schema EVENTS =
            Schema.of(Field.of("ts", DataType.TIMESTAMP), Field.of("k", DataType.STRING), Field.of("v", DataType.INT));
    private static final String SIDES = " FROM (SELECT window(ts, '10 seconds') AS w, k, v FROM lefts) AS l"
            + " %s JOIN (SELECT window(ts, '10 seconds') AS w, k, v FROM rights) AS r ON l.k = r.k AND l.w = r.w";

    private Sql sql;
    private MemoryStream lefts;
    private MemoryStream rights;

    @BeforeEach
    void session() {
        Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
        sql = new Sql(eddy);
        lefts = eddy.memoryStream(EVENTS);
        rights = eddy.memoryStream(EVENTS);
        sql.catalog().registerStream("lefts", lefts.toDF().withWatermark("ts", "5 seconds"));
        sql.catalog().registerStream("rights", rights.toDF().withWatermark("ts", "0 seconds"));
    }

    private static Object[] ev(long second, String k, int v) {
        return new Object[] {Instant.ofEpochSecond(second), k, v};
    }

    private static long seconds(Object micros) {
        return (Long) micros / 1_000_000;
    }

    @Test
    void when_aWindowIsSelected_then_eachRowComesOncePerWindowWithItsStartAndEnd() {
        Dataset q = sql.stream("SELECT w.start AS s, w.end AS e, v FROM"
                + " (SELECT window(ts, '10 seconds', '5 seconds') AS w, v FROM lefts) AS t");
        assertThat(q.schema().names()).containsExactly("s", "e", "v");
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream())) {
            lefts.addData(ev(101, "a", 1), new Object[] {null, "a", 2});
            assertThat(d.runTrigger().newRows())
                    .extracting(r -> seconds(r.get(0)) + "-" + seconds(r.get(1)) + " " + r.get(2))
                    .containsExactlyInAnyOrder("100-110 1", "95-105 1");
        }
    }

    @Test
    void when_twoStreamsJoinOnTheirWindows_then_rowsOfOneWindowAndKeyMeetAndEndedWindowsLeaveTheState() {
        Dataset q =
                sql.stream("SELECT l.w.start AS ws, l.w.end AS we, l.k, l.v AS lv, r.v AS rv" + SIDES.formatted(""));
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream())) {
            lefts.addData(ev(101, "a", 1), ev(112, "b", 2));
            rights.addData(ev(103, "a", 3));
            assertThat(RowTexts.sorted(d.runTrigger().newRows())).containsExactly("100000000 110000000 a 1 3");
            lefts.addData(ev(125, "a", 4));
            rights.addData(ev(114, "b", 5), ev(102, "a", 6));
            QueryTestDriver.TriggerResult t = d.runTrigger();
            assertThat(RowTexts.sorted(t.newRows()))
                    .containsExactly("100000000 110000000 a 1 6", "110000000 120000000 b 2 5");
            assertThat(t.batches().get(1).stateOperators().get(0).numRowsTotal())
                    .as("the watermark 114 ended [100, 110) on both sides")
                    .isEqualTo(3);
        }
    }

    @Test
    void when_aRightOuterJoinOnWindowsEndsAnUnmatchedRightWindow_then_itComesOutWithNulls() {
        Dataset q = sql.stream(
                "SELECT l.k, l.w.start AS lws, r.k AS rk, r.v AS rv, r.w.end AS we" + SIDES.formatted("RIGHT OUTER"));
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream())) {
            rights.addData(ev(131, "a", 12));
            lefts.addData(ev(160, "b", 1));
            d.runTrigger();
            rights.addData(ev(150, "c", 0)); // watermark min(155, 150) = 150 ends [130, 140)
            assertThat(RowTexts.sorted(d.runTrigger().newRows())).containsExactly("null null a 12 140000000");
        }
    }

    @Test
    void when_aSideSelectsTheTimeColumnBesideItsWindow_then_theQueryFailsAsInSpark() {
        Dataset q = sql.stream("SELECT l.k, l.ts FROM (SELECT window(ts, '10 seconds') AS w, ts, k FROM lefts) AS l"
                + " JOIN (SELECT window(ts, '10 seconds') AS w, k FROM rights) AS r ON l.k = r.k AND l.w = r.w");
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream())) { // Spark fails the first batch, not start
            lefts.addData(ev(101, "a", 1));
            assertThatThrownBy(d::runTrigger).hasStackTraceContaining("More than one event time columns");
        }
    }

    @Test
    void when_twoWindowsAreSelected_then_theErrorSaysOnlyOneIsAllowed() {
        assertThatThrownBy(() ->
                        sql.stream("SELECT window(ts, '10 seconds') AS a, window(ts, '20 seconds') AS b FROM lefts"))
                .hasMessageContaining("Only one window(...) is allowed in a SELECT");
    }

    /** Spark 4.2 groups by the joined window struct; its state goes by the window's end (append mode). */
    @Test
    void when_anAggregationGroupsByTheJoinedWindow_then_eachWindowAndKeyComesOnceItEnds() {
        Dataset q = sql.stream("SELECT w.start AS ws, w.end AS we, k, COUNT(*) AS n, SUM(v) AS sv FROM"
                + " (SELECT l.w AS w, l.k AS k, r.v AS v" + SIDES.formatted("") + ") AS j GROUP BY w, k");
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream())) {
            lefts.addData(ev(101, "a", 1), ev(112, "b", 2));
            rights.addData(ev(103, "a", 3), ev(104, "a", 4), ev(113, "b", 5));
            assertThat(d.runTrigger().newRows()).as("no window has ended yet").isEmpty();
            lefts.addData(ev(200, "c", 6));
            rights.addData(ev(200, "c", 7));
            List<Row> out = new ArrayList<>(d.runTrigger().newRows());
            out.addAll(d.runTrigger().newRows());
            assertThat(RowTexts.sorted(out)).containsExactly("100000000 110000000 a 2 7", "110000000 120000000 b 1 5");
        }
    }

    @Test
    void when_aBatchQueryGroupsByTheJoinedWindow_then_itAnswersAsSpark() {
        sql.catalog().registerTable("lt", table(new long[] {101, 104, 112}, new String[] {"a", "a", "b"}));
        sql.catalog().registerTable("rt", table(new long[] {103, 113, 125}, new String[] {"a", "b", "b"}));
        Table t = ((SqlResult.Rows) sql.execute("SELECT w.start AS ws, w.end AS we, COUNT(*) AS n FROM"
                        + " (SELECT l.w AS w FROM (SELECT window(ts, '10 seconds') AS w, k FROM lt) AS l"
                        + " JOIN (SELECT window(ts, '10 seconds') AS w, k FROM rt) AS r ON l.k = r.k AND l.w = r.w)"
                        + " AS j GROUP BY w"))
                .table();
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            rows.add(t.getString(i, "ws") + " " + t.getString(i, "we") + " " + t.getString(i, "n"));
        }
        rows.sort(null);
        assertThat(rows)
                .containsExactly(
                        "1970-01-01T00:01:40.000Z 1970-01-01T00:01:50.000Z 2",
                        "1970-01-01T00:01:50.000Z 1970-01-01T00:02:00.000Z 1");
    }

    private static Table table(long[] seconds, String[] keys) {
        InstantColumn ts = InstantColumn.create("ts");
        for (long s : seconds) {
            ts.append(Instant.ofEpochSecond(s));
        }
        return Table.create("t", ts, StringColumn.create("k", keys));
    }
}
