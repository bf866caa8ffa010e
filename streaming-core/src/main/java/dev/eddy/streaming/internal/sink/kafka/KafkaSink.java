package dev.eddy.streaming.internal.sink.kafka;

import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.spi.Sink;
import dev.eddy.streaming.internal.retry.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Writes each batch to Kafka. Transactional (exactly-once) when it has a transactional id: a batch is one
 * transaction that also commits, for a per-query pseudo consumer group, the offset {@code batchId + 1} on
 * partition 0 of the batch's (first) topic — so after a crash the sink reads back the last batch Kafka committed
 * and skips a re-run of it instead of writing it twice. The marker names the query (its id, stable across
 * restarts): a marker another query left under the same transactional id is not this query's progress, so a
 * fresh checkpoint at an old location, or a second query given the same {@code transactionalId}, writes its
 * batches instead of skipping them. Without a transactional id it is an idempotent,
 * at-least-once producer.
 *
 * <p>Broker lost during a write: the producer is closed (its open transaction is aborted when the next producer
 * with the same transactional id initialises), the status says "waiting for broker at ... (batch N)", and after a
 * bounded exponential backoff the same batch is written again by a new producer — skipped if its transaction had
 * in fact committed. A missing topic or a non-retriable error fails the query with a clear message instead.
 */
final class KafkaSink implements Sink {
    private static final int ATTEMPTS_WHILE_REACHABLE = 5;

    private final KafkaSinkOptions options;
    private final KafkaRecords records;
    private final KafkaBrokerCheck broker;
    private final Backoff backoff;
    private volatile String status = "";
    private KafkaProducer<byte[], byte[]> producer;
    private long lastCommitted = -1;

    KafkaSink(KafkaSinkOptions options, KafkaRecords records) {
        this.options = options;
        this.records = records;
        this.broker = new KafkaBrokerCheck(options);
        this.backoff = new Backoff(Duration.ofMillis(100), options.maxBackoff());
    }

    @Override
    public void addBatch(long batchId, Batch batch, OutputMode mode) {
        List<ProducerRecord<byte[], byte[]>> recs = records.records(batch); // bad rows fail before any write
        int failuresWhileReachable = 0;
        while (true) {
            backoff.throwIfCancelled();
            try {
                open();
                if (batchId > lastCommitted) {
                    write(batchId, recs);
                }
                status = "";
                backoff.reset();
                return;
            } catch (CancellationException e) {
                throw e;
            } catch (RuntimeException e) {
                closeProducer();
                Set<String> missing = broker.missingTopics(topics(recs));
                if (missing != null && !missing.isEmpty()) {
                    throw failure(batchId, "topic " + missing + " does not exist", e);
                }
                if (missing != null && (!retriable(e) || ++failuresWhileReachable > ATTEMPTS_WHILE_REACHABLE)) {
                    throw failure(batchId, e.getMessage(), e);
                }
                status = (missing == null ? "waiting for broker at " : "retrying the write to ") + options.bootstrap()
                        + " (batch " + batchId + ", retrying in " + backoff.nextMillis() + " ms): " + e.getMessage();
                backoff.pause();
            }
        }
    }

    private IllegalStateException failure(long batchId, String why, Exception e) {
        return new IllegalStateException(
                "cannot write batch " + batchId + " to Kafka at " + options.bootstrap() + ": " + why, e);
    }

    /** A new producer; a transactional one fences older ones, aborts their open transaction, reads the marker. */
    private void open() {
        if (producer != null) {
            return;
        }
        producer = new KafkaProducer<>(options.producerProperties());
        if (options.transactionalId() != null) {
            producer.initTransactions();
            lastCommitted = Math.max(lastCommitted, broker.lastCommittedBatch());
        }
    }

    private void write(long batchId, List<ProducerRecord<byte[], byte[]>> recs) {
        if (options.transactionalId() == null) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(recs.size());
            recs.forEach(r -> sent.add(producer.send(r)));
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                await(f);
            }
            return;
        }
        if (recs.isEmpty()) {
            return; // nothing to write, nothing a re-run could duplicate
        }
        producer.beginTransaction();
        recs.forEach(producer::send);
        TopicPartition marker = new TopicPartition(
                options.topic() != null ? options.topic() : recs.get(0).topic(), 0);
        producer.sendOffsetsToTransaction(
                Map.of(marker, new OffsetAndMetadata(batchId + 1, options.marker(batchId))),
                new ConsumerGroupMetadata(options.markerGroup()));
        producer.commitTransaction();
        lastCommitted = batchId;
    }

    private static void await(Future<RecordMetadata> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private static boolean retriable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RetriableException) {
                return true;
            }
        }
        return false;
    }

    private Set<String> topics(List<ProducerRecord<byte[], byte[]>> recs) {
        Set<String> out = new TreeSet<>();
        if (options.topic() != null) {
            out.add(options.topic());
        }
        recs.forEach(r -> out.add(r.topic()));
        return out;
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (RuntimeException ignored) {
                // closing a producer of a lost broker; the write's error is the one that matters
            }
            producer = null;
        }
    }

    @Override
    public String status() {
        return status;
    }

    @Override
    public void cancel() {
        backoff.cancel();
    }

    @Override
    public void stop() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                // stop must not throw
            }
        }
    }

    @Override
    public String description() {
        return "KafkaSink[" + (options.topic() != null ? options.topic() : "topic column")
                + (options.transactionalId() != null ? ", exactly-once" : "") + "]";
    }
}
