package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.plan.Sort;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Sorts each batch of its child and keeps the first {@code limit} rows. Stateless: in complete mode (the only
 * mode the output-mode check lets it run in) the child's batch is the whole result every trigger.
 */
public final class SortOp extends AbstractOperator {
    private final Sort sort;

    public SortOp(Operator child, Sort sort) {
        super(child.schema(), child);
        this.sort = sort;
    }

    @Override
    public Batch process(List<Batch> inputs, BatchContext ctx) {
        Batch in = inputs.get(0);
        int n = in.numRows();
        Integer[] rows = new Integer[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        Comparator<Integer> order = (a, b) -> 0;
        for (Sort.Order o : sort.orders()) {
            order = order.thenComparing(byColumn(in.column(o.column()), o));
        }
        Arrays.sort(rows, order); // stable: ties keep the child's order
        int keep = sort.limit() < 0 ? n : (int) Math.min(n, sort.limit());
        int[] picked = new int[keep];
        for (int i = 0; i < keep; i++) {
            picked[i] = rows[i];
        }
        return in.gather(picked, keep);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Integer> byColumn(Column c, Sort.Order o) {
        return (a, b) -> {
            boolean na = c.isNull(a);
            boolean nb = c.isNull(b);
            if (na || nb) {
                return na == nb ? 0 : (na == o.nullsFirst() ? -1 : 1);
            }
            int cmp = ((Comparable) c.get(a)).compareTo(c.get(b));
            return o.ascending() ? cmp : -cmp;
        };
    }

    @Override
    public String describe() {
        return sort.describe();
    }
}
