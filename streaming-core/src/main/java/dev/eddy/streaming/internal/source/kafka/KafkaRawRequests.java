package dev.eddy.streaming.internal.source.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.ClientRequest;
import org.apache.kafka.clients.Metadata;
import org.apache.kafka.clients.NetworkClient;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.FetchRequest;

/**
 * The raw fetch's requests: which partitions to fetch now and from which leader, and the Fetch request to each leader.
 * A partition is fetched when it has a position, is not paused, is not backing off after an error and its leader has
 * no request of this fetcher in flight; one request per leader carries every such partition with its current leader
 * epoch and fetch size. Remembers per leader the offsets a request in flight asked for, so that a response answers
 * only a partition still at that offset. Fetch thread only.
 */
final class KafkaRawRequests {
    /** Fetch versions from 13 on name topics by id; older ones by name (used when an id is not known). */
    private static final short LAST_VERSION_BY_NAME = 12;

    private final KafkaRawNetwork.TopicsMetadata metadata;
    private final IsolationLevel isolation;
    private final int partitionBytes;
    private final int maxBytes;
    private final int maxWaitMs;
    private final int minBytes;
    private final long retryBackoffMs;

    /** Per partition, when it may be fetched again after an error (ms). */
    private final Map<TopicPartition, Long> retryAt = new HashMap<>();
    /** Per partition, a larger fetch size after a batch did not fit. */
    private final Map<TopicPartition, Integer> bytesFor = new HashMap<>();
    /** Per node id, the offsets of its fetch in flight. */
    private final Map<String, Map<TopicPartition, Long>> inFlight = new HashMap<>();

    KafkaRawRequests(KafkaRawNetwork.TopicsMetadata metadata, KafkaRawSettings settings) {
        this.metadata = metadata;
        this.isolation = settings.isolation();
        this.partitionBytes = settings.partitionBytes();
        this.maxBytes = settings.maxBytes();
        this.maxWaitMs = settings.maxWaitMs();
        this.minBytes = settings.minBytes();
        this.retryBackoffMs = settings.retryBackoffMs();
    }

    /** The partitions to fetch now, grouped by their leader; those without a known leader ask for metadata. */
    Map<Node, Map<TopicPartition, FetchRequest.PartitionData>> due(
            Set<TopicPartition> assigned, Map<TopicPartition, Long> positions, Set<TopicPartition> paused, long now) {
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

    /** Sends one leader's Fetch request (by topic id when every id is known, else by name). */
    void send(NetworkClient net, Node node, Map<TopicPartition, FetchRequest.PartitionData> parts, long now) {
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

    /** Whether a request is in flight to any leader. */
    boolean waiting() {
        return !inFlight.isEmpty();
    }

    /** The offsets the request to {@code node} asked for, now answered; null if none was in flight. */
    Map<TopicPartition, Long> answered(String node) {
        return inFlight.remove(node);
    }

    /** The partitions' leader moved or is unknown, or their broker failed: new metadata, a back-off, then again. */
    void retry(Collection<TopicPartition> parts, long now) {
        metadata.requestUpdate(false);
        for (TopicPartition tp : parts) {
            retryAt.put(tp, now + retryBackoffMs);
        }
    }

    /** A partition answered without error: no back-off. */
    void answeredWell(TopicPartition tp) {
        retryAt.remove(tp);
    }

    /**
     * Not one whole batch fit in the partition's fetch size of {@code got} bytes: the next request asks for twice as
     * much, up to {@code max}. Returns false when even {@code max} was not enough.
     */
    boolean grow(TopicPartition tp, int got, int max) {
        bytesFor.put(tp, Math.min(max, Math.max(partitionBytes, got) * 2));
        return got < max;
    }
}
