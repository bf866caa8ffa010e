package dev.eddy.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.sql.api.Sql;
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
import org.junit.jupiter.api.Test;

/**
 * Spark's order of evaluation in a streaming query over a watermarked stream (the answers of Spark 4.2 in the stream
 * differential's eval-order cases, {@code StreamEvalOrder}): an operator's left side first, also where the right one
 * is NULL, its right side only where the left one is not NULL (an overflow too), AND/OR's right side only where the
 * left leaves the answer open; and a WHERE that goes below the watermark tests the {@code isnotnull} Spark infers from
 * its null-intolerant terms first, so a row with a NULL {@code v} never computes {@code CAST(s AS DOUBLE) + v > 0}
 * (where a batch query over a local relation, which Spark computes row by row before it infers anything, fails).
 */
class SqlStreamEvaluationOrderTest {
    private static final Instant T = Instant.parse("2024-01-05T10:00:00Z");

    private static Object[] row(String k, Integer v, String s) {
        return new Object[] {T, k, v, s};
    }

    private static List<String> run(String query, Object[]... rows) {
        Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
        Sql sql = new Sql(eddy).startInserts(false);
        MemoryStream in = eddy.memoryStream(Schema.of(
                Field.of("ts", DataType.TIMESTAMP),
                Field.of("k", DataType.STRING),
                Field.of("v", DataType.INT),
                Field.of("s", DataType.STRING)));
        sql.catalog().registerStream("events", in.toDF().withWatermark("ts", "10 seconds"));
        String mode = query.contains("GROUP BY") ? "update" : "append";
        try (QueryTestDriver d =
                QueryTestDriver.start(sql.stream(query).writeStream().outputMode(mode))) {
            in.addData(rows);
            List<String> out = new ArrayList<>();
            for (Row r : d.runTrigger().newRows()) {
                List<Object> values = new ArrayList<>();
                for (int c = 0; c < r.size(); c++) {
                    values.add(r.get(c));
                }
                out.add(values.toString());
            }
            out.sort(null);
            return out;
        } catch (RuntimeException e) {
            Throwable t = e;
            while (t.getCause() != null
                    && (t.getMessage() == null || !t.getMessage().contains("["))) {
                t = t.getCause();
            }
            return List.of("error: " + t.getMessage());
        }
    }

    @Test
    void when_theLeftSideIsNull_then_aFailingRightSideIsNotComputed() {
        assertThat(run("SELECT k, v + CAST(s AS INT) AS e FROM events", row("a", null, "x"), row("b", 2, " 4 ")))
                .containsExactly("[a, null]", "[b, 6]");
        // an INT overflow on the right is a failure like a cast's: try_cast(k AS INT) is NULL for every row
        assertThat(run("SELECT k, try_cast(k AS INT) + (v + 2147483640) AS e FROM events", row("a", 10, "1")))
                .containsExactly("[a, null]");
    }

    @Test
    void when_theRightSideIsNull_then_theLeftSideIsStillComputed() {
        assertThat(run("SELECT k, CAST(s AS DOUBLE) + v AS e FROM events", row("a", null, "x")))
                .singleElement()
                .asString()
                .startsWith("error: ")
                .contains("[CAST_INVALID_INPUT]");
    }

    @Test
    void when_aWhereTermMayFail_then_itIsComputedOnlyForRowsWhoseColumnsAreNotNull() {
        assertThat(run(
                        "SELECT k FROM events WHERE CAST(s AS DOUBLE) + v > 0",
                        row("a", null, "x"),
                        row("b", 2, "3"),
                        row("c", 1, "-4")))
                .containsExactly("[b]");
        assertThat(run("SELECT k FROM events WHERE CAST(s AS INT) > v AND v IS NULL", row("a", null, "x")))
                .isEmpty();
        assertThat(run("SELECT k FROM events WHERE CAST(s AS INT) > v AND v IS NULL", row("b", 1, "x")))
                .singleElement()
                .asString()
                .contains("[CAST_INVALID_INPUT]");
    }

    @Test
    void when_aNotNullCheckIsInferredOnlyFromATermOnTheEventTime_then_itComesAfterTheTermsBelowTheWatermark() {
        // the stream differential's seed 20261206 case 199 (Spark 4.2 fails): isnotnull(v) is inferred from the term
        // that reads ts, which stays above the watermark; pushed down later, it is tested after coalesce(...) > 0
        String query = "SELECT k FROM events WHERE date_add(to_date(ts), v) <> DATE '1970-01-03'"
                + " AND coalesce(v, CAST(s AS INT)) > 0";
        assertThat(run(query, row("c", null, "x"))).singleElement().asString().contains("[CAST_INVALID_INPUT]");
        assertThat(run(query, row("c", null, "3"), row("d", 2, "x"))).containsExactly("[d]");
    }

    @Test
    void when_orIsDecidedByItsLeftSide_then_theRightSideIsNotComputed() {
        assertThat(run(
                        "SELECT k FROM events WHERE v IS NULL OR CAST(s AS INT) > 0",
                        row("a", null, "x"),
                        row("b", 2, "3")))
                .containsExactly("[a]", "[b]");
        assertThat(run("SELECT k FROM events WHERE v IS NULL OR CAST(s AS INT) > 0", row("b", 2, "x")))
                .singleElement()
                .asString()
                .contains("[CAST_INVALID_INPUT]");
    }

    @Test
    void when_aWindowedAggregationsArgumentsMayFail_then_coalesceComputesOnlyWhatItNeeds() {
        assertThat(run(
                        "SELECT k, MAX(coalesce(v, CAST(s AS INT))) AS e FROM events WHERE CAST(s AS DOUBLE) + v > -10"
                                + " GROUP BY window(ts, '10 seconds'), k",
                        row("a", null, "x"),
                        row("a", 3, " 4 "),
                        row("b", 7, "x")))
                .singleElement()
                .asString()
                .contains("[CAST_INVALID_INPUT]");
        assertThat(run(
                        "SELECT k, MAX(coalesce(v, CAST(s AS INT))) AS e FROM events WHERE CAST(s AS DOUBLE) + v > -10"
                                + " GROUP BY window(ts, '10 seconds'), k",
                        row("a", null, "x"),
                        row("a", 3, " 4 "),
                        row("b", 7, "12")))
                .containsExactly("[a, 3]", "[b, 7]");
    }
}
