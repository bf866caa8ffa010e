package dev.eddy.streaming.internal.source.kafka;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.ApiVersions;
import org.apache.kafka.clients.ClientRequest;
import org.apache.kafka.clients.ClientResponse;
import org.apache.kafka.clients.ClientUtils;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.Metadata;
import org.apache.kafka.clients.MetadataRecoveryStrategy;
import org.apache.kafka.clients.NetworkClient;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.internals.ClusterResourceListeners;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.network.ChannelBuilder;
import org.apache.kafka.common.network.Selector;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.utils.Crc32C;
import org.apache.kafka.common.utils.LogContext;
import org.apache.kafka.common.utils.Time;

/**
 * Option {@code fetch = raw}: Eddy's own Fetch requests below {@code KafkaConsumer}, through the client's network
 * layer ({@code NetworkClient}: connections, API version negotiation, the security settings of the {@code kafka.*}
 * options through the client's channel builder, throttling). Leaders come from a {@code Metadata} the
 * {@code NetworkClient} keeps up to date (only the assigned topics); each request carries the partition's current
 * leader epoch, and one request goes to each leader. A partition whose leader moved or is unknown
 * ({@code NOT_LEADER_OR_FOLLOWER}, {@code FENCED_LEADER_EPOCH}, {@code UNKNOWN_LEADER_EPOCH},
 * {@code UNKNOWN_TOPIC_OR_PARTITION}, {@code KAFKA_STORAGE_ERROR}, any other retriable error, a disconnect or a
 * request time-out) gets a metadata update, backs off ({@code retry.backoff.ms}) and is fetched again at the same
 * offset; {@code OFFSET_OUT_OF_RANGE} is reported to the fetcher, which applies the source's data-loss rule.
 *
 * <p>Each response's record batches are checked (CRC-32C per v2 batch, {@code check.crcs}) and filtered here, per
 * batch: control batches and, under read_committed, the batches of the response's aborted transactions (per producer
 * id from its first offset to its abort marker) are left out; the broker returns nothing past the last stable offset.
 * A batch cut at the response's end is fetched again from its start; a batch larger than the partition's fetch size
 * doubles that size. The batches kept are handed on as byte ranges of the response ({@link KafkaRawRecords.Batches});
 * the decode thread reads their records where they lie ({@link KafkaRawRecords.Cursor}).
 *
 * <p>Not public API: {@code NetworkClient}, {@code Metadata}, the request and response classes and
 * {@code org.apache.kafka.common.record.internal} are kafka-clients internals (4.3.1); every client upgrade must check
 * this class and {@link KafkaRawRecords} against them. Offset and partition look-ups (begin and end offsets, the
 * topic's partitions) still go through a {@code KafkaConsumer} ({@link #lookups}), which never polls.
 */
final class KafkaRawLink implements KafkaLink {
    /** Fetch versions from 13 on name topics by id; older ones by name (used when an id is not known). */
    private static final short LAST_VERSION_BY_NAME = 12;

    private static final int MAX_PARTITION_BYTES = 64 << 20;

    private final Consumer<ByteBuffer, ByteBuffer> lookups;
    private final boolean ownsLookups;
    private final ConsumerConfig config;
    private final IsolationLevel isolation;
    private final boolean checkCrcs;
    private final int partitionBytes;
    private final int maxBytes;
    private final int maxWaitMs;
    private final int minBytes;
    private final long retryBackoffMs;
    private final Time time = Time.SYSTEM;

    // made at the first poll (a source that never reads opens no connection)
    private Metrics metrics;
    private TopicsMetadata metadata;
    private volatile NetworkClient client;

    // the fetch thread, or the reading thread while the fetch thread is stopped
    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
    private final Set<TopicPartition> paused = ConcurrentHashMap.newKeySet();
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    /** Per partition, when it may be fetched again after an error (ms). */
    private final Map<TopicPartition, Long> retryAt = new HashMap<>();
    /** Per partition, a larger fetch size after a batch did not fit. */
    private final Map<TopicPartition, Integer> bytesFor = new HashMap<>();
    /** Per node id, the offsets of its fetch in flight (a response answers only a partition still at its offset). */
    private final Map<String, Map<TopicPartition, Long>> inFlight = new HashMap<>();

    private volatile boolean woken;

    /**
     * @param lookups     answers offset and partition look-ups; closed by {@link #close} only if {@code ownsLookups}
     * @param properties the source's consumer settings (bootstrap, security, fetch sizes, isolation, check.crcs)
     */
    KafkaRawLink(Consumer<ByteBuffer, ByteBuffer> lookups, boolean ownsLookups, Properties properties) {
        this.lookups = lookups;
        this.ownsLookups = ownsLookups;
        this.config = new ConsumerConfig(properties);
        this.isolation = IsolationLevel.valueOf(
                config.getString(ConsumerConfig.ISOLATION_LEVEL_CONFIG).toUpperCase(Locale.ROOT));
        this.checkCrcs = config.getBoolean(ConsumerConfig.CHECK_CRCS_CONFIG);
        this.partitionBytes = config.getInt(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG);
        this.maxBytes = config.getInt(ConsumerConfig.FETCH_MAX_BYTES_CONFIG);
        this.maxWaitMs = config.getInt(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG);
        this.minBytes = config.getInt(ConsumerConfig.FETCH_MIN_BYTES_CONFIG);
        this.retryBackoffMs = config.getLong(ConsumerConfig.RETRY_BACKOFF_MS_CONFIG);
    }

    @Override
    public Consumer<ByteBuffer, ByteBuffer> lookups() {
        return lookups;
    }

    @Override
    public Set<TopicPartition> assignment() {
        return Set.copyOf(assigned);
    }

    @Override
    public void assign(Collection<TopicPartition> parts) {
        assigned.clear();
        assigned.addAll(parts);
        positions.keySet().retainAll(assigned);
        paused.retainAll(assigned);
        if (metadata != null) {
            metadata.topics(assigned);
        }
    }

    @Override
    public void seek(TopicPartition tp, long offset) {
        positions.put(tp, offset);
    }

    @Override
    public void seekToBeginning(Collection<TopicPartition> parts) {
        lookups.beginningOffsets(parts, Duration.ofMillis(config.getInt(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG)))
                .forEach(positions::put);
    }

    @Override
    public void pause(Collection<TopicPartition> parts) {
        paused.addAll(parts);
    }

    @Override
    public void resume(Collection<TopicPartition> parts) {
        paused.removeAll(parts);
    }

    @Override
    public long position(TopicPartition tp) {
        Long p = positions.get(tp);
        if (p == null) {
            throw new IllegalStateException("no position for " + tp + " (not sought)");
        }
        return p;
    }

    @Override
    public void wakeup() {
        woken = true;
        NetworkClient c = client;
        if (c != null) {
            c.wakeup();
        }
    }

    @Override
    public void clearWakeup() {
        woken = false;
    }

    @Override
    public void unsubscribe() {
        assign(List.of());
    }

    @Override
    public void close(Duration timeout) {
        NetworkClient c = client;
        client = null;
        if (c != null) {
            try {
                c.close();
            } catch (RuntimeException e) {
                // closing must not throw
            }
            metrics.close();
        }
        if (ownsLookups) {
            lookups.close(timeout);
        }
    }

    /**
     * One round: a Fetch request to each leader of the fetchable partitions that has none in flight, then responses
     * until every request is answered or {@code timeout} passed (a request still in flight is answered in a later
     * round). Returns the records handed on, plus one for each partition whose position moved past batches left out.
     */
    @Override
    public int poll(Duration timeout, List<KafkaFetcher.Chunk> out, Map<TopicPartition, Long> outOfRange) {
        NetworkClient net = client();
        long now = time.milliseconds();
        long deadline = now + timeout.toMillis();
        checkWakeup();
        Map<Node, Map<TopicPartition, FetchRequest.PartitionData>> byLeader = requests(now);
        int progress = 0;
        while (true) {
            for (Iterator<Map.Entry<Node, Map<TopicPartition, FetchRequest.PartitionData>>> it =
                            byLeader.entrySet().iterator();
                    it.hasNext(); ) {
                var e = it.next();
                Node node = e.getKey();
                if (net.ready(node, now)) {
                    send(net, node, e.getValue(), now);
                    it.remove();
                } else if (net.connectionFailed(node)) {
                    retry(e.getValue().keySet(), now); // the broker is down or moved: new metadata, then again
                    it.remove();
                }
            }
            if (now >= deadline) {
                break;
            }
            if (byLeader.isEmpty() && inFlight.isEmpty()) {
                // nothing to wait for (no leader known yet, or backing off): drive metadata and connections a while
                net.poll(Math.min(deadline - now, Math.max(1, retryBackoffMs)), now);
                checkWakeup();
                break;
            }
            for (ClientResponse r : net.poll(deadline - now, now)) {
                progress += handle(r, out, outOfRange);
            }
            checkWakeup();
            now = time.milliseconds();
            if (byLeader.isEmpty() && (progress > 0 || inFlight.isEmpty())) {
                break; // hand on what came; a request still in flight is answered in the next round
            }
        }
        return progress;
    }

    private void checkWakeup() {
        if (woken) {
            woken = false;
            throw new WakeupException();
        }
    }

    /** The partitions to fetch now, grouped by their leader; those without a known leader ask for metadata. */
    private Map<Node, Map<TopicPartition, FetchRequest.PartitionData>> requests(long now) {
        Map<Node, Map<TopicPartition, FetchRequest.PartitionData>> out = new LinkedHashMap<>();
        Set<String> busy = inFlight.keySet();
        Map<String, Uuid> ids = metadata.topicIds();
        for (TopicPartition tp : assigned) {
            Long at = positions.get(tp);
            if (at == null || paused.contains(tp) || retryAt.getOrDefault(tp, 0L) > now) {
                continue;
            }
            Metadata.LeaderAndEpoch le = metadata.currentLeader(tp);
            if (le.leader.isEmpty()) {
                metadata.requestUpdate(false);
                continue;
            }
            Node leader = le.leader.get();
            if (busy.contains(leader.idString())) {
                continue;
            }
            Uuid id = ids.getOrDefault(tp.topic(), Uuid.ZERO_UUID);
            out.computeIfAbsent(leader, n -> new LinkedHashMap<>())
                    .put(
                            tp,
                            new FetchRequest.PartitionData(
                                    id, at, -1, bytesFor.getOrDefault(tp, partitionBytes), le.epoch));
        }
        return out;
    }

    private void send(NetworkClient net, Node node, Map<TopicPartition, FetchRequest.PartitionData> parts, long now) {
        boolean byId = parts.values().stream().noneMatch(p -> p.topicId.equals(Uuid.ZERO_UUID));
        short version = byId ? ApiKeys.FETCH.latestVersion() : LAST_VERSION_BY_NAME;
        FetchRequest.Builder b = FetchRequest.Builder.forConsumer(version, maxWaitMs, minBytes, parts)
                .isolationLevel(isolation)
                .setMaxBytes(maxBytes);
        ClientRequest req = net.newClientRequest(node.idString(), b, now, true);
        Map<TopicPartition, Long> asked = new HashMap<>();
        parts.forEach((tp, p) -> asked.put(tp, p.fetchOffset));
        inFlight.put(node.idString(), asked);
        net.send(req, now);
    }

    private void retry(Collection<TopicPartition> parts, long now) {
        metadata.requestUpdate(false);
        for (TopicPartition tp : parts) {
            retryAt.put(tp, now + retryBackoffMs);
        }
    }

    private int handle(ClientResponse r, List<KafkaFetcher.Chunk> out, Map<TopicPartition, Long> outOfRange) {
        Map<TopicPartition, Long> asked = inFlight.remove(r.destination());
        if (asked == null) {
            return 0;
        }
        long now = time.milliseconds();
        if (r.authenticationException() != null) {
            throw r.authenticationException();
        }
        if (r.versionMismatch() != null) {
            throw r.versionMismatch();
        }
        if (r.wasDisconnected() || r.wasTimedOut() || !(r.responseBody() instanceof FetchResponse)) {
            retry(asked.keySet(), now);
            return 0;
        }
        FetchResponse fr = (FetchResponse) r.responseBody();
        if (fr.error() != Errors.NONE) {
            if (!(fr.error().exception() instanceof RetriableException)) {
                throw fr.error().exception();
            }
            retry(asked.keySet(), now);
            return 0;
        }
        int progress = 0;
        var data = fr.responseData(metadata.topicNames(), r.requestHeader().apiVersion());
        for (var e : data.entrySet()) {
            TopicPartition tp = e.getKey();
            Long at = asked.get(tp);
            if (at == null || !assigned.contains(tp) || !at.equals(positions.get(tp))) {
                continue; // sought elsewhere since, or no longer read: a stale answer
            }
            FetchResponseData.PartitionData pd = e.getValue();
            Errors error = Errors.forCode(pd.errorCode());
            if (error == Errors.NONE) {
                retryAt.remove(tp);
                progress += batches(tp, at, pd, out);
            } else if (error == Errors.OFFSET_OUT_OF_RANGE) {
                outOfRange.put(tp, at);
            } else if (error.exception() instanceof RetriableException
                    || error == Errors.UNKNOWN_TOPIC_OR_PARTITION
                    || error == Errors.KAFKA_STORAGE_ERROR
                    || error == Errors.FENCED_LEADER_EPOCH
                    || error == Errors.UNKNOWN_LEADER_EPOCH
                    || error == Errors.NOT_LEADER_OR_FOLLOWER) {
                retry(List.of(tp), now); // new leader or metadata; the same offset again
            } else {
                throw error.exception("Kafka topic partition " + tp + ": " + error.message());
            }
        }
        return progress;
    }

    /**
     * One partition's records of a response: the batches to hand on, and the new position. Returns the records
     * handed on, or 1 when only the position moved.
     */
    private int batches(TopicPartition tp, long at, FetchResponseData.PartitionData pd, List<KafkaFetcher.Chunk> out) {
        if (!(pd.records() instanceof MemoryRecords mr) || mr.sizeInBytes() == 0) {
            return 0;
        }
        ByteBuffer buf = mr.buffer();
        byte[] a;
        int base;
        if (buf.hasArray()) {
            a = buf.array();
            base = buf.arrayOffset() + buf.position();
        } else {
            a = new byte[buf.remaining()];
            buf.duplicate().get(a);
            base = 0;
        }
        int end = base + buf.remaining();
        ByteBuffer view = ByteBuffer.wrap(a);
        Aborted aborted = isolation == IsolationLevel.READ_COMMITTED ? new Aborted(pd.abortedTransactions()) : null;
        int[] starts = new int[8];
        int[] ends = new int[8];
        int n = 0;
        int records = 0;
        long next = at;
        int p = base;
        while (p + 17 <= end) {
            long baseOffset = view.getLong(p);
            int batchEnd = p + 12 + view.getInt(p + 8);
            if (batchEnd > end || batchEnd < p + 17) {
                break; // cut at the response's end: fetched again from its start
            }
            byte magic = a[p + 16];
            long lastOffset;
            boolean keep;
            int count;
            if (magic >= 2) {
                if (checkCrcs
                        && Crc32C.compute(a, p + 21, batchEnd - (p + 21)) != (view.getInt(p + 17) & 0xFFFFFFFFL)) {
                    throw new CorruptRecordException("Kafka topic partition " + tp + ": the record batch at offset "
                            + baseOffset + " fails its CRC check (corrupt on the broker or on the way)");
                }
                int attributes = view.getShort(p + 21);
                lastOffset = baseOffset + view.getInt(p + 23);
                count = view.getInt(p + 57);
                boolean control = (attributes & 0x20) != 0;
                keep = !control;
                long producerId = view.getLong(p + 43);
                if (aborted != null && producerId >= 0) {
                    aborted.upTo(lastOffset);
                    if (control) {
                        if (abortMarker(a, p, batchEnd)) {
                            aborted.pids.remove(producerId);
                        }
                    } else if ((attributes & 0x10) != 0 && aborted.pids.contains(producerId)) {
                        keep = false; // a batch of an aborted transaction
                    }
                }
            } else {
                RecordBatch legacy = MemoryRecords.readableRecords(
                                ByteBuffer.wrap(a, p, batchEnd - p).slice())
                        .batches()
                        .iterator()
                        .next();
                if (checkCrcs) {
                    legacy.ensureValid();
                }
                lastOffset = legacy.lastOffset();
                count = 1;
                keep = true;
            }
            if (keep && lastOffset >= at) {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                    ends = Arrays.copyOf(ends, n * 2);
                }
                starts[n] = p;
                ends[n++] = batchEnd;
                // a batch that starts before the fetch offset: only its records from there on are read
                records += baseOffset < at ? (int) Math.min(count, lastOffset - at + 1) : count;
            }
            next = Math.max(next, lastOffset + 1);
            p = batchEnd;
        }
        if (p == base) { // not one whole batch: it is larger than the fetch size
            bytesFor.put(tp, Math.min(MAX_PARTITION_BYTES, Math.max(partitionBytes, end - base) * 2));
            if (end - base >= MAX_PARTITION_BYTES) {
                throw new KafkaException("Kafka topic partition " + tp + " has a record batch at offset " + at
                        + " larger than " + MAX_PARTITION_BYTES + " bytes");
            }
            return 0;
        }
        positions.put(tp, next);
        if (n > 0) {
            out.add(new KafkaFetcher.Chunk(tp, null, new KafkaRawRecords.Batches(a, starts, ends, n, at, records)));
        }
        return records > 0 ? records : next > at ? 1 : 0;
    }

    /** Whether a control batch holds an abort marker (rare: read with the client's record classes). */
    private static boolean abortMarker(byte[] a, int start, int end) {
        Iterator<Record> it = MemoryRecords.readableRecords(
                        ByteBuffer.wrap(a, start, end - start).slice())
                .records()
                .iterator();
        return it.hasNext() && ControlRecordType.parse(it.next().key()) == ControlRecordType.ABORT;
    }

    /** The aborted transactions of one response (read_committed), by first offset, and the producers now in one. */
    private static final class Aborted {
        final PriorityQueue<FetchResponseData.AbortedTransaction> queue =
                new PriorityQueue<>(Comparator.comparingLong(FetchResponseData.AbortedTransaction::firstOffset));
        final Set<Long> pids = new HashSet<>();

        Aborted(List<FetchResponseData.AbortedTransaction> list) {
            if (list != null) {
                queue.addAll(list);
            }
        }

        void upTo(long offset) {
            while (!queue.isEmpty() && queue.peek().firstOffset() <= offset) {
                pids.add(queue.poll().producerId());
            }
        }
    }

    private NetworkClient client() {
        NetworkClient c = client;
        if (c != null) {
            return c;
        }
        LogContext log = new LogContext("[eddy-kafka-raw] ");
        metrics = new Metrics(time);
        metadata = new TopicsMetadata(
                config.getLong(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG),
                config.getLong(CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG),
                config.getLong(CommonClientConfigs.METADATA_MAX_AGE_CONFIG),
                log);
        metadata.bootstrap(ClientUtils.parseAndValidateAddresses(config));
        metadata.topics(assigned);
        ChannelBuilder channels = ClientUtils.createChannelBuilder(config, time, log);
        Selector selector = new Selector(
                config.getLong(ConsumerConfig.CONNECTIONS_MAX_IDLE_MS_CONFIG),
                metrics,
                time,
                "eddy-kafka-raw",
                channels,
                log);
        c = new NetworkClient(
                selector,
                metadata,
                config.getString(ConsumerConfig.CLIENT_ID_CONFIG) + "-eddy-raw",
                100,
                config.getLong(ConsumerConfig.RECONNECT_BACKOFF_MS_CONFIG),
                config.getLong(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG),
                config.getInt(ConsumerConfig.SEND_BUFFER_CONFIG),
                config.getInt(ConsumerConfig.RECEIVE_BUFFER_CONFIG),
                config.getInt(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG),
                config.getLong(ConsumerConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG),
                config.getLong(ConsumerConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG),
                time,
                true,
                new ApiVersions(),
                log,
                MetadataRecoveryStrategy.forName(
                        config.getString(CommonClientConfigs.METADATA_RECOVERY_STRATEGY_CONFIG)));
        client = c;
        return c;
    }

    /** Metadata of the assigned topics only (the client's default would ask for every topic of the cluster). */
    private static final class TopicsMetadata extends Metadata {
        private volatile List<String> topics = List.of();

        TopicsMetadata(long backoffMs, long backoffMaxMs, long maxAgeMs, LogContext log) {
            super(backoffMs, backoffMaxMs, maxAgeMs, log, new ClusterResourceListeners());
        }

        void topics(Collection<TopicPartition> parts) {
            List<String> t = parts.stream()
                    .map(TopicPartition::topic)
                    .distinct()
                    .sorted()
                    .toList();
            if (!t.equals(topics)) {
                topics = t;
                requestUpdateForNewTopics();
            }
        }

        @Override
        protected MetadataRequest.Builder newMetadataRequestBuilder() {
            return new MetadataRequest.Builder(new ArrayList<>(topics), false);
        }

        @Override
        protected MetadataRequest.Builder newMetadataRequestBuilderForNewTopics() {
            return newMetadataRequestBuilder();
        }
    }
}
