package dev.eddy.streaming.internal.source.kafka;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.Offset;
import dev.eddy.streaming.api.spi.SupportsTriggerAvailableNow;
import dev.eddy.streaming.api.spi.TriggerContext;
import dev.eddy.streaming.internal.format.MalformedRecords;
import dev.eddy.streaming.internal.retry.Backoff;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
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
 * {@code maxOffsetsPerTrigger} per batch (Spark's {@code prepareForTriggerAvailableNow}). An available-now or once
 * run does not wait for the broker indefinitely: as Spark's offset reader, it asks {@code fetchOffset.numRetries}
 * times, {@code fetchOffset.retryIntervalMs} apart, and then fails the query (no empty batch is recorded).
 * {@code minOffsetsPerTrigger} holds a batch back until that many records wait or {@code maxTriggerDelay} passed
 * since the last batch (Spark's rule, on the engine clock).
 */
final class KafkaSource implements SupportsTriggerAvailableNow {

    private final KafkaSourceOptions options;
    private final KafkaRowReader reader;
    /** Spark's mode and corrupt-record column name for decoded values, or null (raw records). */
    private final MalformedRecords malformed;

    /** Plans batches (partitions, offsets); the fetchers have consumers of their own, so they poll meanwhile. */
    private final KafkaConsumer<ByteBuffer, ByteBuffer> consumer;
    /** Fetcher 0's consumer. */
    private final KafkaConsumer<ByteBuffer, ByteBuffer> fetchConsumer;

    private final KafkaSourceStatus status;
    private final Backoff backoff;
    /** Pauses between Spark's offset-fetch attempts of a bounded run ({@code fetchOffset.retryIntervalMs}). */
    private final Backoff fetchRetry;

    private final KafkaBatchReader batches;
    private volatile Map<TopicPartition, Long> lastEnd = Map.of(); // metrics() may read it during a read-ahead
    private KafkaOffset committed;
    private long plannedBatch = -1;
    /** Available-now: the partitions' end offsets when the run started, or null. */
    private Map<TopicPartition, Long> availableNowEnd;
    /**
     * The starting positions when the broker could not be asked for them at {@link #initialOffset()}: the engine's
     * start offset is then empty, and the first batch reads from these instead (so no empty batch is recorded just to
     * log them), or null.
     */
    private KafkaOffset lateStart;

    private final KafkaBatchSize size;
    /**
     * Whether the starting positions are known: an empty position map then means "no partition matched yet"
     * (partitions found later start at earliest, Spark's rule), not "the broker has not answered yet".
     */
    private boolean resolved;

    KafkaSource(KafkaSourceOptions options, KafkaRowReader reader, MalformedRecords malformed) {
        this(options, reader, malformed, 1, false);
    }

    /**
     * @param fetchers how many consumers may read one batch's partitions in parallel (option {@code fetchThreads})
     * @param raw      option {@code fetch = raw}: Eddy's own Fetch requests ({@link KafkaRawLink}), not the consumer's
     */
    KafkaSource(
            KafkaSourceOptions options, KafkaRowReader reader, MalformedRecords malformed, int fetchers, boolean raw) {
        this.options = options;
        this.reader = reader;
        this.malformed = malformed;
        // key and value as views of the fetched bytes, not copies: the row reader decodes them in place
        this.consumer = new KafkaConsumer<>(
                options.consumerProperties(), new ByteBufferDeserializer(), new ByteBufferDeserializer());
        this.status = new KafkaSourceStatus(options.failOnDataLoss());
        this.size = new KafkaBatchSize(options);
        this.backoff = new Backoff(Duration.ofMillis(100), options.maxBackoff());
        Duration interval = Duration.ofMillis(Math.max(1, options.pacing().fetchRetryIntervalMs()));
        this.fetchRetry = new Backoff(interval, interval);
        this.fetchConsumer = newConsumer();
        KafkaLink first;
        Supplier<KafkaLink> more;
        if (raw) {
            // the fetch consumer only answers offset look-ups: the raw link fetches
            first = new KafkaRawLink(fetchConsumer, false, options.consumerProperties());
            more = () -> new KafkaRawLink(newConsumer(), true, options.consumerProperties());
        } else {
            first = new KafkaLink.ConsumerLink(fetchConsumer);
            more = () -> new KafkaLink.ConsumerLink(newConsumer());
        }
        this.batches = new KafkaBatchReader(first, more, fetchers, options, reader, status, backoff);
    }

    /** Another consumer like the source's own, for a parallel fetcher. */
    private KafkaConsumer<ByteBuffer, ByteBuffer> newConsumer() {
        return new KafkaConsumer<>(
                options.consumerProperties(), new ByteBufferDeserializer(), new ByteBufferDeserializer());
    }

    @Override
    public void pruneColumns(Set<String> columns) {
        reader.prune(malformed == null ? columns : malformed.toDecoderColumns(columns));
    }

    @Override
    public Schema schema() {
        return malformed == null ? reader.schema() : malformed.toQuery(reader.schema());
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
        KafkaOffset out = KafkaStartingPositions.resolve(consumer, options);
        resolved = true;
        return out;
    }

    /**
     * Fixes the end at the current end offsets (and the start, if the broker could not be asked for it when the query
     * started), asking the broker as Spark's offset reader does: {@code fetchOffset.numRetries} attempts, then the
     * query fails.
     */
    @Override
    public void prepareForTriggerAvailableNow() {
        withRetries("find the offsets of an available-now run", () -> {
            if (!resolved) {
                lateStart = startingPositions();
            }
            Set<TopicPartition> parts = KafkaPartitions.current(consumer, options);
            availableNowEnd = Map.copyOf(consumer.endOffsets(parts, options.timeout()));
            return null;
        });
    }

    /**
     * Runs a broker request of a bounded run (available-now, once) the way Spark's offset reader does: up to
     * {@code fetchOffset.numRetries} attempts, {@code fetchOffset.retryIntervalMs} apart (each attempt bounded by
     * {@code kafka.timeoutMs}), reporting "waiting for broker" meanwhile; then an error that fails the query.
     */
    private <T> T withRetries(String what, Supplier<T> request) {
        KafkaSourceOptions.Pacing p = options.pacing();
        TimeoutException last = null;
        for (int attempt = 1; attempt <= p.fetchRetries(); attempt++) {
            try {
                T result = request.get();
                status.clearWaiting();
                return result;
            } catch (TimeoutException e) {
                last = e;
                status.waiting("waiting for broker at " + options.bootstrap() + " (attempt " + attempt + " of "
                        + p.fetchRetries() + ")");
                if (attempt < p.fetchRetries()) {
                    fetchRetry.pause();
                }
            } catch (WakeupException e) {
                throw new CancellationException("the query is stopping");
            }
        }
        throw new IllegalStateException(
                "the Kafka broker at " + options.bootstrap() + " did not answer: could not " + what + " in "
                        + p.fetchRetries() + " attempts " + p.fetchRetryIntervalMs() + " ms apart (options"
                        + " 'fetchOffset.numRetries' and 'fetchOffset.retryIntervalMs', as in Spark): "
                        + last.getMessage(),
                last);
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
        if (trigger.allAvailable()) {
            // Trigger.once: one batch or none, so the broker is asked as Spark asks it, and a dead one fails the query
            return withRetries("find the offsets to read", () -> plan((KafkaOffset) start, trigger));
        }
        try {
            Offset end = plan((KafkaOffset) start, trigger);
            status.clearWaiting();
            return end;
        } catch (TimeoutException e) {
            status.waiting("waiting for broker at " + options.bootstrap());
            return start;
        } catch (WakeupException e) {
            throw new CancellationException("the query is stopping");
        }
    }

    private Offset plan(KafkaOffset start, TriggerContext trigger) {
        if (start.positions().isEmpty() && !resolved) {
            lateStart = startingPositions();
        }
        KafkaOffset from = start.positions().isEmpty() && lateStart != null ? lateStart : start;
        Map<TopicPartition, Long> positions = discover(from);
        lastEnd = endOffsets(positions.keySet());
        KafkaOffset end =
                size.capped(from, positions, lastEnd, trigger.allAvailable() ? 0 : options.maxOffsetsPerTrigger());
        if (from != start && end.equals(from)) {
            return start; // started late and nothing new yet: no batch
        }
        if (availableNowEnd == null && !trigger.allAvailable() && size.heldBack(from, lastEnd, trigger.nowMillis())) {
            return start;
        }
        return end;
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

    @Override
    public Batch getBatch(Offset start, Offset end) {
        String label = plannedBatch < 0 ? "re-running the last logged batch" : "batch " + plannedBatch;
        KafkaOffset from = (KafkaOffset) start;
        if (from.positions().isEmpty() && lateStart != null) {
            from = lateStart; // the start this run resolved when it was prepared (see there)
        }
        Batch b = batches.read(from, (KafkaOffset) end, label);
        status.clearWaiting();
        return malformed == null ? b : malformed.apply(b, "Kafka " + options.describe() + ", " + label + ",");
    }

    @Override
    public long numInputRows(Batch batch) {
        return malformed == null ? batch.numRows() : malformed.recordsRead(batch);
    }

    @Override
    public boolean isReplayable() {
        return true;
    }

    /**
     * Reading a range consumes nothing from the log (a batch that does not start where the last one taken ended seeks):
     * the engine may read the next batch ahead.
     */
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
        fetchRetry.cancel();
        consumer.wakeup();
        batches.wakeup(); // every fetcher's consumer
    }

    @Override
    public void stop() {
        batches.close();
        for (KafkaConsumer<ByteBuffer, ByteBuffer> c : List.of(fetchConsumer, consumer)) {
            try {
                c.close(Duration.ofSeconds(1));
            } catch (RuntimeException e) {
                // stop must not throw
            }
        }
    }
}
