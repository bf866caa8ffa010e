package dev.eddy.streaming.internal.sink.kafka;

import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.spi.Sink;
import dev.eddy.streaming.internal.format.RowWriters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

/**
 * Writes each batch to a topic. Transactional (exactly-once) when it has a transactional id: a batch is one
 * transaction that also commits, for a per-query pseudo consumer group, the offset {@code batchId + 1} on the
 * output topic's partition 0 — so after a crash the sink reads back the last batch Kafka committed and skips a
 * re-run of it instead of writing it twice. Without a transactional id it is an idempotent, at-least-once
 * producer.
 */
final class KafkaSink implements Sink {
    private final KafkaSinkOptions options;
    private final KafkaProducer<byte[], byte[]> producer;
    private final long lastCommitted;

    KafkaSink(KafkaSinkOptions options) {
        this.options = options;
        this.producer = new KafkaProducer<>(options.producerProperties());
        if (options.transactionalId() != null) {
            producer.initTransactions(); // fences an older run of this query and aborts its open transaction
            lastCommitted = readLastCommittedBatch();
        } else {
            lastCommitted = -1;
        }
    }

    private long readLastCommittedBatch() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap());
        try (Admin admin = Admin.create(p)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(options.markerGroup())
                    .partitionsToOffsetAndMetadata().get();
            OffsetAndMetadata m = offsets.get(marker());
            return m == null ? -1 : m.offset() - 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the Kafka sink's last committed batch", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the Kafka sink's last committed batch from group "
                    + options.markerGroup() + " at " + options.bootstrap() + ": " + e.getCause().getMessage(), e);
        }
    }

    private TopicPartition marker() {
        return new TopicPartition(options.topic(), 0);
    }

    /** The last batch id this query committed to Kafka (-1 if none), as found when the sink started. */
    long lastCommittedBatch() {
        return lastCommitted;
    }

    @Override
    public void addBatch(long batchId, Batch batch, OutputMode mode) {
        if (batchId <= lastCommitted) {
            return; // a re-run of a batch whose transaction already committed
        }
        boolean tx = options.transactionalId() != null;
        if (tx) {
            producer.beginTransaction();
        }
        try {
            send(batch);
            if (tx) {
                producer.sendOffsetsToTransaction(Map.of(marker(), new OffsetAndMetadata(batchId + 1,
                        "eddy batch " + batchId)), new ConsumerGroupMetadata(options.markerGroup()));
                producer.commitTransaction();
            } else {
                producer.flush();
            }
        } catch (RuntimeException e) {
            if (tx) {
                try {
                    producer.abortTransaction();
                } catch (RuntimeException ignored) {
                    // the producer may be fenced or closed; the original error is the one to report
                }
            }
            throw new IllegalStateException("cannot write batch " + batchId + " to Kafka topic " + options.topic()
                    + " at " + options.bootstrap() + ": " + e.getMessage(), e);
        }
    }

    private void send(Batch batch) {
        int keyCol = batch.schema().indexOf("key");
        int valueCol = batch.schema().indexOf("value");
        for (int r = 0; r < batch.numRows(); r++) {
            byte[] key = keyCol < 0 ? null : bytes(batch.column(keyCol), r);
            byte[] value = valueCol >= 0 ? bytes(batch.column(valueCol), r)
                    : RowWriters.json(batch, r).getBytes(StandardCharsets.UTF_8);
            producer.send(new ProducerRecord<>(options.topic(), key, value));
        }
    }

    private static byte[] bytes(Column c, int r) {
        Object v = c.get(r);
        return v == null ? null : v.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void stop() {
        try {
            producer.close(Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            // stop must not throw
        }
    }

    @Override
    public String description() {
        return "KafkaSink[" + options.topic() + (options.transactionalId() != null ? ", exactly-once" : "") + "]";
    }
}
