package dev.eddy.streaming.internal.source.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a batch reaches (Spark's rules): {@code maxOffsetsPerTrigger} shared between the partitions in proportion to
 * what each has waiting, {@code endingOffsets} as a bound, and {@code minOffsetsPerTrigger} holding a batch back
 * until enough records wait or {@code maxTriggerDelay} passed (on the engine clock).
 */
final class KafkaBatchSize {
    private final KafkaSourceOptions options;
    /** The engine-clock time of the last planned batch, for {@code maxTriggerDelay}; -1: none yet in this run. */
    private long lastBatchMillis = -1;

    KafkaBatchSize(KafkaSourceOptions options) {
        this.options = options;
    }

    /**
     * The end of the next batch from {@code from}: each partition up to its end offset (and option
     * {@code endingOffsets}); with a {@code budget} ({@code maxOffsetsPerTrigger}, 0 for none) smaller than what
     * waits, the budget shared between the partitions. A partition not in {@code from} enters at its position.
     */
    KafkaOffset capped(
            KafkaOffset from, Map<TopicPartition, Long> positions, Map<TopicPartition, Long> end, long budget) {
        Map<TopicPartition, Long> out = new HashMap<>();
        long available = 0;
        for (var e : end.entrySet()) {
            if (from.positions().containsKey(e.getKey())) {
                long limit = options.endingOffsets().getOrDefault(e.getKey(), Long.MAX_VALUE);
                available += Math.max(0, Math.min(e.getValue(), limit) - from.position(e.getKey()));
            }
        }
        for (var e : end.entrySet()) {
            TopicPartition tp = e.getKey();
            long pos = positions.get(tp);
            if (!from.positions().containsKey(tp)) {
                out.put(tp, pos); // new: its start enters the offsets log now, its records are read from the next batch
                continue;
            }
            long upTo =
                    Math.max(pos, Math.min(e.getValue(), options.endingOffsets().getOrDefault(tp, Long.MAX_VALUE)));
            if (budget > 0 && available > budget) {
                // share the cap between partitions in proportion to what each has waiting (Spark's rule: a share
                // is rounded down, but one under a record rounds up so that no waiting partition starves)
                double exact = (double) (upTo - pos) * budget / available;
                long share = (long) (exact < 1 ? Math.ceil(exact) : Math.floor(exact));
                upTo = Math.min(upTo, pos + share);
            }
            out.put(tp, upTo);
        }
        return new KafkaOffset(out);
    }

    /**
     * Spark's {@code minOffsetsPerTrigger}: fewer new records than that wait for more, unless
     * {@code maxTriggerDelay} passed since the last batch of this run (its first batch is never held back). Not
     * for available-now and once runs.
     */
    boolean heldBack(KafkaOffset from, Map<TopicPartition, Long> latest, long now) {
        long min = options.pacing().minOffsets();
        if (min <= 0) {
            return false;
        }
        if (lastBatchMillis < 0 || now - lastBatchMillis >= options.pacing().maxTriggerDelayMs()) {
            lastBatchMillis = now;
            return false;
        }
        long waiting = 0; // all records there are, not only those under maxOffsetsPerTrigger (Spark's count)
        for (var e : latest.entrySet()) {
            if (from.positions().containsKey(e.getKey())) {
                waiting += Math.max(0, e.getValue() - from.position(e.getKey()));
            }
        }
        if (waiting < min) {
            return true;
        }
        lastBatchMillis = now;
        return false;
    }
}
