package dev.eddy.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.sql.api.Sql;
import dev.eddy.sql.api.SqlException;
import dev.eddy.sql.api.SqlResult;
import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.plan.Aggregate;
import dev.eddy.streaming.api.plan.Deduplicate;
import dev.eddy.streaming.api.plan.Join;
import dev.eddy.streaming.api.plan.LogicalPlan;
import dev.eddy.streaming.api.plan.StaticScan;
import dev.eddy.streaming.api.plan.Watermark;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** SQL translated to the engine's plan, and SQL and Java using each other's streams. */
class SqlOnEngineTest {
    private static final Schema BIDS = Schema.of(
            Field.of("auction", DataType.LONG),
            Field.of("price", DataType.DOUBLE),
            Field.of("bidder", DataType.LONG),
            Field.of("ts", DataType.TIMESTAMP));

    private Eddy eddy;
    private Sql sql;
    private MemoryStream bids;

    @BeforeEach
    void session() {
        eddy = Eddy.builder().clock(new ManualClock(0)).noDataBatches(false).build();
        sql = new Sql(eddy).startInserts(false);
        bids = eddy.memoryStream(BIDS);
        sql.catalog().registerStream("bids", bids.toDF().withWatermark("ts", "5 seconds"));
    }

    private static <T> List<T> find(LogicalPlan p, Class<T> type) {
        List<T> out = new ArrayList<>();
        if (type.isInstance(p)) {
            out.add(type.cast(p));
        }
        p.children().forEach(c -> out.addAll(find(c, type)));
        return out;
    }

    private LogicalPlan plan(String query) {
        return sql.stream(query).plan();
    }

    @Test
    void when_hopAndSparkWindowAreTranslated_then_theEngineWindowHasSizeTenAndSlideTwo() {
        Expr.Window hop = (Expr.Window) find(
                        plan(
                                "SELECT window_start, COUNT(*) FROM TABLE(HOP(TABLE bids,"
                                        + " DESCRIPTOR(ts), INTERVAL '2' SECOND, INTERVAL '10' SECOND)) GROUP BY window_start, window_end"),
                        Aggregate.class)
                .get(0)
                .groupings()
                .get(0);
        Expr.Window spark = (Expr.Window) find(
                        plan("SELECT window.start, COUNT(*) FROM bids"
                                + " GROUP BY window(ts, '10 seconds', '2 seconds')"),
                        Aggregate.class)
                .get(0)
                .groupings()
                .get(0);
        assertThat(hop.sizeMicros()).isEqualTo(10_000_000L);
        assertThat(hop.slideMicros()).isEqualTo(2_000_000L);
        assertThat(spark).isEqualTo(hop);
    }

    @Test
    void when_sparkWindowHasAZeroStartTime_then_itIsAcceptedAsTheSameWindow() {
        Expr.Window zero = (Expr.Window) find(
                        plan("SELECT window.start, COUNT(*) FROM bids"
                                + " GROUP BY window(ts, '10 seconds', '5 seconds', '0 seconds')"),
                        Aggregate.class)
                .get(0)
                .groupings()
                .get(0);
        assertThat(zero).isEqualTo(new Expr.Window(new Expr.Col("ts"), 10_000_000L, 5_000_000L, 0));
        Expr.Window shifted = (Expr.Window) find(
                        plan("SELECT window.start, COUNT(*) FROM bids"
                                + " GROUP BY window(ts, '10 seconds', '5 seconds', '2 seconds')"),
                        Aggregate.class)
                .get(0)
                .groupings()
                .get(0);
        assertThat(shifted.offsetMicros()).isEqualTo(2_000_000L);
    }

    @Test
    void when_tumbleAndSessionAreTranslated_then_theEngineGetsTheirWindows() {
        Expr tumble = find(
                        plan("SELECT window.start, COUNT(*) FROM bids GROUP BY window(ts, '1 minute')"),
                        Aggregate.class)
                .get(0)
                .groupings()
                .get(0);
        assertThat(tumble).isEqualTo(new Expr.Window(new Expr.Col("ts"), 60_000_000L, 60_000_000L, 0));
        Aggregate session = find(
                        plan("SELECT session_window.start, session_window.end, bidder, COUNT(*) FROM bids"
                                + " GROUP BY session_window(ts, '30 seconds'), bidder"),
                        Aggregate.class)
                .get(0);
        assertThat(session.groupings().get(0)).isEqualTo(new Expr.SessionWindow(new Expr.Col("ts"), 30_000_000L));
        assertThat(session.groupings()).hasSize(2);
    }

    @Test
    void when_aggregatesAreTranslated_then_countDistinctIsApproximate() {
        Aggregate a = find(
                        plan("SELECT auction, COUNT(*), COUNT(DISTINCT bidder), SUM(price), AVG(price),"
                                + " MIN(price), MAX(price) FROM bids GROUP BY auction"),
                        Aggregate.class)
                .get(0);
        assertThat(a.aggregates())
                .extracting(e -> ((Expr.Agg) ((Expr.Alias) e).child()).fn())
                .containsExactly(
                        Expr.AggFn.COUNT,
                        Expr.AggFn.APPROX_COUNT_DISTINCT,
                        Expr.AggFn.SUM,
                        Expr.AggFn.AVG,
                        Expr.AggFn.MIN,
                        Expr.AggFn.MAX);
        assertThat(a.schema().names()).contains("count(1)", "sum(price)");
    }

    @Test
    void when_selectDistinct_then_theEngineDeduplicates() {
        assertThat(find(plan("SELECT DISTINCT bidder FROM bids"), Deduplicate.class))
                .hasSize(1);
    }

    @Test
    void when_streamJoinsAJavaTable_then_itIsAStreamStaticJoin() {
        sql.catalog()
                .registerTable(
                        "people",
                        Table.create(
                                "people", LongColumn.create("id", 1L, 2L), StringColumn.create("name", "ann", "bob")));
        Join j = find(plan("SELECT b.price, p.name FROM bids b JOIN people p ON b.bidder = p.id"), Join.class)
                .get(0);
        assertThat(j.right()).isInstanceOf(StaticScan.class);
        assertThat(j.type()).isEqualTo(Join.JoinType.INNER);
    }

    @Test
    void when_streamIsCreatedInSql_then_javaCanUseItWithItsWatermark() {
        sql.execute("CREATE STREAM ticks (ts TIMESTAMP(3), v BIGINT, WATERMARK FOR ts AS ts - INTERVAL '3' SECOND)"
                + " WITH ('connector' = 'rate', 'rowsPerSecond' = 5)");
        Dataset ticks = sql.dataset("ticks");
        Watermark w = find(ticks.plan(), Watermark.class).get(0);
        assertThat(w.column()).isEqualTo("ts");
        assertThat(w.delayMicros()).isEqualTo(3_000_000L);
        assertThat(ticks.isStreaming()).isTrue();
    }

    @Test
    void when_javaRegistersATempView_then_sqlQueriesItAndSqlStreamsBecomeViews() {
        bids.toDF()
                .filter(new Expr.Binary(Expr.BinaryOp.GT, new Expr.Col("price"), new Expr.Lit(100.0, DataType.DOUBLE)))
                .createOrReplaceTempView("expensive");
        SqlResult.Streaming s = (SqlResult.Streaming) sql.execute("SELECT auction FROM expensive");
        assertThat(s.dataset().isStreaming()).isTrue();
        assertThat(((SqlResult.Rows) sql.execute("SHOW STREAMS"))
                        .table()
                        .stringColumn("name")
                        .asList())
                .contains("expensive");
        sql.execute("CREATE STREAM ticks (ts TIMESTAMP(3), v BIGINT) WITH ('connector' = 'rate')");
        assertThat(eddy.view("ticks").schema().names()).containsExactly("ts", "v");
        sql.execute("DROP STREAM ticks");
        assertThatThrownBy(() -> sql.execute("SELECT v FROM ticks"))
                .hasMessageStartingWith("Unknown stream or table 'ticks'");
    }

    @Test
    void when_insertIntoMemoryStream_then_theResultIsQueryableWithBatchSql() {
        sql.execute("CREATE STREAM big_bids (auction BIGINT, price DOUBLE) WITH ('connector' = 'memory')");
        SqlResult.Streaming insert = (SqlResult.Streaming)
                sql.execute("INSERT INTO big_bids SELECT auction, price FROM bids WHERE price > 10");
        assertThat(insert.query()).isNull();
        try (QueryTestDriver d = QueryTestDriver.start(insert.writer())) {
            bids.addData(
                    new Object[] {1L, 5.0, 7L, Instant.ofEpochSecond(1)},
                    new Object[] {2L, 50.0, 8L, Instant.ofEpochSecond(2)},
                    new Object[] {3L, 20.0, 9L, Instant.ofEpochSecond(3)});
            d.runTrigger();
        }
        Table t = ((SqlResult.Rows) sql.execute("SELECT auction FROM big_bids ORDER BY price DESC")).table();
        assertThat(t.longColumn("auction").asList()).containsExactly(2L, 3L);
    }

    @Test
    void when_insertIsStarted_then_showQueriesListsIt() {
        Sql running = new Sql(eddy);
        running.catalog().registerStream("bids", bids.toDF());
        running.execute("CREATE STREAM sink (auction BIGINT) WITH ('connector' = 'memory')");
        SqlResult.Streaming insert = (SqlResult.Streaming) running.execute("INSERT INTO sink SELECT auction FROM bids");
        try {
            Table queries = ((SqlResult.Rows) running.execute("SHOW QUERIES")).table();
            assertThat(queries.stringColumn("name").asList()).contains("sink");
        } finally {
            insert.query().stop();
        }
    }

    @Test
    void when_expressionsAreTranslated_then_inBetweenAndCoalesceBecomeEngineExpressions() {
        String explain = sql.stream("SELECT auction, COALESCE(price, 0.0) AS p FROM bids"
                        + " WHERE bidder IN (1, 2) AND price BETWEEN 10 AND 20")
                .explain();
        assertThat(explain)
                .contains("coalesce(price, 0.0) AS p", "((bidder = 1) OR (bidder = 2))", "(price >= ", "(price <= ");
    }

    @Test
    void when_streamsJoinOnATimeRange_then_theEngineJoinHasTheBoundsInMicros() {
        sql.catalog().registerStream("bids2", eddy.memoryStream(BIDS).toDF().withWatermark("ts", "5 seconds"));
        Join j = find(
                        plan("SELECT a.auction FROM bids a JOIN bids2 b ON a.auction = b.auction"
                                + " AND a.ts BETWEEN b.ts AND b.ts + INTERVAL '1' MINUTE"),
                        Join.class)
                .get(0);
        assertThat(j.condition().toString()).contains("(ts <= (right_ts + 60000000))");
    }

    private List<String> runOnce(String query, Object[]... rows) {
        try (QueryTestDriver d =
                QueryTestDriver.start(sql.stream(query).writeStream().outputMode("append"))) {
            bids.addData(rows);
            return RowTexts.sorted(d.runTrigger().newRows());
        }
    }

    @Test
    void when_streamStaticJoinRuns_then_eachBidGetsItsBiddersName() {
        sql.catalog()
                .registerTable(
                        "people",
                        Table.create(
                                "people", LongColumn.create("id", 7L, 8L), StringColumn.create("name", "ann", "bob")));
        List<String> rows = runOnce(
                "SELECT b.auction, p.name, p.id FROM bids b JOIN people p ON b.bidder = p.id",
                new Object[] {1L, 5.0, 7L, Instant.ofEpochSecond(1)},
                new Object[] {2L, 6.0, 8L, Instant.ofEpochSecond(2)},
                new Object[] {3L, 7.0, 9L, Instant.ofEpochSecond(3)});
        assertThat(rows).containsExactly("1 ann 7", "2 bob 8");
    }

    @Test
    void when_selectDistinctRuns_then_eachBidderIsEmittedOnce() {
        List<String> rows = runOnce(
                "SELECT DISTINCT bidder FROM bids",
                new Object[] {1L, 5.0, 7L, Instant.ofEpochSecond(1)},
                new Object[] {2L, 6.0, 7L, Instant.ofEpochSecond(2)},
                new Object[] {3L, 7.0, 9L, Instant.ofEpochSecond(3)});
        assertThat(rows).containsExactly("7", "9");
    }

    @Test
    void when_streamingQueryIsExplained_then_calcitesAndTheEnginesPlansAreShown() {
        String text = ((SqlResult.Plan) sql.execute(
                        "EXPLAIN SELECT window.start, COUNT(*) AS n FROM bids" + " GROUP BY window(ts, '10 seconds')"))
                .text();
        assertThat(text)
                .startsWith("streaming query\n")
                .contains(
                        "LogicalTableFunctionScan(invocation=[TUMBLE(",
                        "== Logical Plan ==",
                        "Aggregate keys=[window(ts, 10 seconds, 10 seconds)]",
                        "EventTimeWatermark ts");
    }

    @Test
    void when_engineCannotRunAConstruct_then_theErrorSaysSoWithThePosition() {
        assertThatThrownBy(() -> sql.execute("SELECT auction FROM bids\nWHERE POWER(price, 3) > 1"))
                .isInstanceOf(SqlException.class)
                .hasMessageStartingWith("The engine cannot run this query at line 1, column 1: ");
    }

    @Test
    void when_aStreamIsFilteredByALongInListAndSqrt_then_theEngineAnswers() {
        StringBuilder in = new StringBuilder("SELECT auction, SQRT(price) AS r FROM bids WHERE auction IN (");
        for (int i = 0; i < 20_000; i++) {
            in.append(i * 3).append(", ");
        }
        String query = in.append("-1)").toString();
        assertThat(runOnce(
                        query,
                        new Object[] {3L, 4.0, 7L, Instant.ofEpochSecond(1)},
                        new Object[] {4L, 9.0, 8L, Instant.ofEpochSecond(2)},
                        new Object[] {null, 16.0, 9L, Instant.ofEpochSecond(3)}))
                .containsExactly("3 2.0");
    }

    /** 0, 3, 6, ... (20,000 multiples of 3), each followed by a comma. */
    private static String multiplesOfThree() {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            in.append(i * 3).append(", ");
        }
        return in.toString();
    }

    @Test
    void when_aLongInListIsProjected_then_aMissIsFalseAndANullValueIsNull() {
        // Spark: x IN (...) is true when x is listed, false when not, NULL when x is NULL
        assertThat(runOnce(
                        "SELECT auction, auction IN (" + multiplesOfThree() + "-1) AS hit FROM bids",
                        new Object[] {3L, 4.0, 7L, Instant.ofEpochSecond(1)},
                        new Object[] {4L, 9.0, 8L, Instant.ofEpochSecond(2)},
                        new Object[] {null, 16.0, 9L, Instant.ofEpochSecond(3)}))
                .containsExactly("3 true", "4 false", "null null");
    }

    @Test
    void when_aLongInListHoldsANull_then_aMissIsNullAsInSpark() {
        // Spark: x IN (..., NULL) is true when x is listed, else NULL (as SqlTypeRulesBatchAndStreamTest's short
        // a IN (4, NULL)); Calcite writes it as 20,001 ORs, which must not nest 20,001 deep
        assertThat(runOnce(
                        "SELECT auction, auction IN (" + multiplesOfThree() + "NULL) AS hit FROM bids",
                        new Object[] {3L, 4.0, 7L, Instant.ofEpochSecond(1)},
                        new Object[] {4L, 9.0, 8L, Instant.ofEpochSecond(2)},
                        new Object[] {null, 16.0, 9L, Instant.ofEpochSecond(3)}))
                .containsExactly("3 true", "4 null", "null null");
    }

    @Test
    void when_aLongInListMixesNumbersWithATime_then_theQueryIsRefusedAsAShortOneIs() {
        // the check that every pair of values has a common type is one pass over the list; a NULL between the
        // numbers and the DATE (it goes with both) must not hide the mismatch
        for (String list : List.of("1, DATE '2024-01-01'", multiplesOfThree() + "NULL, DATE '2024-01-01'")) {
            assertThatThrownBy(() -> sql.stream("SELECT auction FROM bids WHERE auction IN (" + list + ")"))
                    .as(list.length() < 40 ? list : "20,000 numbers, NULL, a DATE")
                    .isInstanceOf(SqlException.class)
                    .hasMessageContaining("[DATATYPE_MISMATCH.DATA_DIFF_TYPES]");
        }
    }
}
