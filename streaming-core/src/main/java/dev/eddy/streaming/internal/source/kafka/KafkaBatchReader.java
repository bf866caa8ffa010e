package dev.eddy.streaming.internal.source.kafka;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.internal.retry.Backoff;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * Reads exactly the records in [start, end) of each partition for one batch. When no record arrives for a
 * while it asks the broker what is wrong: unreachable - it reports "waiting for broker at ..." and keeps trying
 * with bounded exponential backoff until the broker is back (the range is fixed, so nothing is lost or read
 * twice); a deleted topic or partition, or records retention removed - data loss (an error, or skipped with a
 * warning under {@code failOnDataLoss=false}), never an endless wait.
 */
final class KafkaBatchReader {
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaSourceOptions options;
    private final KafkaRowReader reader;
    private final KafkaSourceStatus status;
    private final Backoff backoff;

    KafkaBatchReader(KafkaConsumer<byte[], byte[]> consumer, KafkaSourceOptions options, KafkaRowReader reader,
                     KafkaSourceStatus status, Backoff backoff) {
        this.consumer = consumer;
        this.options = options;
        this.reader = reader;
        this.status = status;
        this.backoff = backoff;
    }

    Batch read(KafkaOffset from, KafkaOffset to, String batchLabel) {
        Map<TopicPartition, Long> pending = new HashMap<>();
        for (var e : to.positions().entrySet()) {
            // a partition without a start is one whose starting offset was only just resolved: nothing to read
            if (from.positions().containsKey(e.getKey()) && e.getValue() > from.position(e.getKey())) {
                pending.put(e.getKey(), e.getValue());
            }
        }
        BatchBuilder b = Batch.builder(reader.schema());
        if (pending.isEmpty()) {
            return b.build();
        }
        consumer.assign(pending.keySet());
        pending.keySet().forEach(tp -> consumer.seek(tp, from.position(tp)));
        try {
            readAll(pending, b, batchLabel);
        } catch (WakeupException e) {
            throw new CancellationException("the query is stopping");
        } finally {
            consumer.unsubscribe();
        }
        return b.build();
    }

    private void readAll(Map<TopicPartition, Long> pending, BatchBuilder b, String batchLabel) {
        long lastProgress = System.nanoTime();
        while (!pending.isEmpty()) {
            backoff.throwIfCancelled();
            boolean progressed = false;
            try {
                ConsumerRecords<byte[], byte[]> polled = consumer.poll(POLL);
                for (TopicPartition tp : polled.partitions()) { // per partition: no TopicPartition per record
                    Long stop = pending.get(tp);
                    for (ConsumerRecord<byte[], byte[]> r : polled.records(tp)) {
                        if (stop != null && r.offset() < stop) {
                            reader.add(b, r);
                        }
                        progressed = true;
                    }
                }
            } catch (OffsetOutOfRangeException e) {
                outOfRange(e.offsetOutOfRangePartitions(), pending);
                progressed = true;
            } catch (WakeupException e) {
                throw e;
            } catch (KafkaException e) {
                throw new IllegalStateException("cannot read from Kafka at " + options.bootstrap() + ": "
                        + e.getMessage(), e);
            }
            for (TopicPartition tp : new ArrayList<>(pending.keySet())) {
                if (consumer.position(tp) >= pending.get(tp)) {
                    pending.remove(tp);
                    consumer.pause(List.of(tp));
                }
            }
            if (progressed) {
                lastProgress = System.nanoTime();
                status.clearWaiting();
                backoff.reset();
            } else if (!pending.isEmpty() && System.nanoTime() - lastProgress > options.timeout().toNanos()) {
                probe(pending, batchLabel);
                lastProgress = System.nanoTime();
            }
        }
    }

    private void outOfRange(Map<TopicPartition, Long> gone, Map<TopicPartition, Long> pending) {
        Map<TopicPartition, Long> earliest = consumer.beginningOffsets(gone.keySet(), options.timeout());
        for (var e : gone.entrySet()) {
            status.dataLoss("records of Kafka topic partition " + e.getKey() + " from offset " + e.getValue()
                    + " are gone (retention?); the earliest offset is now " + earliest.get(e.getKey()));
        }
        consumer.seekToBeginning(gone.keySet());
        for (TopicPartition tp : gone.keySet()) {
            if (earliest.getOrDefault(tp, Long.MAX_VALUE) >= pending.getOrDefault(tp, 0L)) {
                pending.remove(tp);
                consumer.pause(List.of(tp));
            }
        }
    }

    /** No record for a while: is the broker down, or is the data gone? */
    private void probe(Map<TopicPartition, Long> pending, String batchLabel) {
        Map<TopicPartition, Long> end;
        try {
            Set<TopicPartition> now = KafkaPartitions.current(consumer, options);
            for (TopicPartition tp : new ArrayList<>(pending.keySet())) {
                if (!now.contains(tp)) {
                    status.dataLoss("Kafka topic partition " + tp + " no longer exists at " + options.bootstrap()
                            + " (topic deleted?) but the query has not read it up to offset " + pending.get(tp));
                    pending.remove(tp);
                    consumer.pause(List.of(tp));
                }
            }
            end = consumer.endOffsets(pending.keySet(), options.timeout());
        } catch (TimeoutException e) {
            status.waiting("waiting for broker at " + options.bootstrap() + " (" + batchLabel + ", retrying in "
                    + backoff.nextMillis() + " ms)");
            backoff.pause();
            return;
        }
        for (var e : end.entrySet()) {
            Long stop = pending.get(e.getKey());
            if (stop != null && e.getValue() < stop) {
                status.dataLoss("Kafka topic partition " + e.getKey() + " now ends at offset " + e.getValue()
                        + ", before the logged offset " + stop + " (topic re-created?)");
                pending.remove(e.getKey());
                consumer.pause(List.of(e.getKey()));
            }
        }
        status.clearWaiting(); // reachable and the records exist: the fetch is only slow
    }
}
