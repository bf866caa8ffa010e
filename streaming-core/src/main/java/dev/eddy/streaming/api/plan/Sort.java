package dev.eddy.streaming.api.plan;

import java.util.List;

/**
 * ORDER BY columns, then at most {@code limit} rows (negative: all). On a stream only valid over an
 * aggregation in complete output mode, as in Spark: then every trigger's output is the whole result, which
 * is sorted and cut as a batch would be.
 */
public record Sort(LogicalPlan child, List<Order> orders, long limit) implements SameColumnsPlan {

    /** One sort key: a column of the child, its direction, and where nulls go. */
    public record Order(String column, boolean ascending, boolean nullsFirst) {
        /** SQL's default: ascending with nulls first, descending with nulls last (Spark's defaults). */
        public static Order of(String column, boolean ascending) {
            return new Order(column, ascending, ascending);
        }

        @Override
        public String toString() {
            return column + (ascending ? " ASC" : " DESC") + (nullsFirst ? " NULLS FIRST" : " NULLS LAST");
        }
    }

    public Sort {
        orders = List.copyOf(orders);
        for (Order o : orders) {
            child.schema().require(o.column());
        }
        if (orders.isEmpty() && limit < 0) {
            throw new IllegalArgumentException("a sort needs an order or a limit");
        }
    }

    @Override
    public String describe() {
        return "Sort " + orders + (limit >= 0 ? " limit " + limit : "");
    }
}
