package dev.eddy.streaming.internal.expr;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.util.List;

/**
 * case_when and coalesce evaluated as Spark evaluates them: a branch only for the rows that reach it. A value no row
 * takes is never computed, so {@code CASE WHEN d = 0 THEN 0 ELSE n / d END} or a cast that would fail in a branch
 * no row takes cannot fail the batch. Each condition or value runs once over the rows still undecided (gathered
 * into a smaller batch when some are decided), never row by row.
 */
final class Conditionals {
    private Conditionals() {}

    /** case_when(cond1, value1, ..., otherwise): the value of the first true condition (null counts as false). */
    static Column caseWhen(List<Evaluator> args, DataType type, Batch batch) {
        int n = batch.numRows();
        Object[] out = new Object[n];
        int[] pending = identity(n);
        int pendingCount = n;
        for (int k = 0; k + 1 < args.size() && pendingCount > 0; k += 2) {
            Batch undecided = subset(batch, pending, pendingCount, n);
            Column condition = args.get(k).eval(undecided);
            int[] taken = new int[pendingCount];
            int takenCount = 0;
            int[] rest = new int[pendingCount];
            int restCount = 0;
            for (int i = 0; i < pendingCount; i++) {
                if (!condition.isNull(i) && Boolean.TRUE.equals(condition.get(i))) {
                    taken[takenCount++] = i;
                } else {
                    rest[restCount++] = i;
                }
            }
            if (takenCount > 0) {
                Column value = cast(args.get(k + 1).eval(subset(undecided, taken, takenCount, pendingCount)), type);
                for (int j = 0; j < takenCount; j++) {
                    out[pending[taken[j]]] = value.get(j);
                }
            }
            for (int j = 0; j < restCount; j++) {
                rest[j] = pending[rest[j]];
            }
            pending = rest;
            pendingCount = restCount;
        }
        if (pendingCount > 0) {
            Column otherwise = cast(args.get(args.size() - 1).eval(subset(batch, pending, pendingCount, n)), type);
            for (int j = 0; j < pendingCount; j++) {
                out[pending[j]] = otherwise.get(j);
            }
        }
        return column(out, type);
    }

    /** coalesce(a, b, ...): the first non-null argument; later arguments run only for the rows still null. */
    static Column coalesce(List<Evaluator> args, DataType type, Batch batch) {
        int n = batch.numRows();
        Object[] out = new Object[n];
        int[] pending = identity(n);
        int pendingCount = n;
        for (int k = 0; k < args.size() && pendingCount > 0; k++) {
            Column value = args.get(k).eval(subset(batch, pending, pendingCount, n));
            int restCount = 0;
            for (int i = 0; i < pendingCount; i++) {
                if (value.isNull(i)) {
                    pending[restCount++] = pending[i];
                } else {
                    out[pending[i]] = value.get(i);
                }
            }
            pendingCount = restCount;
        }
        return column(out, type);
    }

    private static int[] identity(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }

    /** The given rows of a batch of {@code n} rows (the batch itself when they are all of it, in order). */
    private static Batch subset(Batch b, int[] rows, int count, int n) {
        return count == n ? b : b.gather(rows, count);
    }

    private static Column cast(Column c, DataType type) {
        return c.type() == type ? c : Casts.cast(c, type);
    }

    private static Column column(Object[] values, DataType type) {
        BatchBuilder b = Batch.builder(Schema.of(Field.of("c", type)), values.length);
        for (Object v : values) {
            b.setValue(0, v).endRow();
        }
        return b.build().column(0);
    }
}
