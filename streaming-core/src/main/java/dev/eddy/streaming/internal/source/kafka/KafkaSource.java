package dev.eddy.streaming.internal.source.kafka;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.Offset;
import dev.eddy.streaming.api.spi.SupportsTriggerAvailableNow;
import dev.eddy.streaming.api.spi.TriggerContext;
import dev.eddy.streaming.internal.retry.Backoff;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;

/**
 * Reads the subscribed topics' partitions by assigning and seeking (no consumer group). {@code latestOffset}
 * asks the broker for the current partitions and their end offsets with a short timeout: while the broker is
 * unreachable it returns the start offset and reports "waiting for broker at ..." as its status, so the query
 * idles and resumes when the broker is back. Partitions that appear (added to a topic, or a new topic matching
 * the pattern) enter the offsets at their earliest offset and are read from the next batch on; partitions that
 * disappear are data loss. Rows are exactly the records in [start, end) per partition, so a re-run batch reads
 * the same rows; {@link KafkaBatchReader} waits for the broker rather than fail when it goes away mid-batch.
 * {@code Trigger.availableNow()} reads up to the end offsets of the partitions there are when the run starts, at most
 * {@code maxOffsetsPerTrigger} per batch (Spark's {@code prepareForTriggerAvailableNow}).
 */
final class KafkaSource implements SupportsTriggerAvailableNow {

    private final KafkaSourceOptions options;
    private final KafkaRowReader reader;
    private final KafkaConsumer<ByteBuffer, ByteBuffer> consumer;
    private final KafkaSourceStatus status;
    private final Backoff backoff;
    private final KafkaBatchReader batches;
    private volatile Map<TopicPartition, Long> lastEnd = Map.of(); // metrics() may read it during a read-ahead
    private KafkaOffset committed;
    private long plannedBatch = -1;
    /** Available-now: the partitions' end offsets when the run started, or null. */
    private Map<TopicPartition, Long> availableNowEnd;
    /**
     * Whether the starting positions are known: an empty position map then means "no partition matched yet"
     * (partitions found later start at earliest, Spark's rule), not "the broker has not answered yet".
     */
    private boolean resolved;

    KafkaSource(KafkaSourceOptions options, KafkaRowReader reader) {
        this(options, reader, 1);
    }

    /** @param fetchers how many consumers may read one batch's partitions in parallel (option {@code fetchThreads}) */
    KafkaSource(KafkaSourceOptions options, KafkaRowReader reader, int fetchers) {
        this.options = options;
        this.reader = reader;
        // key and value as views of the fetched bytes, not copies: the row reader decodes them in place
        this.consumer = new KafkaConsumer<>(
                options.consumerProperties(), new ByteBufferDeserializer(), new ByteBufferDeserializer());
        this.status = new KafkaSourceStatus(options.failOnDataLoss());
        this.backoff = new Backoff(Duration.ofMillis(100), options.maxBackoff());
        this.batches = new KafkaBatchReader(consumer, this::newConsumer, fetchers, options, reader, status, backoff);
    }

    /** Another consumer like the source's own, for a parallel fetcher. */
    private KafkaConsumer<ByteBuffer, ByteBuffer> newConsumer() {
        return new KafkaConsumer<>(
                options.consumerProperties(), new ByteBufferDeserializer(), new ByteBufferDeserializer());
    }

    @Override
    public void pruneColumns(Set<String> columns) {
        reader.prune(columns);
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
            status.waiting("waiting for broker at " + options.bootstrap());
            return new KafkaOffset(Map.of());
        } catch (WakeupException e) {
            throw new CancellationException("the query is stopping");
        }
    }

    private KafkaOffset startingPositions() {
        List<TopicPartition> parts = new ArrayList<>(KafkaPartitions.atStart(consumer, options));
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(parts, options.timeout());
        Map<TopicPartition, Long> end = consumer.endOffsets(parts, options.timeout());
        Map<TopicPartition, Long> out = new HashMap<>();
        for (TopicPartition tp : parts) {
            long wanted = options.startingOffsets().getOrDefault(tp, options.startLatest() ? -1L : -2L);
            out.put(tp, wanted == -2 ? begin.get(tp) : wanted == -1 ? end.get(tp) : wanted);
        }
        resolved = true;
        return new KafkaOffset(out);
    }

    /** Fixes the end at the current end offsets; waits (with backoff, reported in the status) for the broker. */
    @Override
    public void prepareForTriggerAvailableNow() {
        while (true) {
            try {
                Set<TopicPartition> parts = KafkaPartitions.current(consumer, options);
                availableNowEnd = Map.copyOf(consumer.endOffsets(parts, options.timeout()));
                status.clearWaiting();
                backoff.reset();
                return;
            } catch (TimeoutException e) {
                status.waiting("waiting for broker at " + options.bootstrap());
                backoff.pause();
            } catch (WakeupException e) {
                throw new CancellationException("the query is stopping");
            }
        }
    }

    /** The end offsets to plan up to: the broker's now, or those fixed for an available-now run. */
    private Map<TopicPartition, Long> endOffsets(Set<TopicPartition> partitions) {
        if (availableNowEnd == null) {
            return consumer.endOffsets(partitions, options.timeout());
        }
        Map<TopicPartition, Long> out = new HashMap<>();
        for (TopicPartition tp : partitions) {
            Long end = availableNowEnd.get(tp);
            if (end != null) { // a partition that appeared since the run started is not part of it
                out.put(tp, end);
            }
        }
        return out;
    }

    @Override
    public Offset latestOffset(Offset start, TriggerContext trigger) {
        plannedBatch = trigger.batchId();
        KafkaOffset from = (KafkaOffset) start;
        try {
            if (from.positions().isEmpty() && !resolved) {
                KafkaOffset first = startingPositions();
                status.clearWaiting();
                return first;
            }
            Map<TopicPartition, Long> positions = discover(from);
            lastEnd = endOffsets(positions.keySet());
            status.clearWaiting();
            return capped(from, positions, lastEnd, trigger.allAvailable() ? 0 : options.maxOffsetsPerTrigger());
        } catch (TimeoutException e) {
            status.waiting("waiting for broker at " + options.bootstrap());
            return start;
        } catch (WakeupException e) {
            throw new CancellationException("the query is stopping");
        }
    }

    /** The start positions with lost partitions dropped (or an error) and new ones added at their earliest offset. */
    private Map<TopicPartition, Long> discover(KafkaOffset from) {
        Set<TopicPartition> now = KafkaPartitions.current(consumer, options);
        Map<TopicPartition, Long> positions = new HashMap<>(from.positions());
        for (TopicPartition tp : from.positions().keySet()) {
            if (!now.contains(tp)) {
                status.dataLoss("Kafka topic partition " + tp + " no longer exists at " + options.bootstrap()
                        + " (topic deleted?)");
                positions.remove(tp);
            }
        }
        List<TopicPartition> added =
                now.stream().filter(tp -> !positions.containsKey(tp)).toList();
        if (!added.isEmpty()) {
            positions.putAll(consumer.beginningOffsets(added, options.timeout()));
        }
        return positions;
    }

    private KafkaOffset capped(
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

    @Override
    public Batch getBatch(Offset start, Offset end) {
        String label = plannedBatch < 0 ? "re-running the last logged batch" : "batch " + plannedBatch;
        Batch b = batches.read((KafkaOffset) start, (KafkaOffset) end, label);
        status.clearWaiting();
        return b;
    }

    @Override
    public boolean isReplayable() {
        return true;
    }

    /** Reading a range consumes nothing (the consumer only assigns and seeks): the engine may read the next batch ahead. */
    @Override
    public boolean supportsReadAhead() {
        return true;
    }

    @Override
    public Offset deserializeOffset(String json) {
        resolved = true; // a logged position: this query resolved its start in an earlier run
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
        Map<String, String> m = new TreeMap<>();
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
        return status.text();
    }

    @Override
    public void cancel() {
        backoff.cancel();
        batches.wakeup(); // the source's consumer and any parallel fetcher's
    }

    @Override
    public void stop() {
        batches.close();
        try {
            consumer.close(Duration.ofSeconds(1));
        } catch (RuntimeException e) {
            // stop must not throw
        }
    }
}
