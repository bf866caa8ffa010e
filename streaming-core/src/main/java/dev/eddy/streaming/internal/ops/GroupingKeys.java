package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.internal.expr.Evaluator;
import dev.eddy.streaming.internal.expr.Vectors;
import dev.eddy.streaming.internal.state.KeyColumns;
import dev.eddy.streaming.internal.state.Keys;
import dev.eddy.streaming.internal.window.WindowAssigner;

/** The grouping keys of a batch for {@link AggregateOp}: a time-window key expands a row into its windows. */
final class GroupingKeys {
    private GroupingKeys() {}

    /** The rows' grouping keys; window rows expanded (one per window a time falls into). */
    static Keys of(
            Batch in,
            WindowAssigner windows,
            int windowPos,
            Evaluator windowTime,
            Evaluator[] keyEvals,
            DataType[] keyTypes) {
        int n = in.numRows();
        Keys k = new Keys(keyTypes.length);
        k.n = n;
        if (windows != null) {
            Column tc = windowTime.eval(in);
            long[] t = Vectors.asLongs(tc);
            long[] tn = tc.nullBitmap();
            if (windows.isTumbling() && tn == null) {
                long[] starts = new long[n];
                for (int i = 0; i < n; i++) {
                    starts[i] = windows.lastStart(t[i]);
                }
                k.longs[windowPos] = starts;
            } else if (tn == null && windows.size() % windows.slide() == 0) {
                // slide divides size: every time falls into exactly size/slide windows, no test needed
                int per = windows.maxWindowsPerTime();
                long slide = windows.slide();
                long[] starts = new long[n * per];
                int[] rows = new int[n * per];
                for (int r = 0, m = 0; r < n; r++) {
                    long last = windows.lastStart(t[r]);
                    for (int j = 0; j < per; j++, m++) {
                        starts[m] = last - j * slide;
                        rows[m] = r;
                    }
                }
                k.longs[windowPos] = starts;
                k.rows = rows;
                k.n = n * per;
            } else {
                int per = windows.maxWindowsPerTime();
                long[] starts = new long[n * per];
                int[] rows = new int[n * per];
                int m = 0;
                for (int r = 0; r < n; r++) {
                    if (tn != null && Vectors.isNull(tn, r)) {
                        continue;
                    }
                    int c = windows.assign(t[r], starts, m);
                    for (int j = 0; j < c; j++) {
                        rows[m + j] = r;
                    }
                    m += c;
                }
                k.longs[windowPos] = starts;
                k.rows = rows;
                k.n = m;
            }
        }
        for (int i = 0; i < keyTypes.length; i++) {
            if (i == windowPos) {
                continue;
            }
            Column c = keyEvals[i].eval(in);
            if (keyTypes[i] == DataType.STRING) {
                k.objs[i] = KeyColumns.objects(c, k.rows, k.n);
            } else {
                k.longs[i] = KeyColumns.longs(c, k.rows, k.n);
            }
            k.nulls[i] = KeyColumns.nulls(c, k.rows, k.n);
        }
        return k;
    }
}
