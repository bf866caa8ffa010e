package dev.eddy.streaming.internal.source.kafka;

import dev.eddy.streaming.internal.retry.Backoff;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * A fetcher's data-loss rule ({@code failOnDataLoss}, through {@link KafkaSourceStatus}): records the fetch asked for
 * that are gone (retention), and, when no record comes for a while, a partition deleted or ending before the batch's
 * stop (topic re-created), told apart from a broker that does not answer (waited for with backoff).
 */
final class KafkaFetchLosses {
    private final KafkaLink consumer;
    private final KafkaSourceOptions options;
    private final KafkaSourceStatus status;
    private final Backoff backoff;

    KafkaFetchLosses(KafkaLink consumer, KafkaSourceOptions options, KafkaSourceStatus status, Backoff backoff) {
        this.consumer = consumer;
        this.options = options;
        this.status = status;
        this.backoff = backoff;
    }

    /** Records the consumer should fetch are gone: data loss, then it reads on from the earliest offset. */
    void outOfRange(Map<TopicPartition, Long> gone) {
        Map<TopicPartition, Long> earliest = consumer.lookups().beginningOffsets(gone.keySet(), options.timeout());
        for (var e : gone.entrySet()) {
            status.dataLoss("records of Kafka topic partition " + e.getKey() + " from offset " + e.getValue()
                    + " are gone (retention?); the earliest offset is now " + earliest.get(e.getKey()));
        }
        earliest.forEach(consumer::seek);
    }

    /**
     * No record for a while: is the broker down, or is the data gone? Partitions of {@code owed} (the waiting batch's,
     * with their stops) whose records are gone are data loss and go to {@code giveUp}; an unreachable broker is
     * reported and waited for (one backoff pause).
     */
    void probe(Map<TopicPartition, Long> owed, String batchLabel, Consumer<TopicPartition> giveUp) {
        Map<TopicPartition, Long> end;
        try {
            Set<TopicPartition> now = KafkaPartitions.current(consumer.lookups(), options);
            for (TopicPartition tp : new ArrayList<>(owed.keySet())) {
                if (!now.contains(tp)) {
                    status.dataLoss("Kafka topic partition " + tp + " no longer exists at " + options.bootstrap()
                            + " (topic deleted?) but the query has not read it up to offset " + owed.get(tp));
                    giveUp.accept(tp);
                    owed.remove(tp);
                }
            }
            end = consumer.lookups().endOffsets(owed.keySet(), options.timeout());
        } catch (TimeoutException e) {
            status.waiting("waiting for broker at " + options.bootstrap() + " (" + batchLabel + ", retrying in "
                    + backoff.nextMillis() + " ms)");
            backoff.pause();
            return;
        }
        for (var e : end.entrySet()) {
            Long stop = owed.get(e.getKey());
            if (stop != null && e.getValue() < stop) {
                status.dataLoss("Kafka topic partition " + e.getKey() + " now ends at offset " + e.getValue()
                        + ", before the logged offset " + stop + " (topic re-created?)");
                giveUp.accept(e.getKey());
            }
        }
        status.clearWaiting(); // reachable and the records exist: the fetch is only slow
    }
}
