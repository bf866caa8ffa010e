package dev.eddy.streaming.internal.exec;

import dev.eddy.streaming.internal.ops.BatchContext;
import dev.eddy.streaming.internal.ops.WatermarkOp;
import java.util.List;
import java.util.Locale;

/**
 * The query's global event-time watermark, Spark's rules (its WatermarkTracker): it starts at 0 (the epoch) when the
 * query has a watermark, each watermark operator's own value is the max event time it saw in this run minus its
 * delay, an operator that has seen no row yet in this run counts as 0, the global value is the minimum (or, with
 * policy {@code max}, the maximum) of them, and it only ever moves forward. So it never goes below 0, and with a
 * union it stays at 0 until every watermarked input has seen data. After a restart the global value is restored
 * from the checkpoint, while the operators start again from nothing (as Spark's do).
 */
final class WatermarkTracker {
    /** Spark's {@code spark.sql.streaming.multipleWatermarkPolicy}. */
    enum Policy {
        MIN,
        MAX;

        static Policy parse(String name) {
            return switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "min" -> MIN;
                case "max" -> MAX;
                default ->
                    throw new IllegalArgumentException(
                            "multipleWatermarkPolicy must be 'min' or 'max', got '" + name + "'");
            };
        }
    }

    private final List<WatermarkOp> ops;
    private Policy policy;
    private long global;

    WatermarkTracker(List<WatermarkOp> ops, Policy policy) {
        this.ops = List.copyOf(ops);
        this.policy = policy;
        this.global = ops.isEmpty() ? BatchContext.NO_WATERMARK : 0;
    }

    /** The watermark the next batch uses (epoch micros), or NO_WATERMARK when the query has no watermark. */
    long current() {
        return global;
    }

    Policy policy() {
        return policy;
    }

    /** A restart keeps the checkpoint's policy (as Spark does with its offset log's conf), not the session's. */
    void restorePolicy(Policy fromCheckpoint) {
        policy = fromCheckpoint;
    }

    /** Restores the global watermark from a checkpoint (older checkpoints may hold NO_WATERMARK: that is 0). */
    void restore(long micros) {
        if (!ops.isEmpty()) {
            global = Math.max(0, micros);
        }
    }

    /** After a batch: recomputes from the operators' values and moves forward if the chosen value is higher. */
    void update() {
        if (ops.isEmpty()) {
            return;
        }
        long chosen = policy == Policy.MIN ? Long.MAX_VALUE : Long.MIN_VALUE;
        for (WatermarkOp op : ops) {
            long c = op.watermarkCandidate();
            long v = c == BatchContext.NO_WATERMARK ? 0 : c;
            chosen = policy == Policy.MIN ? Math.min(chosen, v) : Math.max(chosen, v);
        }
        if (chosen > global) {
            global = chosen;
        }
    }
}
