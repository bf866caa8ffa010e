package dev.eddy.streaming.internal.source.kafka;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.Offset;
import dev.eddy.streaming.api.spi.Source;
import dev.eddy.streaming.api.spi.TriggerContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the subscribed topics' partitions by assigning and seeking (no consumer group). {@code latestOffset}
 * asks the broker for end offsets with a short timeout: while the broker is unreachable it returns the start
 * offset and reports "waiting for broker at ..." as its status, so the query idles and resumes when the broker
 * is back. Rows are exactly the records in [start, end) per partition, so a re-run batch reads the same rows.
 */
final class KafkaSource implements Source {

    private final KafkaSourceOptions options;
    private final KafkaRowReader reader;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private volatile String status = "";
    private Map<TopicPartition, Long> lastEnd = Map.of();
    private KafkaOffset committed;

    KafkaSource(KafkaSourceOptions options, KafkaRowReader reader) {
        this.options = options;
        this.reader = reader;
        this.consumer = new KafkaConsumer<>(options.consumerProperties());
    }

    @Override
    public Schema schema() {
        return reader.schema();
    }

    @Override
    public Offset initialOffset() {
        try {
            return startingPositions();
        } catch (TimeoutException e) {
            // not known yet: the first batch that reaches the broker resolves them (an empty batch)
            status = "waiting for broker at " + options.bootstrap();
            return new KafkaOffset(Map.of());
        }
    }

    private KafkaOffset startingPositions() {
        List<TopicPartition> parts = partitions();
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(parts, options.timeout());
        Map<TopicPartition, Long> end = consumer.endOffsets(parts, options.timeout());
        Map<TopicPartition, Long> out = new HashMap<>();
        for (TopicPartition tp : parts) {
            long wanted = options.startingOffsets().getOrDefault(tp, options.startLatest() ? -1L : -2L);
            out.put(tp, wanted == -2 ? begin.get(tp) : wanted == -1 ? end.get(tp) : wanted);
        }
        return new KafkaOffset(out);
    }

    private List<TopicPartition> partitions() {
        if (!options.assign().isEmpty()) {
            return options.assign();
        }
        List<String> topics = options.topics();
        if (options.pattern() != null) {
            topics = consumer.listTopics(options.timeout()).keySet().stream()
                    .filter(t -> options.pattern().matcher(t).matches()).sorted().toList();
            if (topics.isEmpty()) {
                throw new IllegalArgumentException("no Kafka topic at " + options.bootstrap() + " matches pattern '"
                        + options.pattern() + "'");
            }
        }
        List<TopicPartition> parts = new ArrayList<>();
        for (String topic : topics) {
            var infos = consumer.partitionsFor(topic, options.timeout());
            if (infos == null || infos.isEmpty()) {
                throw new IllegalArgumentException("Kafka topic '" + topic + "' does not exist at "
                        + options.bootstrap());
            }
            infos.forEach(i -> parts.add(new TopicPartition(i.topic(), i.partition())));
        }
        return parts;
    }

    @Override
    public Offset latestOffset(Offset start, TriggerContext trigger) {
        KafkaOffset from = (KafkaOffset) start;
        if (from.positions().isEmpty()) {
            try {
                KafkaOffset resolved = startingPositions();
                status = "";
                return resolved;
            } catch (TimeoutException e) {
                status = "waiting for broker at " + options.bootstrap();
                return start;
            }
        }
        Map<TopicPartition, Long> end;
        try {
            end = consumer.endOffsets(from.positions().keySet(), options.timeout());
            lastEnd = end;
            status = "";
        } catch (TimeoutException e) {
            status = "waiting for broker at " + options.bootstrap();
            return start;
        }
        Map<TopicPartition, Long> out = new HashMap<>();
        long budget = options.maxOffsetsPerTrigger();
        long available = 0;
        for (var e : end.entrySet()) {
            long limit = options.endingOffsets().getOrDefault(e.getKey(), Long.MAX_VALUE);
            available += Math.max(0, Math.min(e.getValue(), limit) - from.position(e.getKey()));
        }
        for (var e : end.entrySet()) {
            TopicPartition tp = e.getKey();
            long pos = from.position(tp);
            long upTo = Math.max(pos, Math.min(e.getValue(), options.endingOffsets().getOrDefault(tp, Long.MAX_VALUE)));
            if (budget > 0 && available > budget) {
                // share the cap between partitions in proportion to what each has waiting (Spark's rule)
                long share = (long) Math.ceil((double) (upTo - pos) * budget / available);
                upTo = Math.min(upTo, pos + share);
            }
            out.put(tp, upTo);
        }
        return new KafkaOffset(out);
    }

    @Override
    public Batch getBatch(Offset start, Offset end) {
        KafkaOffset from = (KafkaOffset) start;
        KafkaOffset to = (KafkaOffset) end;
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
        long deadline = System.nanoTime() + options.timeout().toNanos() * 10;
        while (!pending.isEmpty()) {
            ConsumerRecords<byte[], byte[]> recs;
            try {
                recs = consumer.poll(Duration.ofMillis(200));
            } catch (KafkaException e) {
                throw new IllegalStateException("cannot read from Kafka at " + options.bootstrap() + ": "
                        + e.getMessage(), e);
            }
            for (ConsumerRecord<byte[], byte[]> r : recs) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                Long stop = pending.get(tp);
                if (stop != null && r.offset() < stop) {
                    reader.add(b, r);
                }
            }
            for (TopicPartition tp : new ArrayList<>(pending.keySet())) {
                if (consumer.position(tp) >= pending.get(tp)) {
                    pending.remove(tp);
                    consumer.pause(List.of(tp));
                }
            }
            if (System.nanoTime() > deadline && !pending.isEmpty()) {
                throw new IllegalStateException("records of " + pending.keySet() + " up to the logged offsets could "
                        + "not be read from " + options.bootstrap() + " (deleted by retention?)");
            }
        }
        consumer.unsubscribe();
        return b.build();
    }

    @Override
    public boolean isReplayable() {
        return true;
    }

    @Override
    public Offset deserializeOffset(String json) {
        return KafkaOffset.parse(json);
    }

    @Override
    public String description() {
        return "KafkaV2[" + options.describe() + "]";
    }

    @Override
    public void commit(Offset end) {
        committed = (KafkaOffset) end;
    }

    /** Lag behind the latest offsets seen (Spark's names) and the count of values that did not parse. */
    @Override
    public Map<String, String> metrics() {
        if (committed == null || lastEnd.isEmpty()) {
            return Map.of("numCorruptRecords", Long.toString(reader.corruptRecords()));
        }
        Map<String, String> m = new java.util.TreeMap<>();
        long min = Long.MAX_VALUE;
        long max = 0;
        long sum = 0;
        for (var e : lastEnd.entrySet()) {
            long lag = Math.max(0, e.getValue() - committed.position(e.getKey()));
            m.put("offsetsBehindLatest." + e.getKey(), Long.toString(lag));
            min = Math.min(min, lag);
            max = Math.max(max, lag);
            sum += lag;
        }
        m.put("minOffsetsBehindLatest", Long.toString(min));
        m.put("maxOffsetsBehindLatest", Long.toString(max));
        m.put("avgOffsetsBehindLatest", Double.toString((double) sum / lastEnd.size()));
        m.put("numCorruptRecords", Long.toString(reader.corruptRecords()));
        return m;
    }

    /** Records whose value did not parse (kept in {@code _corrupt_record}). */
    long corruptRecords() {
        return reader.corruptRecords();
    }

    @Override
    public String status() {
        return status;
    }

    @Override
    public void stop() {
        try {
            consumer.close(Duration.ofSeconds(1));
        } catch (RuntimeException e) {
            // stop must not throw
        }
    }
}
