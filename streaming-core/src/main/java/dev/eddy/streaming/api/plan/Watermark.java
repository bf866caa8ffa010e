package dev.eddy.streaming.api.plan;

import dev.eddy.streaming.api.Intervals;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.expr.ExprTypes;

/** withWatermark(column, delay): tracks max event time; watermark = max seen - delay (micros). */
public record Watermark(LogicalPlan child, String column, long delayMicros) implements SameColumnsPlan {
    public Watermark {
        if (ExprTypes.resolveColumn(column, child.schema()).type() != DataType.TIMESTAMP) {
            throw new IllegalArgumentException("withWatermark needs a timestamp column, '" + column + "' is "
                    + ExprTypes.resolveColumn(column, child.schema()).type().sqlName());
        }
        if (delayMicros < 0) {
            throw new IllegalArgumentException("watermark delay must not be negative");
        }
    }

    @Override
    public String describe() {
        return "EventTimeWatermark " + column + ", " + Intervals.format(delayMicros);
    }
}
