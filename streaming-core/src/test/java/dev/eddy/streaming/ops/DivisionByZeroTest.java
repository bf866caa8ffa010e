package dev.eddy.streaming.ops;

import static dev.eddy.streaming.api.expr.Functions.alias;
import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.count;
import static dev.eddy.streaming.api.expr.Functions.div;
import static dev.eddy.streaming.api.expr.Functions.lit;
import static dev.eddy.streaming.api.expr.Functions.min;
import static dev.eddy.streaming.api.expr.Functions.mod;
import static dev.eddy.streaming.api.expr.Functions.sub;
import static dev.eddy.streaming.api.expr.Functions.try_divide;
import static dev.eddy.streaming.api.expr.Functions.try_mod;
import static dev.eddy.streaming.api.expr.Functions.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Spark 4 (ANSI mode, DivModLike.eval): a zero divisor fails the query with [DIVIDE_BY_ZERO] for {@code /} and with
 * [REMAINDER_BY_ZERO] for {@code %}, for whole numbers and DOUBLEs alike (0.0 and -0.0 are zero), but only for a row
 * whose dividend is not NULL (a NULL dividend or divisor gives NULL); try_divide and try_mod give NULL instead.
 */
class DivisionByZeroTest {
    private final ExpressionStream stream = new ExpressionStream(
            Field.of("n", DataType.LONG), Field.of("d", DataType.LONG), Field.of("x", DataType.DOUBLE));
    private final MemoryStream in = stream.in;

    /**
     * Spark's TimeWindowing filters rows whose time is NULL before a window aggregation: such a row (the null side of
     * an outer join, seed 7 case 451 of the stream differential) reaches no aggregate, so its zero divisor fails
     * nothing; the same divisor on a row with a time does.
     */
    @Test
    void when_aRowWithoutATimeHasAZeroDivisor_then_aWindowAggregationNeverComputesIt() {
        MemoryStream events =
                stream.eddy.memoryStream(Schema.of(Field.of("ts", DataType.TIMESTAMP), Field.of("v", DataType.INT)));
        Dataset q = events.toDF()
                .withWatermark("ts", "0 seconds")
                .groupBy(window(col("ts"), "20 seconds", "10 seconds"))
                .agg(count().as("n"), min(div(lit(100), sub(col("v"), lit(15)))).as("q"));
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream().outputMode("update"))) {
            events.addData(new Object[] {null, 15}, new Object[] {Instant.ofEpochSecond(105), 20});
            assertThat(d.runTrigger().newRows())
                    .extracting(r -> r.getStruct("window").getLong(0) / 1_000_000 + " " + r.get("n") + " " + r.get("q"))
                    .containsExactlyInAnyOrder("90 1 20.0", "100 1 20.0");
            assertThat(d.lastProgress().stateOperators().get(0).numRowsTotal()).isEqualTo(2);
            events.addData(new Object[] {Instant.ofEpochSecond(106), 15});
            assertThatThrownBy(d::runTrigger).hasStackTraceContaining("[DIVIDE_BY_ZERO]");
        }
    }

    @Test
    void when_aWholeNumberIsDividedByZero_then_theQueryFailsNamingTheExpression() {
        in.addData(new Object[] {7L, 0L, 1.0});
        stream.fails(div(col("n"), col("d")), "[DIVIDE_BY_ZERO]", "(n / d)", "try_divide");
    }

    @Test
    void when_aDoubleIsDividedByZeroOrMinusZero_then_theQueryFails() {
        in.addData(new Object[] {7L, 1L, 2.5});
        stream.fails(div(col("x"), lit(0.0)), "[DIVIDE_BY_ZERO]");
        stream.fails(div(col("x"), lit(-0.0)), "[DIVIDE_BY_ZERO]");
        stream.fails(mod(col("x"), lit(0.0)), "[REMAINDER_BY_ZERO]", "try_mod");
    }

    @Test
    void when_theRemainderOfAZeroDivisorIsTaken_then_theQueryFailsWithRemainderByZero() {
        in.addData(new Object[] {7L, 0L, 1.0});
        stream.fails(mod(col("n"), col("d")), "[REMAINDER_BY_ZERO]", "(n % d)");
        stream.fails(mod(col("n"), lit(0L)), "[REMAINDER_BY_ZERO]", "(n % 0)");
    }

    @Test
    void when_theDividendIsNull_then_aZeroDivisorGivesNullWithoutError() {
        in.addData(new Object[] {null, 0L, null}, new Object[] {null, null, null});
        assertThat(stream.run(
                        alias(div(col("n"), col("d")), "q"),
                        alias(mod(col("n"), lit(0L)), "r"),
                        alias(div(col("x"), lit(0.0)), "xq")))
                .containsExactly("[null, null, null]", "[null, null, null]");
    }

    @Test
    void when_tryDivideAndTryModMeetAZeroDivisor_then_theyGiveNull() {
        in.addData(new Object[] {7L, 0L, 2.5}, new Object[] {7L, 2L, -0.0}, new Object[] {null, 0L, 1.0});
        assertThat(stream.run(
                        alias(try_divide(col("n"), col("d")), "q"),
                        alias(try_mod(col("n"), col("d")), "r"),
                        alias(try_divide(col("x"), col("x")), "xq"),
                        alias(try_mod(col("n"), col("x")), "xr")))
                .containsExactly("[null, null, 1.0, 2.0]", "[3.5, 1, null, null]", "[null, null, 1.0, null]");
    }

    @Test
    void when_theFirstOperandDecidesTheRow_then_theSecondIsNotComputedForIt() {
        // Spark's BinaryExpression.eval: the right operand only where the left is not NULL; DivModLike: the dividend
        // only where the divisor is not NULL; AND/OR: the right only where the left does not decide
        in.addData(new Object[] {null, 0L, 1.0}, new Object[] {4L, 2L, 2.0});
        assertThat(stream.run(
                        alias(col("n").plus(div(lit(1L), col("d"))), "sum"),
                        alias(div(mod(lit(1L), col("d")), col("n")), "q"),
                        alias(col("n").isNotNull().and(div(lit(1L), col("d")).gt(0.0)), "both"),
                        alias(col("n").isNull().or(div(lit(1L), col("d")).gt(0.0)), "either")))
                .containsExactly("[null, null, false, true]", "[4.5, 0.25, true, true]");
    }

    @Test
    void when_tryDivideOrTryModHasAZeroDivisor_then_itsDividendIsNotComputed() {
        // Spark 4.2 (DivModLike in TRY mode): the divisor first, NULL for zero as for NULL, the dividend never
        // computed, so a dividend that fails fails nothing there; with another divisor it fails the query
        in.addData(new Object[] {7L, 0L, 0.0}, new Object[] {null, 0L, -0.0});
        assertThat(stream.run(
                        alias(try_divide(mod(lit(1L), sub(col("n"), col("n"))), col("d")), "q"),
                        alias(try_mod(mod(lit(1L), sub(col("n"), col("n"))), col("x")), "r")))
                .containsExactly("[null, null]", "[null, null]");
        stream.fails(try_divide(mod(lit(1L), sub(col("n"), col("n"))), lit(2L)), "[REMAINDER_BY_ZERO]");
    }
}
