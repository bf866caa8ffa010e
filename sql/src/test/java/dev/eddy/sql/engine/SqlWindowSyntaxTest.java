package dev.eddy.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.sql.api.Sql;
import dev.eddy.sql.api.SqlException;
import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spark's window syntax in streaming SQL: session_window.start / .end, a negative window start time, and the
 * output modes Spark allows for a session window.
 */
class SqlWindowSyntaxTest {
    private final Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
    private final MemoryStream in = eddy.memoryStream(
            "syntax_in", Schema.of(Field.of("ts", DataType.TIMESTAMP), Field.of("k", DataType.STRING)));
    private final Sql sql = new Sql(eddy);

    SqlWindowSyntaxTest() {
        sql.execute("CREATE STREAM events (ts TIMESTAMP, k STRING, WATERMARK FOR ts AS ts - INTERVAL '10' SECOND)"
                + " WITH ('connector' = 'memory', 'id' = 'syntax_in')");
    }

    private static Object[] ev(long second, String k) {
        return new Object[] {Instant.ofEpochSecond(second), k};
    }

    private List<String> run(String query, Object[]... rows) {
        try (QueryTestDriver d =
                QueryTestDriver.start(sql.stream(query).writeStream().outputMode("complete"))) {
            in.addData(rows);
            d.runTrigger();
            return d.result().stream().map(SqlWindowSyntaxTest::text).sorted().toList();
        }
    }

    /** "start-end key n" with times in epoch seconds. */
    private static String text(Row r) {
        return r.getTimestamp(0).getEpochSecond() + "-" + r.getTimestamp(1).getEpochSecond() + " " + r.get(2) + " "
                + r.get(3);
    }

    @Test
    void when_sessionWindowStartAndEndAreSelected_then_theyAreTheSessionsBounds() {
        assertThat(run(
                        "SELECT session_window.start AS ws, SESSION_WINDOW.END AS we, k, COUNT(*) AS n FROM events"
                                + " GROUP BY session_window(ts, '5 seconds'), k",
                        ev(10, "a"),
                        ev(13, "a"),
                        ev(30, "a"),
                        ev(11, "b")))
                .containsExactly("10-18 a 2", "11-16 b 1", "30-35 a 1");
    }

    @Test
    void when_windowHasANegativeStartTime_then_windowsStartThatFarBeforeEachSlide() {
        // size 10, slide 5, start -3: windows [-3 + 5k, 7 + 5k); 4 is in [-3, 7) and [2, 12)
        assertThat(run(
                        "SELECT window.start AS ws, window.end AS we, k, COUNT(*) AS n FROM events"
                                + " GROUP BY window(ts, '10 seconds', '5 seconds', '-3 seconds'), k",
                        ev(4, "a"),
                        ev(12, "a")))
                .containsExactly("-3-7 a 1", "12-22 a 1", "2-12 a 1", "7-17 a 1");
    }

    @Test
    void when_theStartTimeIsNotShorterThanTheSlide_then_theErrorSaysSo() {
        assertThatThrownBy(() -> sql.stream("SELECT window.start, COUNT(*) FROM events"
                        + " GROUP BY window(ts, '10 seconds', '5 seconds', '-5 seconds')"))
                .isInstanceOf(SqlException.class)
                .hasMessageContaining("The absolute value of the window start time must be less than the slide");
        assertThatThrownBy(() -> sql.stream("SELECT window.start, COUNT(*) FROM events"
                        + " GROUP BY window(ts, '10 seconds', '5 seconds', '-x seconds')"))
                .isInstanceOf(SqlException.class)
                .hasMessageContaining("Invalid interval '-x seconds'");
    }

    @Test
    void when_aSessionWindowQueryAsksForUpdateMode_then_itIsRefusedAsSparkRefusesIt() {
        Dataset q = sql.stream("SELECT session_window.start, k, COUNT(*) AS n FROM events"
                + " GROUP BY session_window(ts, '5 seconds'), k");
        assertThatThrownBy(() -> QueryTestDriver.start(q.writeStream().outputMode("update")))
                .hasMessageStartingWith(
                        "Update output mode not supported for session window on streaming DataFrames/DataSets");
        assertThat(OutputMode.forSink(q.plan())).isEqualTo(OutputMode.APPEND);
        assertThat(OutputMode.forResultTable(q.plan())).isEqualTo(OutputMode.COMPLETE);
    }

    @Test
    void when_sessionWindowFieldsAreLikeOtherIdentifiers_then_qualifiedColumnsStillWork() {
        assertThat(run(
                        "SELECT window.start AS ws, window.end AS we, e.k, COUNT(*) AS n FROM events AS e"
                                + " GROUP BY window(e.ts, '10 seconds'), e.k",
                        ev(4, "a")))
                .containsExactly("0-10 a 1");
    }
}
