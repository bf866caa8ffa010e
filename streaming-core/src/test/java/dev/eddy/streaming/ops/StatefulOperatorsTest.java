package dev.eddy.streaming.ops;

import static dev.eddy.streaming.api.expr.Functions.alias;
import static dev.eddy.streaming.api.expr.Functions.approxCountDistinct;
import static dev.eddy.streaming.api.expr.Functions.avg;
import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.count;
import static dev.eddy.streaming.api.expr.Functions.eq;
import static dev.eddy.streaming.api.expr.Functions.max;
import static dev.eddy.streaming.api.expr.Functions.min;
import static dev.eddy.streaming.api.expr.Functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Functions;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class StatefulOperatorsTest {
    private final Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
    private final Schema schema = Schema.of(
            Field.of("ts", DataType.TIMESTAMP), Field.of("user", DataType.STRING), Field.of("amount", DataType.LONG));
    private final MemoryStream in = eddy.memoryStream(schema);

    private static Object[] ev(long second, String user, Long amount) {
        return new Object[] {Instant.ofEpochSecond(second), user, amount};
    }

    private static List<String> values(List<Row> rows) {
        return rows.stream().map(Object::toString).sorted().collect(Collectors.toList());
    }

    @Test
    void when_groupsAreAggregated_then_allFunctionsAreCorrectAndUpdateModeUpserts() {
        Dataset q = in.toDF()
                .groupBy("user")
                .agg(
                        count(),
                        alias(sum(col("amount")), "total"),
                        alias(avg(col("amount")), "mean"),
                        alias(min(col("amount")), "lo"),
                        alias(max(col("amount")), "hi"),
                        alias(approxCountDistinct(col("amount")), "distinct"),
                        alias(count(col("amount")), "nonNull"));
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream().outputMode("update"))) {
            in.addData(ev(1, "ann", 10L), ev(2, "bob", null), ev(3, "ann", 30L), ev(4, "ann", 10L));
            assertThat(values(d.runTrigger().newRows()))
                    .containsExactly(
                            "[ann, 3, 50, 16.666666666666668, 10, 30, 2, 3]", "[bob, 1, null, null, null, null, 0, 0]");
            in.addData(ev(5, "bob", 5L));
            assertThat(values(d.runTrigger().newRows())).containsExactly("[bob, 2, 5, 5.0, 5, 5, 1, 1]");
            assertThat(values(d.result()))
                    .containsExactly("[ann, 3, 50, 16.666666666666668, 10, 30, 2, 3]", "[bob, 2, 5, 5.0, 5, 5, 1, 1]");
        }
    }

    @Test
    void when_dropDuplicatesWithoutWatermark_then_firstRowPerKeyPassesForever() {
        Dataset q = in.toDF().dropDuplicates("user");
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream())) {
            in.addData(ev(1, "ann", 1L), ev(2, "ann", 2L), ev(3, "bob", 3L));
            assertThat(values(d.runTrigger().newRows())).hasSize(2);
            in.addData(ev(1000, "ann", 4L), ev(1001, "cy", 5L));
            assertThat(d.runTrigger().newRows())
                    .extracting(r -> r.getString("user"))
                    .containsExactly("cy");
            assertThat(d.stateRows(0)).hasSize(3);
        }
    }

    @Test
    void when_dropDuplicatesWithWatermark_then_oldKeysAreEvictedAndLateRowsCounted() {
        Dataset q = in.toDF().withWatermark("ts", "10 seconds").dropDuplicates("user", "ts");
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream())) {
            in.addData(ev(100, "ann", 1L), ev(100, "ann", 2L), ev(105, "bob", 3L));
            assertThat(d.runTrigger().newRows()).hasSize(2);
            assertThat(d.watermark()).contains(Instant.ofEpochSecond(95));
            in.addData(ev(130, "ann", 1L), ev(94, "old", 1L), ev(105, "bob", 9L));
            var t = d.runTrigger();
            assertThat(t.newRows()).extracting(r -> r.getString("user")).containsExactly("ann");
            assertThat(t.progress().stateOperators().get(0).numRowsDroppedByWatermark())
                    .isEqualTo(1);
            // watermark is now 120: the no-data batch evicted the keys at 100 and 105
            assertThat(d.stateRows(0)).extracting(r -> r.getString("user")).containsExactly("ann");
            assertThat(d.droppedRows().sample())
                    .extracting(r -> r.row().getString("user"))
                    .containsExactly("old");
        }
    }

    /**
     * Spark's StreamingDeduplicateExec drops rows late by the input's event time even when the time is not a key (it
     * then keeps the keys forever), and runs a no-data batch whenever the watermark moves.
     */
    @Test
    void when_dropDuplicatesKeysLackTheEventTime_then_lateRowsAreStillDroppedAndKeysKept() {
        Dataset q = in.toDF().withWatermark("ts", "10 seconds").dropDuplicates("user");
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream())) {
            in.addData(ev(100, "ann", 1L), ev(100, "ann", 2L));
            var first = d.runTrigger();
            assertThat(first.newRows()).hasSize(1);
            assertThat(first.batches())
                    .as("the data batch and the no-data batch the watermark's move makes due")
                    .hasSize(2);
            in.addData(ev(80, "bob", 1L), ev(120, "cy", 2L));
            var t = d.runTrigger();
            assertThat(t.newRows()).extracting(r -> r.getString("user")).containsExactly("cy");
            assertThat(t.batches().get(0).stateOperators().get(0).numRowsDroppedByWatermark())
                    .isEqualTo(1);
            assertThat(d.stateRows(0)).extracting(r -> r.getString("user")).containsExactly("ann", "cy");
        }
    }

    @Test
    void when_sessionWindowsAggregate_then_theOperatorReportsSparksName() {
        Dataset q = in.toDF()
                .withWatermark("ts", "10 seconds")
                .groupBy(Functions.sessionWindow(col("ts"), "5 seconds"), col("user"))
                .agg(alias(count(), "n"));
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream().outputMode("append"))) {
            in.addData(ev(100, "ann", 1L));
            assertThat(d.runTrigger().progress().stateOperators().get(0).operatorName())
                    .isEqualTo("sessionWindowStateStoreSaveExec");
        }
    }

    @Test
    void when_streamJoinsStaticTable_then_innerDropsAndLeftOuterKeepsUnmatched() {
        Table users = Table.create(
                "users", StringColumn.create("name", "ann", "bob"), StringColumn.create("city", "Oslo", "Lima"));
        Dataset inner =
                in.toDF().join(users, eq(col("user"), col("name")), "inner").select("user", "amount", "city");
        Dataset left = in.toDF()
                .join(users, eq(col("user"), col("name")), "left_outer")
                .select("user", "city");
        in.addData(ev(1, "ann", 1L), ev(2, "zed", 2L), ev(3, "bob", 3L), ev(4, null, 4L));
        try (QueryTestDriver d = QueryTestDriver.start(inner.writeStream())) {
            assertThat(values(d.runTrigger().newRows())).containsExactly("[ann, 1, Oslo]", "[bob, 3, Lima]");
        }
        try (QueryTestDriver d = QueryTestDriver.start(left.writeStream())) {
            assertThat(values(d.runTrigger().newRows()))
                    .containsExactly("[ann, Oslo]", "[bob, Lima]", "[null, null]", "[zed, null]");
        }
    }

    @Test
    void when_theStaticSideIsAFilteredDataset_then_theJoinUsesTheRowsItHandsOn() {
        Table users = Table.create(
                "users", StringColumn.create("name", "ann", "bob"), StringColumn.create("city", "Oslo", "Lima"));
        Dataset limaOnly = eddy.createDataFrame(users).filter(eq(col("city"), Functions.lit("Lima")));
        Dataset q =
                in.toDF().join(limaOnly, eq(col("user"), col("name")), "inner").select("user", "city");
        in.addData(ev(1, "ann", 1L), ev(2, "bob", 2L));
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream())) {
            assertThat(values(d.runTrigger().newRows())).containsExactly("[bob, Lima]");
            in.addData(ev(3, "bob", 3L), ev(4, "ann", 4L));
            assertThat(values(d.runTrigger().newRows())).containsExactly("[bob, Lima]");
        }
    }

    @Test
    void when_completeModeHasWatermark_then_stateIsNeverEvicted() {
        Dataset q = in.toDF()
                .withWatermark("ts", "1 second")
                .groupBy(Functions.window(col("ts"), "10 seconds"))
                .count();
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream().outputMode("complete"))) {
            in.addData(ev(1, "a", 1L));
            d.runTrigger();
            in.addData(ev(100, "a", 1L), ev(2, "late", 1L));
            d.runTrigger();
            assertThat(d.result()).hasSize(2);
            assertThat(d.droppedRows().total()).isZero();
        }
    }

    @Test
    void when_tablesAreRead_then_windowStructIsFlattened() throws Exception {
        Dataset q = in.toDF()
                .groupBy(Functions.window(col("ts"), "10 seconds"), col("user"))
                .count();
        var query = q.writeStream().outputMode("complete").memory("counts").start();
        try {
            in.addData(ev(1, "a", 1L), ev(12, "a", 1L));
            query.processAllAvailable();
            Table t = eddy.table("counts");
            assertThat(t.columnNames()).containsExactly("window_start", "window_end", "user", "count");
            assertThat(t.rowCount()).isEqualTo(2);
        } finally {
            query.stop();
        }
    }
}
