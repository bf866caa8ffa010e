package dev.eddy.streaming.internal.ops.agg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.api.expr.Expr;
import org.junit.jupiter.api.Test;

/**
 * SUM over long-backed values has one update path for BIGINTs and intervals alike; its overflow rule is Spark's: a
 * BIGINT or microseconds wrapping past a long, or months past an INT after any one addition, fail the batch, even when
 * later rows of the same batch bring the total back in range. NULL rows are skipped.
 */
class LongSumTest {
    private static final int[] TWO_GROUPS = {0, 1, 0, 1};

    @Test
    void when_sumsStayInRange_then_eachGroupGetsItsTotal() {
        assertThat(sums(DataType.LONG, Long.MAX_VALUE - 5, -7, 5, 3)).containsExactly(Long.MAX_VALUE, -4);
        assertThat(sums(DataType.INTERVAL_YEAR_TO_MONTH, Integer.MAX_VALUE - 1, 2, 1, -4))
                .containsExactly((long) Integer.MAX_VALUE, -2);
        assertThat(sums(DataType.INTERVAL_DAY_TO_SECOND, Long.MIN_VALUE + 1, 1, -1, 1))
                .containsExactly(Long.MIN_VALUE, 2);
    }

    @Test
    void when_aBigintSumWrapsThenComesBack_then_theBatchStillFails() {
        assertThatThrownBy(() -> sums(DataType.LONG, Long.MAX_VALUE, 0, 1, 0, -1, 0))
                .hasMessageContaining("[ARITHMETIC_OVERFLOW] long overflow in sum");
        assertThatThrownBy(() -> sums(DataType.INTERVAL_DAY_TO_SECOND, Long.MIN_VALUE, 0, -1, 0))
                .hasMessageContaining("[INTERVAL_ARITHMETIC_OVERFLOW.WITH_SUGGESTION]")
                .hasMessageContaining("SUM of " + DataType.INTERVAL_DAY_TO_SECOND.sqlName());
    }

    @Test
    void when_monthsPassAnIntAfterOneAddition_then_theBatchFailsThoughTheTotalFits() {
        assertThatThrownBy(() -> sums(DataType.INTERVAL_YEAR_TO_MONTH, Integer.MAX_VALUE, 0, 1, 0, -1, 0))
                .hasMessageContaining("[INTERVAL_ARITHMETIC_OVERFLOW.WITH_SUGGESTION]");
        assertThatThrownBy(() -> sums(DataType.INTERVAL_YEAR_TO_MONTH, Integer.MIN_VALUE, 0, -1, 0))
                .hasMessageContaining("[INTERVAL_ARITHMETIC_OVERFLOW.WITH_SUGGESTION]");
    }

    @Test
    void when_stateFromEarlierBatchesAndMergesOverflow_then_theyFailByTheSameRule() {
        Accumulator a = sumOf(DataType.INTERVAL_YEAR_TO_MONTH);
        a.update(new int[] {0}, null, 1, column(Integer.MAX_VALUE));
        assertThatThrownBy(() -> a.update(new int[] {0}, null, 1, column(1)))
                .hasMessageContaining("[INTERVAL_ARITHMETIC_OVERFLOW.WITH_SUGGESTION]");
        Accumulator b = sumOf(DataType.LONG);
        b.update(new int[] {0, 1}, null, 2, column(Long.MAX_VALUE, 1));
        assertThatThrownBy(() -> b.merge(0, 1)).hasMessageContaining("[ARITHMETIC_OVERFLOW]");
    }

    @Test
    void when_rowsAreNull_then_theyAreSkippedAndAGroupOfNullsHasNoSum() {
        Accumulator a = sumOf(DataType.LONG);
        long[] nulls = {0b0110};
        Column c = new LongColumn(DataType.LONG, new long[] {4, Long.MAX_VALUE, Long.MAX_VALUE, 6}, 4, nulls);
        a.update(new int[] {0, 1, 1, 0}, null, 4, c);
        Column out = a.result(new int[] {0, 1}, 2);
        assertThat(out.isNull(0)).isFalse();
        assertThat(((LongColumn) out).values()[0]).isEqualTo(10);
        assertThat(out.isNull(1)).isTrue();
    }

    /** Rows alternate between groups 0 and 1 in one batch; answers each group's SUM. */
    private static long[] sums(DataType type, long... rows) {
        Accumulator a = sumOf(type);
        int[] groups = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            groups[i] = TWO_GROUPS[i % 2];
        }
        a.update(groups, null, rows.length, new LongColumn(type, rows, rows.length, null));
        return ((LongColumn) a.result(new int[] {0, 1}, 2)).values();
    }

    private static Accumulator sumOf(DataType type) {
        Accumulator a = Accumulators.create(Expr.AggFn.SUM, type);
        a.ensureCapacity(2);
        return a;
    }

    private static Column column(long... values) {
        return new LongColumn(DataType.LONG, values, values.length, null);
    }
}
