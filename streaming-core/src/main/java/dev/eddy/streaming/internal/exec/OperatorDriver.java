package dev.eddy.streaming.internal.exec;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.internal.expr.BatchTime;
import dev.eddy.streaming.internal.ops.BatchContext;
import dev.eddy.streaming.internal.ops.Operator;
import dev.eddy.streaming.internal.ops.StatefulOperator;
import dev.eddy.streaming.internal.ops.WatermarkOp;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives a plan's operators through one micro-batch: every operator once, children before parents (the tree in
 * post-order, fixed when the plan is made), each getting its children's outputs of this batch.
 */
final class OperatorDriver {
    private final Operator[] order;
    /** For each operator in {@link #order}, the positions of its children's outputs. */
    private final int[][] childSlots;

    OperatorDriver(Operator root) {
        List<Operator> ops = new ArrayList<>();
        Map<Operator, Integer> slot = new IdentityHashMap<>();
        visit(root, ops, slot);
        order = ops.toArray(Operator[]::new);
        childSlots = new int[order.length][];
        for (int i = 0; i < order.length; i++) {
            List<Operator> children = order[i].children();
            childSlots[i] = new int[children.size()];
            for (int c = 0; c < children.size(); c++) {
                childSlots[i][c] = slot.get(children.get(c));
            }
        }
    }

    private static void visit(Operator op, List<Operator> ops, Map<Operator, Integer> slot) {
        if (slot.containsKey(op)) {
            throw new IllegalArgumentException("operator " + op.describe() + " appears twice in the plan");
        }
        for (Operator c : op.children()) {
            visit(c, ops, slot);
        }
        slot.put(op, ops.size());
        ops.add(op);
    }

    /**
     * Runs every operator for the batch; returns the root's output. A stateful operator gets its own input watermarks
     * for eviction and for late rows ({@link #inputWatermarks}), the others the batch's context as it is.
     */
    Batch run(BatchContext ctx) {
        return BatchTime.during(ctx.batchTimestampMillis(), () -> runOperators(ctx));
    }

    private Batch runOperators(BatchContext ctx) {
        long[] evict = ctx.hasWatermark() ? inputWatermarks(ctx.watermark()) : null;
        long[] late = ctx.hasWatermark() ? inputWatermarks(ctx.lateWatermark()) : null;
        Batch[] outputs = new Batch[order.length];
        for (int i = 0; i < order.length; i++) {
            int[] slots = childSlots[i];
            List<Batch> inputs = switch (slots.length) {
                case 0 -> List.of();
                case 1 -> List.of(outputs[slots[0]]);
                default -> inputs(outputs, slots);
            };
            BatchContext own = evict != null && order[i] instanceof StatefulOperator
                    ? new BatchContext(
                            ctx.batchId(), evict[i], late[i], ctx.inputs(), ctx.mode(), ctx.batchTimestampMillis())
                    : ctx;
            outputs[i] = order[i].process(inputs, own);
        }
        return outputs[order.length - 1];
    }

    /** The input watermark {@code op} evicts by when the query's watermark is {@code origin}. */
    long inputWatermark(StatefulOperator op, long origin) {
        if (origin == BatchContext.NO_WATERMARK) {
            return origin;
        }
        long[] in = inputWatermarks(origin);
        for (int i = 0; i < order.length; i++) {
            if (order[i] == op) {
                return in[i];
            }
        }
        throw new IllegalArgumentException("operator " + op.describe() + " is not in this plan");
    }

    /**
     * Spark's WatermarkPropagator (PropagateWatermarkSimulator) for the query's watermark {@code origin}, by operator
     * position: a watermark operator hands on {@code origin}; a stateful operator its
     * {@link StatefulOperator#outputWatermark} of its input watermark; any other operator its input watermark, which is
     * the least of its children's (those that hand on one). An operator whose input has none uses 0, and none goes
     * below 0. At 0 Spark does not propagate: every operator has 0.
     */
    private long[] inputWatermarks(long origin) {
        long none = BatchContext.NO_WATERMARK;
        long[] in = new long[order.length];
        if (origin == 0) {
            return in;
        }
        long[] out = new long[order.length];
        for (int i = 0; i < order.length; i++) {
            long m = none;
            for (int slot : childSlots[i]) {
                if (out[slot] != none) {
                    m = m == none ? out[slot] : Math.min(m, out[slot]);
                }
            }
            if (order[i] instanceof WatermarkOp) {
                out[i] = origin;
            } else if (order[i] instanceof StatefulOperator s) {
                out[i] = m == none ? none : s.outputWatermark(m);
            } else {
                out[i] = m;
            }
            in[i] = m == none ? 0 : Math.max(0, m);
        }
        return in;
    }

    private static List<Batch> inputs(Batch[] outputs, int[] slots) {
        Batch[] in = new Batch[slots.length];
        for (int c = 0; c < slots.length; c++) {
            in[c] = outputs[slots[c]];
        }
        return List.of(in);
    }
}
