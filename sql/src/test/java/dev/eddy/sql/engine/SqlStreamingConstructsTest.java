package dev.eddy.sql.engine;

import static dev.eddy.streaming.api.expr.Functions.alias;
import static dev.eddy.streaming.api.expr.Functions.caseWhen;
import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.lit;
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
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * CASE WHEN, UNION [ALL] and ORDER BY/LIMIT after an aggregation in complete mode, run by the engine; where the
 * Java API has the same construct, SQL and Java must give the same rows trigger by trigger.
 */
class SqlStreamingConstructsTest {
    private static final Schema BIDS = Schema.of(
            Field.of("auction", DataType.LONG),
            Field.of("price", DataType.DOUBLE),
            Field.of("bidder", DataType.LONG),
            Field.of("ts", DataType.TIMESTAMP));

    private Sql sql;

    /** For the queries that fail before they run. */
    @BeforeEach
    void session() {
        Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
        sql = new Sql(eddy);
        sql.catalog().registerStream("bids", eddy.memoryStream(BIDS).toDF());
    }

    private static Object[] bid(long auction, double price, long bidder) {
        return new Object[] {auction, price, bidder, Instant.ofEpochSecond(auction)};
    }

    private static final List<List<Object[]>> TRIGGERS = List.of(
            List.of(bid(1, 5.0, 7), bid(2, 50.0, 8), bid(3, 500.0, 7)), List.of(bid(4, 0.5, 9), bid(5, 150.0, 8)));

    /**
     * Runs the query on a fresh session with streams {@code bids} (TRIGGERS) and {@code more_bids} (one row per
     * trigger); returns the rows each trigger outputs (in the order the sink got them unless {@code sorted}).
     */
    private static List<List<String>> run(Function<Sql, Dataset> query, String mode, boolean sorted) {
        Eddy eddy =
                Eddy.builder().clock(new ManualClock(0)).noDataBatches(false).build();
        Sql session = new Sql(eddy);
        MemoryStream bids = eddy.memoryStream(BIDS);
        MemoryStream moreBids = eddy.memoryStream(BIDS);
        session.catalog().registerStream("bids", bids.toDF());
        session.catalog().registerStream("more_bids", moreBids.toDF());
        List<List<String>> out = new ArrayList<>();
        try (QueryTestDriver d =
                QueryTestDriver.start(query.apply(session).writeStream().outputMode(mode))) {
            for (List<Object[]> rows : TRIGGERS) {
                bids.addData(rows.toArray(new Object[0][]));
                moreBids.addData(new Object[][] {bid(100, 1.0, 1)});
                List<String> texts = new ArrayList<>();
                for (Row r : d.runTrigger().newRows()) {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < r.size(); i++) {
                        sb.append(i > 0 ? " " : "").append(r.get(i));
                    }
                    texts.add(sb.toString());
                }
                if (sorted) {
                    texts.sort(null);
                }
                out.add(texts);
            }
        }
        return out;
    }

    private static List<List<String>> sqlRows(String query, String mode) {
        return run(s -> s.stream(query), mode, true);
    }

    private static List<List<String>> javaRows(Function<Sql, Dataset> query, String mode) {
        return run(query, mode, true);
    }

    @Test
    void when_caseWhenIsInTheSelectListAndTheFilter_then_itEqualsTheJavaApi() {
        List<List<String>> viaSql = sqlRows(
                "SELECT auction, CASE WHEN price < 10 THEN 'low' WHEN price < 100 THEN 'mid'"
                        + " ELSE 'high' END AS band FROM bids WHERE CASE WHEN bidder = 7 THEN price > 1 ELSE price > 100 END",
                "append");
        Expr band = caseWhen(col("price").lt(10), lit("low"), col("price").lt(100), lit("mid"), lit("high"));
        Expr keep = caseWhen(
                col("bidder").equalTo(7L), col("price").gt(1), col("price").gt(100));
        List<List<String>> viaJava =
                javaRows(s -> s.dataset("bids").filter(keep).select(col("auction"), alias(band, "band")), "append");
        assertThat(viaSql).containsExactly(List.of("1 low", "3 high"), List.of("5 high"));
        assertThat(viaSql).isEqualTo(viaJava);
    }

    @Test
    void when_simpleCaseComparesOneValue_then_itPicksTheMatchingBranch() {
        List<List<String>> rows = sqlRows(
                "SELECT auction, CASE bidder WHEN 7 THEN 'seven' WHEN 8 THEN 'eight' END AS b" + " FROM bids",
                "append");
        assertThat(rows).containsExactly(List.of("1 seven", "2 eight", "3 seven"), List.of("4 null", "5 eight"));
    }

    @Test
    void when_batchQuerySortsNulls_then_theyComeFirstAscendingAsInStreamingSql() {
        sql.catalog().registerTable("people", Table.create("people", StringColumn.create("name", "bob", null, "ann")));
        Table sorted = ((SqlResult.Rows) sql.execute("SELECT name FROM people ORDER BY name")).table();
        assertThat(sorted.stringColumn("name").asList()).containsExactly("", "ann", "bob"); // Tablesaw's missing string
    }

    @Test
    void when_caseHasNoElseAndMixedNumericTypes_then_unmatchedRowsAreNullAndValuesWiden() {
        List<List<String>> rows = sqlRows(
                "SELECT auction, CASE WHEN price > 100 THEN bidder WHEN price > 10 THEN 0.5 END" + " AS x FROM bids",
                "append");
        assertThat(rows).containsExactly(List.of("1 null", "2 0.5", "3 7.0"), List.of("4 null", "5 8.0"));
    }

    @Test
    void when_caseWhenIsAGroupingKey_then_theAggregateGroupsByIt() {
        List<List<String>> viaSql = sqlRows(
                "SELECT CASE WHEN price >= 100 THEN 'big' ELSE 'small' END AS size,"
                        + " COUNT(*) AS n FROM bids GROUP BY CASE WHEN price >= 100 THEN 'big' ELSE 'small' END",
                "complete");
        assertThat(viaSql).containsExactly(List.of("big 1", "small 2"), List.of("big 2", "small 3"));
    }

    @Test
    void when_caseWhenIsAnAggregateArgument_then_itCountsConditionally() {
        List<List<String>> rows = sqlRows(
                "SELECT bidder, SUM(CASE WHEN price > 10 THEN 1 ELSE 0 END) AS big FROM bids" + " GROUP BY bidder",
                "complete");
        assertThat(rows).containsExactly(List.of("7 1", "8 1"), List.of("7 1", "8 2", "9 0"));
    }

    @Test
    void when_twoStreamsAreUnionedAll_then_everyRowOfBothComesOutAsInTheJavaApi() {
        List<List<String>> viaSql = sqlRows(
                "SELECT auction, bidder FROM bids WHERE price > 10"
                        + " UNION ALL SELECT auction, bidder FROM more_bids",
                "append");
        List<List<String>> viaJava = javaRows(
                s -> s.dataset("bids")
                        .filter(col("price").gt(10))
                        .select("auction", "bidder")
                        .union(s.dataset("more_bids").select("auction", "bidder")),
                "append");
        assertThat(viaSql).containsExactly(List.of("100 1", "2 8", "3 7"), List.of("100 1", "5 8"));
        assertThat(viaSql).isEqualTo(viaJava);
    }

    @Test
    void when_unionHasNoAll_then_duplicateRowsAreDropped() {
        List<List<String>> rows = sqlRows("SELECT bidder FROM bids UNION SELECT bidder FROM more_bids", "append");
        assertThat(rows).containsExactly(List.of("1", "7", "8"), List.of("9"));
    }

    @Test
    void when_unionedColumnsHaveDifferentTypes_then_theyAreWidenedToTheUnionsType() {
        List<List<String>> rows = sqlRows(
                "SELECT CAST(bidder AS INT) AS b FROM bids WHERE auction = 1"
                        + " UNION ALL SELECT bidder FROM more_bids",
                "append");
        assertThat(rows.get(0)).containsExactly("1", "7");
    }

    @Test
    void when_streamIsUnionedWithATable_then_theErrorSaysOnlyStreamsUnion() {
        sql.catalog().registerTable("people", Table.create("people", StringColumn.create("name", "ann")));
        assertThatThrownBy(() ->
                        sql.stream("SELECT CAST(bidder AS VARCHAR) AS x FROM bids UNION ALL SELECT name FROM people"))
                .isInstanceOf(SqlException.class)
                .hasMessageContaining("UNION of a stream and a table is not supported");
    }

    @Test
    void when_aggregationIsSortedAndLimitedInCompleteMode_then_eachTriggerGivesTheTopRowsInOrder() {
        List<List<String>> rows = run(
                s -> s.stream("SELECT bidder, SUM(price) AS total FROM bids GROUP BY bidder"
                        + " ORDER BY total DESC LIMIT 2"),
                "complete",
                false);
        assertThat(rows).containsExactly(List.of("7 505.0", "8 50.0"), List.of("7 505.0", "8 200.0"));
    }

    private static final String NULL_FOR_9 = "CASE WHEN bidder = 9 THEN NULL ELSE bidder END";

    @Test
    void when_sortHasSeveralKeys_then_laterKeysBreakTiesAndNullsComeLastDescending() {
        List<List<String>> rows = run(
                s -> s.stream("SELECT " + NULL_FOR_9 + " AS b, COUNT(*) AS n FROM bids GROUP BY " + NULL_FOR_9
                        + " ORDER BY n DESC, b DESC"),
                "complete",
                false);
        assertThat(rows.get(1)).containsExactly("8 2", "7 2", "null 1");
    }

    @Test
    void when_sortIsAscending_then_nullsComeFirstAsInSpark() {
        List<List<String>> rows = run(
                s -> s.stream("SELECT " + NULL_FOR_9 + " AS b, COUNT(*) AS n FROM bids GROUP BY " + NULL_FOR_9
                        + " ORDER BY b"),
                "complete",
                false);
        assertThat(rows.get(1)).containsExactly("null 1", "7 2", "8 2");
    }

    @Test
    void when_sortedAggregateHasNoAlias_then_itKeepsSparksName() {
        assertThat(sql.stream("SELECT bidder, COUNT(*) FROM bids GROUP BY bidder ORDER BY 2 DESC")
                        .plan()
                        .schema()
                        .names())
                .containsExactly("bidder", "count(1)");
    }

    @Test
    void when_sortedAggregationRunsInUpdateMode_then_sparksErrorSaysCompleteModeOnly() {
        assertThatThrownBy(() -> run(
                        s -> s.stream("SELECT bidder, COUNT(*) AS n FROM bids GROUP BY bidder ORDER BY n DESC"),
                        "update",
                        false))
                .hasMessageContaining(
                        "Sorting is not supported on streaming DataFrames/Datasets, unless it is on aggregated"
                                + " DataFrame/Dataset in Complete output mode");
    }

    @Test
    void when_sortedAggregationHasAnOffset_then_theErrorSaysOffsetIsNotSupported() {
        assertThatThrownBy(() -> sql.stream(
                        "SELECT bidder, COUNT(*) AS n FROM bids GROUP BY bidder ORDER BY n" + " LIMIT 2 OFFSET 1"))
                .isInstanceOf(SqlException.class)
                .hasMessageContaining("OFFSET on a streaming query is not supported");
    }

    @Test
    void when_unsortedStreamIsOrdered_then_theValidatorStillRejectsIt() {
        assertThatThrownBy(() -> sql.stream("SELECT auction FROM bids ORDER BY auction"))
                .isInstanceOf(SqlException.class)
                .hasMessageStartingWith("ORDER BY is not supported on an unbounded stream without aggregation");
    }
}
