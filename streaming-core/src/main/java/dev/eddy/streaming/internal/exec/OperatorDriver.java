package dev.eddy.streaming.internal.exec;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.internal.ops.BatchContext;
import dev.eddy.streaming.internal.ops.Operator;

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

    /** Runs every operator for the batch; returns the root's output. */
    Batch run(BatchContext ctx) {
        Batch[] outputs = new Batch[order.length];
        for (int i = 0; i < order.length; i++) {
            int[] slots = childSlots[i];
            List<Batch> inputs = switch (slots.length) {
                case 0 -> List.of();
                case 1 -> List.of(outputs[slots[0]]);
                default -> inputs(outputs, slots);
            };
            outputs[i] = order[i].process(inputs, ctx);
        }
        return outputs[order.length - 1];
    }

    private static List<Batch> inputs(Batch[] outputs, int[] slots) {
        Batch[] in = new Batch[slots.length];
        for (int c = 0; c < slots.length; c++) {
            in[c] = outputs[slots[c]];
        }
        return List.of(in);
    }
}
