package dev.eddy.sql.engine;

import static dev.eddy.streaming.api.expr.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.sql.api.Sql;
import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.plan.Join;
import dev.eddy.streaming.api.plan.LogicalPlan;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Columns a query never reads are dropped before joins, with the same answers as the Java API. */
class SqlFieldTrimmingTest {
    private static final Schema PERSON = Schema.of(
            Field.of("id", DataType.LONG),
            Field.of("name", DataType.STRING),
            Field.of("state", DataType.STRING),
            Field.of("ts", DataType.TIMESTAMP));
    private static final Schema AUCTION = Schema.of(
            Field.of("id", DataType.LONG),
            Field.of("seller", DataType.LONG),
            Field.of("category", DataType.LONG),
            Field.of("reserve", DataType.DOUBLE),
            Field.of("ts", DataType.TIMESTAMP));
    private static final String Q8 = "SELECT P.id, P.name, A.id AS auction FROM person P JOIN auction A"
            + " ON P.id = A.seller AND A.ts BETWEEN P.ts AND P.ts + INTERVAL '10' SECOND";

    private Sql sql;
    private MemoryStream person;
    private MemoryStream auction;
    private MemoryStream lines;

    @BeforeEach
    void session() {
        Eddy eddy =
                Eddy.builder().clock(new ManualClock(0)).noDataBatches(false).build();
        sql = new Sql(eddy);
        person = eddy.memoryStream(PERSON);
        auction = eddy.memoryStream(AUCTION);
        lines = eddy.memoryStream(Schema.of(Field.of("line", DataType.STRING), Field.of("source", DataType.STRING)));
        sql.catalog().registerStream("person", person.toDF().withWatermark("ts", "5 seconds"));
        sql.catalog().registerStream("auction", auction.toDF().withWatermark("ts", "5 seconds"));
        sql.catalog().registerStream("lines", lines.toDF());
    }

    private static Join join(LogicalPlan p) {
        return p instanceof Join j ? j : join(p.children().get(0));
    }

    @Test
    void when_streamsAreJoined_then_eachSideKeepsOnlyTheColumnsTheQueryReads() {
        Join j = join(sql.stream(Q8).plan());
        assertThat(j.left().schema().names()).containsExactly("id", "name", "ts");
        assertThat(j.right().schema().names()).containsExactly("id", "seller", "ts");
    }

    @Test
    void when_trimmedJoinRuns_then_itGivesTheJavaApisRowsTriggerByTrigger() { // each side on a fresh session
        List<List<String>> viaSql = run(sql.stream(Q8));
        session();
        Dataset p = sql.dataset("person");
        Dataset a = sql.dataset("auction");
        Dataset java = p.join(
                        a,
                        col("id")
                                .equalTo(col("seller"))
                                .and(col("right_ts").geq(col("ts")))
                                .and(col("right_ts").leq(col("ts").plus(10_000_000L))))
                .select(col("id"), col("name"), col("right_id").as("auction"));
        assertThat(viaSql).containsExactly(List.of("1 ann 10"), List.of("1 ann 12", "2 bob 11"));
        assertThat(viaSql).isEqualTo(run(java));
    }

    private List<List<String>> run(Dataset query) {
        List<List<String>> out = new ArrayList<>();
        try (QueryTestDriver d = QueryTestDriver.start(query.writeStream().outputMode("append"))) {
            person.addData(new Object[] {1L, "ann", "OR", at(0)}, new Object[] {2L, "bob", "CA", at(5)});
            auction.addData(new Object[] {10L, 1L, 3L, 9.5, at(4)}, new Object[] {13L, 1L, 3L, 9.5, at(11)});
            out.add(texts(d.runTrigger().newRows()));
            auction.addData(new Object[] {11L, 2L, 4L, 1.0, at(7)}, new Object[] {12L, 1L, 5L, 2.0, at(10)});
            out.add(texts(d.runTrigger().newRows()));
        }
        return out;
    }

    private static Instant at(long second) {
        // away from the epoch: at watermark 0 Spark treats a row at exactly 1970-01-01T00:00:00Z as late (ts <= 0)
        return Instant.ofEpochSecond(1_000 + second);
    }

    private static List<String> texts(List<Row> rows) {
        return RowTexts.sorted(rows);
    }

    @Test
    void when_explodedColumnIsNotRead_then_itStillMakesOneRowPerPart() {
        Dataset words =
                sql.stream("SELECT COUNT(*) AS n FROM (SELECT explode(split(line, ' ')) AS word, source FROM lines)");
        try (QueryTestDriver d = QueryTestDriver.start(words.writeStream().outputMode("complete"))) {
            lines.addData(new Object[] {"a b c", "x"}, new Object[] {"d e", "y"});
            assertThat(texts(d.runTrigger().newRows())).containsExactly("5");
        }
    }
}
