package dev.eddy.streaming.ops;

import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.date_add;
import static dev.eddy.streaming.api.expr.Functions.datediff;
import static dev.eddy.streaming.api.expr.Functions.div;
import static dev.eddy.streaming.api.expr.Functions.lit;
import static dev.eddy.streaming.api.expr.Functions.make_date;
import static dev.eddy.streaming.api.expr.Functions.to_date;
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
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Java API's null-intolerant functions compute their arguments in Spark's order, each only for the rows whose
 * arguments before it are not NULL (Spark's BinaryExpression/TernaryExpression eval): an argument that would fail
 * fails the query only for a row that computes it.
 */
class FunctionArgumentOrderTest {
    private final Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
    private final MemoryStream in =
            eddy.memoryStream(Schema.of(Field.of("ts", DataType.TIMESTAMP), Field.of("n", DataType.INT)));
    /** 10 / n as an INT: fails with [DIVIDE_BY_ZERO] for a row whose n is 0. */
    private final Expr tenByN = div(lit(10), col("n")).cast(DataType.INT);

    private List<Row> run(Dataset d, Object[]... rows) {
        try (QueryTestDriver q = QueryTestDriver.start(d.writeStream().outputMode("append"))) {
            in.addData(rows);
            q.runTrigger();
            return q.result();
        }
    }

    @Test
    void when_anEarlierArgumentIsNull_then_aFailingLaterOneIsNotComputed() {
        List<Row> rows = run(
                in.toDF().select(date_add(to_date(col("ts")), tenByN).as("d"), col("n")),
                new Object[] {Instant.parse("2024-01-05T10:00:00Z"), 5},
                new Object[] {null, 0});
        assertThat(rows.get(0).getDate("d")).isEqualTo(LocalDate.of(2024, 1, 7));
        assertThat(rows.get(1).get(0))
                .as("the date is NULL: 10 / 0 never computed")
                .isNull();
    }

    @Test
    void when_theMonthIsNull_then_theDayIsNotComputed() {
        Expr oneOrNull = datediff(to_date(col("ts")), to_date(col("ts"))).plus(1); // NULL where ts is
        List<Row> rows = run(
                in.toDF().select(make_date(lit(2024), oneOrNull, tenByN).as("d")),
                new Object[] {Instant.parse("2024-01-05T10:00:00Z"), 5},
                new Object[] {null, 0});
        assertThat(rows).extracting(r -> r.get(0)).containsExactly(LocalDate.of(2024, 1, 2), null);
    }

    @Test
    void when_theLeftOperandIsNull_then_anOverflowOnTheRightIsNotComputed() {
        // Spark's Add: (n + 2147483640) only for a row whose left operand is not NULL; an INT overflow is a failure
        // like any other (NULL + 2147483647 is NULL in Spark 4.2, its stream differential's eval-order cases)
        Expr nullWhereTsIs = datediff(to_date(col("ts")), to_date(col("ts"))); // 0, NULL where ts is
        List<Row> rows = run(
                in.toDF().select(nullWhereTsIs.plus(col("n").plus(2147483640)).as("x"), col("n")),
                new Object[] {Instant.parse("2024-01-05T10:00:00Z"), 5},
                new Object[] {null, 10});
        assertThat(rows).extracting(r -> r.get(0)).containsExactly(2147483645, null);
        assertThatThrownBy(() -> run(
                        in.toDF()
                                .select(nullWhereTsIs
                                        .plus(col("n").plus(2147483640))
                                        .as("x")),
                        new Object[] {Instant.parse("2024-01-05T10:00:00Z"), 10}))
                .hasStackTraceContaining("[ARITHMETIC_OVERFLOW]");
    }

    @Test
    void when_theEarlierArgumentsAreNotNull_then_aFailingLaterOneFailsTheQuery() {
        assertThatThrownBy(() -> run(
                        in.toDF().select(date_add(to_date(col("ts")), tenByN).as("d")),
                        new Object[] {Instant.parse("2024-01-05T10:00:00Z"), 0}))
                .hasStackTraceContaining("[DIVIDE_BY_ZERO]");
    }
}
