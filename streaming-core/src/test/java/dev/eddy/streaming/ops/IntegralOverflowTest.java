package dev.eddy.streaming.ops;

import static dev.eddy.streaming.api.expr.Functions.abs;
import static dev.eddy.streaming.api.expr.Functions.alias;
import static dev.eddy.streaming.api.expr.Functions.cast;
import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.lit;
import static dev.eddy.streaming.api.expr.Functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.testing.QueryTestDriver;
import org.junit.jupiter.api.Test;

/**
 * Spark 4 (ANSI mode): whole-number {@code + - *}, unary minus, {@code abs} and {@code SUM} fail with
 * [ARITHMETIC_OVERFLOW] where the exact answer does not fit INT or BIGINT (Java would wrap around), and a cast to INT
 * or BIGINT of a DOUBLE that is NaN, infinite or out of range, or of a BIGINT out of INT's range, fails with
 * [CAST_OVERFLOW] (Java would saturate or wrap). NULL rows are never checked.
 */
class IntegralOverflowTest {
    private final ExpressionStream stream = new ExpressionStream(
            Field.of("i", DataType.INT), Field.of("b", DataType.LONG), Field.of("x", DataType.DOUBLE));
    private final MemoryStream in = stream.in;

    @Test
    void when_bigintArithmeticOverflows_then_theQueryFailsNamingTheExpression() {
        in.addData(new Object[] {1, 2L, 1.0});
        stream.fails(col("b").multiply(lit(Long.MAX_VALUE)), "[ARITHMETIC_OVERFLOW] long overflow", "try_multiply");
        stream.fails(col("b").plus(lit(Long.MAX_VALUE)), "[ARITHMETIC_OVERFLOW]", "try_add");
        stream.fails(lit(Long.MIN_VALUE).minus(col("b")), "[ARITHMETIC_OVERFLOW]", "try_subtract");
        stream.fails(col("b").multiply(col("b").multiply(lit(Long.MAX_VALUE / 3))), "[ARITHMETIC_OVERFLOW]");
    }

    @Test
    void when_intArithmeticLeavesIntsRange_then_theQueryFailsWithIntegerOverflow() {
        in.addData(new Object[] {Integer.MAX_VALUE, 1L, 1.0});
        stream.fails(col("i").plus(lit(1)), "[ARITHMETIC_OVERFLOW] integer overflow");
        stream.fails(col("i").multiply(col("i")), "[ARITHMETIC_OVERFLOW] integer overflow");
    }

    @Test
    void when_theSmallestValueIsNegatedOrItsAbsTaken_then_theQueryFails() {
        in.addData(new Object[] {Integer.MIN_VALUE, Long.MIN_VALUE, 1.0});
        stream.fails(new Expr.Unary(Expr.UnaryOp.NEG, col("i")), "[ARITHMETIC_OVERFLOW] integer overflow");
        stream.fails(new Expr.Unary(Expr.UnaryOp.NEG, col("b")), "[ARITHMETIC_OVERFLOW] long overflow");
        stream.fails(abs(col("i")), "[ARITHMETIC_OVERFLOW]", "abs");
        stream.fails(abs(col("b")), "[ARITHMETIC_OVERFLOW]", "abs");
    }

    @Test
    void when_aNullRowWouldOverflow_then_itStaysNullAndTheOthersAreComputed() {
        in.addData(new Object[] {null, null, null}, new Object[] {Integer.MAX_VALUE - 1, Long.MAX_VALUE - 1, -2.9});
        assertThat(stream.run(
                        alias(col("i").plus(lit(1)), "i1"),
                        alias(col("b").plus(lit(1L)), "b1"),
                        alias(cast(col("x"), DataType.INT), "xi")))
                .containsExactly("[null, null, null]", "[2147483647, 9223372036854775807, -2]");
    }

    @Test
    void when_aDoubleThatDoesNotFitIsCastToAWholeNumber_then_theQueryFailsWithCastOverflow() {
        in.addData(new Object[] {1, 3_000_000_000L, Double.NaN});
        stream.fails(cast(col("x"), DataType.INT), "[CAST_OVERFLOW] The value NaN", "\"INT\"");
        stream.fails(cast(col("x"), DataType.LONG), "[CAST_OVERFLOW]", "\"BIGINT\"");
        stream.fails(cast(col("x").plus(lit(Double.POSITIVE_INFINITY)), DataType.LONG), "[CAST_OVERFLOW]");
        stream.fails(cast(col("b"), DataType.INT), "[CAST_OVERFLOW] The value 3000000000L", "\"BIGINT\"");
        stream.fails(cast(lit(3.0e9), DataType.INT), "[CAST_OVERFLOW]");
    }

    @Test
    void when_aDoubleFitsOnceItsFractionIsCut_then_itIsCastTowardZero() {
        in.addData(new Object[] {1, 1L, 2147483647.9}, new Object[] {1, 1L, -2147483648.9});
        assertThat(stream.run(alias(cast(col("x"), DataType.INT), "c"), alias(cast(col("x"), DataType.LONG), "l")))
                .containsExactly("[2147483647, 2147483647]", "[-2147483648, -2147483648]");
    }

    @Test
    void when_aStreamingSumOverflows_then_theQueryFails() {
        Dataset totals = in.toDF().agg(sum(col("b")).as("total"));
        try (QueryTestDriver d = QueryTestDriver.start(totals.writeStream().outputMode("complete"))) {
            in.addData(new Object[] {1, Long.MAX_VALUE - 1, 1.0});
            d.runTrigger();
            in.addData(new Object[] {1, 2L, 1.0});
            assertThatThrownBy(d::runTrigger)
                    .satisfies(t -> assertThat(ExpressionStream.allMessages(t))
                            .contains("[ARITHMETIC_OVERFLOW] long overflow in sum"));
        }
    }
}
