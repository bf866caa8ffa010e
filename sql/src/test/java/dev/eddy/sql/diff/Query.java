package dev.eddy.sql.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * One query as parts: SELECT items, FROM, WHERE, GROUP BY, HAVING, ORDER BY, LIMIT; {@code ordered} says the
 * rows' order is part of the answer, {@code approx} marks approx_count_distinct items: Eddy's answer is compared with Spark's exact count
 * ({@link #exactSql()}), Spark's estimate with that count within the estimate's error.
 */
record Query(
        List<String> items,
        List<Boolean> approx,
        String from,
        String where,
        String groupBy,
        String having,
        String orderBy,
        Integer limit,
        boolean ordered) {
    String sql() {
        return sql(items);
    }

    /**
     * This query with each {@code approx_count_distinct(e)} item as {@code COUNT(DISTINCT e)}: Spark's exact count of
     * what its estimate counts, the answer Eddy must give (it answers approx_count_distinct exactly in batch).
     */
    String exactSql() {
        List<String> exact = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i);
            String fn = "approx_count_distinct(";
            if (approx.get(i) && !item.startsWith(fn)) {
                throw new IllegalStateException("an approximate item that is no approx_count_distinct: " + item);
            }
            exact.add(approx.get(i) ? "COUNT(DISTINCT " + item.substring(fn.length()) : item);
        }
        return sql(exact);
    }

    boolean hasApprox() {
        return approx.contains(true);
    }

    private String sql(List<String> items) {
        StringBuilder b = new StringBuilder("SELECT ");
        for (int i = 0; i < items.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(items.get(i)).append(" AS c").append(i + 1);
        }
        b.append(" FROM ").append(from);
        if (where != null) b.append(" WHERE ").append(where);
        if (groupBy != null) b.append(" GROUP BY ").append(groupBy);
        if (having != null) b.append(" HAVING ").append(having);
        if (orderBy != null) b.append(" ORDER BY ").append(orderBy);
        if (limit != null) b.append(" LIMIT ").append(limit);
        return b.toString();
    }

    /** Smaller variants of this query, simplest first, for minimising a mismatch. */
    List<Query> shrinks() {
        List<Query> out = new ArrayList<>();
        if (orderBy == null) {
            for (int i = 0; i < items.size() && items.size() > 1; i++) {
                out.add(new Query(
                        List.of(items.get(i)),
                        List.of(approx.get(i)),
                        from,
                        where,
                        groupBy,
                        having,
                        null,
                        null,
                        false));
            }
        }
        if (where != null) out.add(new Query(items, approx, from, null, groupBy, having, orderBy, limit, ordered));
        if (having != null) out.add(new Query(items, approx, from, where, groupBy, null, orderBy, limit, ordered));
        if (orderBy != null) out.add(new Query(items, approx, from, where, groupBy, having, null, null, false));
        return out;
    }
}
