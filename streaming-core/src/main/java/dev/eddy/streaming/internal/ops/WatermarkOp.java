package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.Intervals;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.expr.Functions;
import dev.eddy.streaming.internal.expr.Evaluator;
import dev.eddy.streaming.internal.expr.ExprCompiler;
import dev.eddy.streaming.internal.expr.Vectors;
import java.util.List;

/**
 * Passes rows through and tracks event time: the max ever seen (for the watermark) and this batch's
 * min/max/avg (for progress). It drops nothing: the stateful operators downstream drop late rows.
 */
public final class WatermarkOp extends AbstractOperator {
    private final String column;
    private final long delayMicros;
    private final Evaluator time;
    private long maxSeen = Long.MIN_VALUE;
    private long batchMin;
    private long batchMax;
    private double batchSum;
    private long batchCount;

    public WatermarkOp(Operator child, String column, long delayMicros) {
        super(child.schema(), child);
        this.column = column;
        this.delayMicros = delayMicros;
        this.time = ExprCompiler.compile(Functions.col(column), child.schema());
    }

    @Override
    public Batch process(List<Batch> inputs, BatchContext ctx) {
        Batch in = inputs.get(0);
        var c = time.eval(in);
        long[] t = Vectors.asLongs(c);
        long[] nulls = c.nullBitmap();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        double sum = 0;
        long count = 0;
        for (int i = 0; i < in.numRows(); i++) {
            if (nulls == null || !Vectors.isNull(nulls, i)) {
                min = Math.min(min, t[i]);
                max = Math.max(max, t[i]);
                sum += t[i] / 1000; // Spark averages whole milliseconds
                count++;
            }
        }
        batchMin = min;
        batchMax = max;
        batchSum = sum;
        batchCount = count;
        maxSeen = Math.max(maxSeen, max);
        return in;
    }

    public String column() {
        return column;
    }

    /**
     * The watermark this operator asks for after the batches so far, or NO_WATERMARK before any row. Spark counts
     * event time and delay in whole milliseconds (truncated), so this does too.
     */
    public long watermarkCandidate() {
        return maxSeen == Long.MIN_VALUE ? BatchContext.NO_WATERMARK : (maxSeen / 1000 - delayMicros / 1000) * 1000;
    }

    public boolean hasBatchStats() {
        return batchCount > 0;
    }

    public long batchMin() {
        return batchMin;
    }

    public long batchMax() {
        return batchMax;
    }

    /** The batch's average event time in micros, truncated to the millisecond as Spark reports it. */
    public long batchAvg() {
        return (long) (batchSum / batchCount) * 1000;
    }

    @Override
    public String describe() {
        return "EventTimeWatermark " + column + ", " + Intervals.format(delayMicros);
    }
}
