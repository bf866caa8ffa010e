package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes a stream-stream join condition apart: equalities between a left and a right column, and time
 * bounds between a left and a right timestamp column, normalized to {@code lo <= leftTime - rightTime <= hi}
 * (micros; Long.MIN_VALUE / MAX_VALUE when unbounded).
 */
final class JoinConditions {
    final List<int[]> equi = new ArrayList<>();
    int leftTime = -1;
    int rightTime = -1;
    long lo = Long.MIN_VALUE;
    long hi = Long.MAX_VALUE;
    /**
     * Spark's state watermarks (StreamingJoinHelper) as offsets from the watermark: a left row is evicted once
     * leftTime <= watermark + leftEvict, a right row once rightTime <= watermark + rightEvict. Each bound on the
     * other side's time gives one (the watermark put in for the other side's time; a bound with = in it one
     * millisecond less, since a row exactly at it could still match), the smallest wins; MAX_VALUE: none.
     */
    long leftEvict = Long.MAX_VALUE;

    long rightEvict = Long.MAX_VALUE;

    private static final long MILLI = 1000L;

    JoinConditions(Expr condition, Schema left, Schema joined) {
        for (Expr c : conjuncts(condition)) {
            if (!(c instanceof Expr.Binary b)) {
                continue;
            }
            if (b.op() == Expr.BinaryOp.EQ && b.left() instanceof Expr.Col x && b.right() instanceof Expr.Col y) {
                int xi = joined.indexOf(x.name());
                int yi = joined.indexOf(y.name());
                int nl = left.size();
                if (xi >= 0 && yi >= 0 && (xi < nl) != (yi < nl)) {
                    equi.add(xi < nl ? new int[] {xi, yi - nl} : new int[] {yi, xi - nl});
                }
                continue;
            }
            if (b.op().isComparison() && b.op() != Expr.BinaryOp.EQ && b.op() != Expr.BinaryOp.NE) {
                timeBound(b, left.size(), joined);
            }
        }
    }

    boolean hasTimeBounds() {
        return leftTime >= 0 && lo != Long.MIN_VALUE && hi != Long.MAX_VALUE;
    }

    /** a op b with a = colA + ka, b = colB + kb; one column from each side. */
    private void timeBound(Expr.Binary b, int nl, Schema joined) {
        long[] ka = new long[1];
        long[] kb = new long[1];
        int a = timeColumn(b.left(), ka, joined);
        int c = timeColumn(b.right(), kb, joined);
        if (a < 0 || c < 0 || (a < nl) == (c < nl)) {
            return;
        }
        Expr.BinaryOp op = b.op();
        // colA - colB op kb - ka; make A the left column
        long k = kb[0] - ka[0];
        if (a >= nl) {
            int t = a;
            a = c;
            c = t;
            k = -k;
            op = flip(op);
        }
        leftTime = a;
        rightTime = c - nl;
        switch (op) {
            case GE -> {
                lo = Math.max(lo, k);
                leftEvict = Math.min(leftEvict, k - MILLI);
            }
            case GT -> {
                lo = Math.max(lo, k + 1);
                leftEvict = Math.min(leftEvict, k);
            }
            case LE -> {
                hi = Math.min(hi, k);
                rightEvict = Math.min(rightEvict, -k - MILLI);
            }
            default -> {
                hi = Math.min(hi, k - 1);
                rightEvict = Math.min(rightEvict, -k);
            }
        }
    }

    private static Expr.BinaryOp flip(Expr.BinaryOp op) {
        return switch (op) {
            case GE -> Expr.BinaryOp.LE;
            case GT -> Expr.BinaryOp.LT;
            case LE -> Expr.BinaryOp.GE;
            default -> Expr.BinaryOp.GT;
        };
    }

    private static int timeColumn(Expr e, long[] k, Schema joined) {
        if (e instanceof Expr.Col c) {
            return joined.indexOf(c.name());
        }
        if (e instanceof Expr.Binary b
                && (b.op() == Expr.BinaryOp.ADD || b.op() == Expr.BinaryOp.SUB)
                && b.left() instanceof Expr.Col c
                && b.right() instanceof Expr.Lit l
                && l.value() instanceof Number num) {
            k[0] = b.op() == Expr.BinaryOp.ADD ? num.longValue() : -num.longValue();
            return joined.indexOf(c.name());
        }
        return -1;
    }

    static List<Expr> conjuncts(Expr e) {
        if (e instanceof Expr.Binary b && b.op() == Expr.BinaryOp.AND) {
            List<Expr> out = new ArrayList<>(conjuncts(b.left()));
            out.addAll(conjuncts(b.right()));
            return out;
        }
        return List.of(e);
    }
}
