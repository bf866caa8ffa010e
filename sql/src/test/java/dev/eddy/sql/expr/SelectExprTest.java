package dev.eddy.sql.expr;

import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.count;
import static dev.eddy.streaming.api.expr.Functions.expr;
import static dev.eddy.streaming.api.expr.Functions.sessionWindow;
import static dev.eddy.streaming.api.expr.Functions.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The Java API's selectExpr/expr/filter(String) go through the SQL front end (the engine's ExpressionParser SPI). */
class SelectExprTest {
    private final Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
    private final MemoryStream in = eddy.memoryStream(Schema.of(
            Field.of("page", DataType.STRING), Field.of("visits", DataType.LONG), Field.of("ts", DataType.TIMESTAMP)));

    private List<Row> run(Dataset d, String mode) {
        try (QueryTestDriver q = QueryTestDriver.start(d.writeStream().outputMode(mode))) {
            in.addData(
                    new Object[] {"home", 2L, Instant.ofEpochSecond(10)},
                    new Object[] {"cart", 1L, Instant.ofEpochSecond(12)},
                    new Object[] {"home", 5L, Instant.ofEpochSecond(14)});
            q.runTrigger();
            return q.result();
        }
    }

    @Test
    void when_selectExprIsGivenSqlItems_then_theyAreParsedComputedAndNamed() {
        List<Row> rows = run(in.toDF().selectExpr("upper(page) AS p", "visits * 10 AS v", "*"), "append");
        assertThat(rows).hasSize(3);
        Row first = rows.get(0);
        assertThat(first.getString("p")).isEqualTo("HOME");
        assertThat(first.getLong("v")).isEqualTo(20);
        assertThat(first.getString("page")).isEqualTo("home");
    }

    @Test
    void when_exprAndSqlConditionsAreUsed_then_filterGroupByAndAggUseThem() {
        Dataset d = in.toDF()
                .filter("visits > 1 AND page <> 'cart'")
                .withColumn("double_visits", expr("visits * 2"))
                .groupBy(expr("lower(page)").as("pg"))
                .agg(expr("sum(double_visits)").as("total"), count().as("n"));
        List<Row> rows = run(d, "complete");
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.getString("pg")).isEqualTo("home");
            assertThat(r.getLong("total")).isEqualTo(14);
            assertThat(r.getLong("n")).isEqualTo(2);
        });
    }

    @Test
    void when_exprHasTimeFunctionsAndWindows_then_theyWorkLikeTheJavaForms() {
        Dataset d = in.toDF()
                .selectExpr("timestamp_seconds(visits) AS t", "page")
                .groupBy(window(col("t"), "10 seconds"), col("page"))
                .count();
        assertThat(run(d, "complete"))
                .extracting(r -> r.getString("page") + r.getLong("count"))
                .containsExactlyInAnyOrder("home2", "cart1");
    }

    @Test
    void when_theSqlIsWrong_then_theErrorQuotesItAndSaysWhy() {
        assertThatThrownBy(() -> in.toDF().selectExpr("nosuch + 1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expr(\"nosuch + 1\")")
                .hasMessageContaining("nosuch");
        assertThatThrownBy(() -> in.toDF().filter("visits >"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expr(\"visits >\")");
    }

    @Test
    void when_aJoinConditionIsAnExpr_then_itIsParsedOverBothSidesColumns() {
        Table names = Table.create(
                "names", StringColumn.create("key", "home", "cart"), StringColumn.create("title", "Home page", "Cart"));
        Dataset d = in.toDF()
                .join(names, expr("page = key AND visits > 1"), "inner")
                .select("page", "title");
        assertThat(run(d, "append"))
                .extracting(r -> r.getString("page") + "/" + r.getString("title"))
                .containsExactlyInAnyOrder("home/Home page", "home/Home page");
    }

    @Test
    void when_aWindowStructsFieldsAreUsedInSql_then_theyAreTheWindowBounds() {
        Dataset counts =
                in.toDF().groupBy(window(col("ts"), "10 seconds"), col("page")).agg(count().as("n"));
        Dataset d = counts.filter(expr("window.end > timestamp_seconds(15)"))
                .selectExpr("window.start", "window.end AS we", "page", "n * 2 AS twice");
        List<Row> rows = run(d, "complete");
        assertThat(d.schema().names()).containsExactly("start", "we", "page", "twice");
        assertThat(rows)
                .extracting(r -> r.getTimestamp("start").getEpochSecond() + "-"
                        + r.getTimestamp("we").getEpochSecond() + " " + r.getString("page") + " " + r.getLong("twice"))
                .containsExactlyInAnyOrder("10-20 home 4", "10-20 cart 2");
    }

    @Test
    void when_aSessionWindowStructsFieldsAreUsedInSql_then_theyAreTheSessionBounds() {
        Dataset d = in.toDF()
                .groupBy(sessionWindow(col("ts"), "5 seconds"), col("page"))
                .agg(count().as("n"))
                .select(
                        expr("session_window.start").as("ws"),
                        expr("session_window.end").as("we"),
                        col("page"),
                        expr("n"));
        assertThat(run(d, "complete"))
                .extracting(r -> r.getTimestamp("ws").getEpochSecond() + "-"
                        + r.getTimestamp("we").getEpochSecond() + " " + r.getString("page") + " " + r.getLong("n"))
                .containsExactlyInAnyOrder("10-19 home 2", "12-17 cart 1");
    }

    @Test
    void when_theInputHasAWindowStruct_then_itsOtherColumnsStillParse() {
        Dataset counts =
                in.toDF().groupBy(window(col("ts"), "10 seconds"), col("page")).count();
        assertThat(counts.selectExpr("upper(page) AS p").schema().names()).containsExactly("p");
        assertThatThrownBy(() -> counts.selectExpr("window"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window.start and window.end");
    }
}
