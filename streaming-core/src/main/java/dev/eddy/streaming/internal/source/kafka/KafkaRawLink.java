package dev.eddy.streaming.internal.source.kafka;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.ClientResponse;
import org.apache.kafka.clients.NetworkClient;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.utils.Time;

/**
 * Option {@code fetch = raw} (the default): Eddy's own Fetch requests below {@code KafkaConsumer}. This class keeps
 * what the fetcher sets (assignment, positions, paused partitions) and runs the rounds of a poll; the parts are
 * classes of their own: the connection and metadata ({@link KafkaRawNetwork}, made at the first poll, so a source that
 * never reads opens no connection), the requests ({@link KafkaRawRequests}: one per leader, with the current leader
 * epoch), the responses ({@link KafkaRawResponses}: errors, retries, positions), the batches of a response
 * ({@link KafkaRawBatchScan}, with read_committed's {@link KafkaAbortedTransactions}), and the records of a batch
 * ({@link KafkaRawRecords}, on the decode thread).
 *
 * <p>Not public API: {@code NetworkClient}, {@code Metadata}, the request and response classes and
 * {@code org.apache.kafka.common.record.internal} are kafka-clients internals (4.3.1); every client upgrade must check
 * the {@code KafkaRaw*} classes and {@link KafkaAbortedTransactions} against them. Offset and partition look-ups
 * (begin and end offsets, the topic's partitions) still go through a {@code KafkaConsumer} ({@link #lookups}), which
 * never polls.
 */
final class KafkaRawLink implements KafkaLink {
    private final Consumer<ByteBuffer, ByteBuffer> lookups;
    private final boolean ownsLookups;
    private final KafkaRawSettings settings;
    private final Time time = Time.SYSTEM;

    // made at the first poll
    private volatile KafkaRawNetwork network;
    private KafkaRawRequests requests;
    private KafkaRawResponses responses;

    // the fetch thread, or the reading thread while the fetch thread is stopped
    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
    private final Set<TopicPartition> paused = ConcurrentHashMap.newKeySet();
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();

    private volatile boolean woken;

    /**
     * @param lookups     answers offset and partition look-ups; closed by {@link #close} only if {@code ownsLookups}
     * @param properties the source's consumer settings (bootstrap, security, fetch sizes, isolation, check.crcs)
     */
    KafkaRawLink(Consumer<ByteBuffer, ByteBuffer> lookups, boolean ownsLookups, Properties properties) {
        this.lookups = lookups;
        this.ownsLookups = ownsLookups;
        this.settings = KafkaRawSettings.of(properties);
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
        KafkaRawNetwork n = network;
        if (n != null) {
            n.metadata.topics(assigned);
        }
    }

    @Override
    public void seek(TopicPartition tp, long offset) {
        positions.put(tp, offset);
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
        KafkaRawNetwork n = network;
        if (n != null) {
            n.client.wakeup();
        }
    }

    @Override
    public void clearWakeup() {
        woken = false;
    }

    @Override
    public void close(Duration timeout) {
        KafkaRawNetwork n = network;
        network = null;
        if (n != null) {
            n.close();
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
        NetworkClient net = network().client;
        long now = time.milliseconds();
        long deadline = now + timeout.toMillis();
        checkWakeup();
        Map<Node, Map<TopicPartition, FetchRequest.PartitionData>> byLeader =
                requests.due(assigned, positions, paused, now);
        int progress = 0;
        while (true) {
            for (Iterator<Map.Entry<Node, Map<TopicPartition, FetchRequest.PartitionData>>> it =
                            byLeader.entrySet().iterator();
                    it.hasNext(); ) {
                var e = it.next();
                Node node = e.getKey();
                if (net.ready(node, now)) {
                    requests.send(net, node, e.getValue(), now);
                    it.remove();
                } else if (net.connectionFailed(node)) {
                    requests.retry(e.getValue().keySet(), now); // the broker is down or moved: new metadata, again
                    it.remove();
                }
            }
            if (now >= deadline) {
                break;
            }
            if (byLeader.isEmpty() && !requests.waiting()) {
                // nothing to wait for (no leader known yet, or backing off): drive metadata and connections a while
                net.poll(Math.min(deadline - now, Math.max(1, settings.retryBackoffMs())), now);
                checkWakeup();
                break;
            }
            for (ClientResponse r : net.poll(deadline - now, now)) {
                progress += responses.handle(r, assigned, positions, out, outOfRange, time.milliseconds());
            }
            checkWakeup();
            now = time.milliseconds();
            if (byLeader.isEmpty() && (progress > 0 || !requests.waiting())) {
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

    private KafkaRawNetwork network() {
        KafkaRawNetwork n = network;
        if (n == null) {
            n = KafkaRawNetwork.open(settings.config(), assigned, time);
            requests = new KafkaRawRequests(n.metadata, settings);
            responses = new KafkaRawResponses(requests, n.metadata, settings);
            network = n;
        }
        return n;
    }
}
