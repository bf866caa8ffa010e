package dev.eddy.streaming.internal.source.kafka;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.ClientResponse;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.requests.FetchResponse;

/**
 * What the raw fetch does with a Fetch response, partition by partition: records go on as the batches kept
 * ({@link KafkaRawBatchScan}) and the position moves past them; a partition whose leader moved or is unknown
 * ({@code NOT_LEADER_OR_FOLLOWER}, {@code FENCED_LEADER_EPOCH}, {@code UNKNOWN_LEADER_EPOCH},
 * {@code UNKNOWN_TOPIC_OR_PARTITION}, {@code KAFKA_STORAGE_ERROR}, any other retriable error), and every partition of
 * a request that was disconnected or timed out, backs off and is fetched again at the same offset
 * ({@link KafkaRawRequests#retry}); {@code OFFSET_OUT_OF_RANGE} is reported to the fetcher, which applies the source's
 * data-loss rule; any other error fails the fetch. A batch larger than the fetch size doubles it. An answer for a
 * partition sought elsewhere since, or no longer assigned, is stale and dropped. Fetch thread only.
 */
final class KafkaRawResponses {
    private static final int MAX_PARTITION_BYTES = 64 << 20;

    private final KafkaRawRequests requests;
    private final KafkaRawNetwork.TopicsMetadata metadata;
    private final IsolationLevel isolation;
    private final boolean checkCrcs;

    KafkaRawResponses(KafkaRawRequests requests, KafkaRawNetwork.TopicsMetadata metadata, KafkaRawSettings settings) {
        this.requests = requests;
        this.metadata = metadata;
        this.isolation = settings.isolation();
        this.checkCrcs = settings.checkCrcs();
    }

    /**
     * Handles one response: adds the partitions' kept batches to {@code out}, moves {@code positions}, and puts the
     * partitions out of the log's range in {@code outOfRange}. Returns the records handed on, plus one for each
     * partition whose position moved past batches left out.
     */
    int handle(
            ClientResponse r,
            Set<TopicPartition> assigned,
            Map<TopicPartition, Long> positions,
            List<KafkaFetcher.Chunk> out,
            Map<TopicPartition, Long> outOfRange,
            long now) {
        Map<TopicPartition, Long> asked = requests.answered(r.destination());
        if (asked == null) {
            return 0;
        }
        if (r.authenticationException() != null) {
            throw r.authenticationException();
        }
        if (r.versionMismatch() != null) {
            throw r.versionMismatch();
        }
        if (r.wasDisconnected() || r.wasTimedOut() || !(r.responseBody() instanceof FetchResponse)) {
            requests.retry(asked.keySet(), now);
            return 0;
        }
        FetchResponse fr = (FetchResponse) r.responseBody();
        if (fr.error() != Errors.NONE) {
            if (!(fr.error().exception() instanceof RetriableException)) {
                throw fr.error().exception();
            }
            requests.retry(asked.keySet(), now);
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
                requests.answeredWell(tp);
                progress += records(tp, at, pd, positions, out);
            } else if (error == Errors.OFFSET_OUT_OF_RANGE) {
                outOfRange.put(tp, at);
            } else if (error.exception() instanceof RetriableException
                    || error == Errors.UNKNOWN_TOPIC_OR_PARTITION
                    || error == Errors.KAFKA_STORAGE_ERROR
                    || error == Errors.FENCED_LEADER_EPOCH
                    || error == Errors.UNKNOWN_LEADER_EPOCH
                    || error == Errors.NOT_LEADER_OR_FOLLOWER) {
                requests.retry(List.of(tp), now); // new leader or metadata; the same offset again
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
    private int records(
            TopicPartition tp,
            long at,
            FetchResponseData.PartitionData pd,
            Map<TopicPartition, Long> positions,
            List<KafkaFetcher.Chunk> out) {
        if (!(pd.records() instanceof MemoryRecords mr) || mr.sizeInBytes() == 0) {
            return 0;
        }
        KafkaAbortedTransactions aborted = isolation == IsolationLevel.READ_COMMITTED
                ? new KafkaAbortedTransactions(pd.abortedTransactions())
                : null;
        KafkaRawBatchScan.Result scan = KafkaRawBatchScan.scan(tp, at, mr.buffer(), checkCrcs, aborted);
        if (!scan.whole()) { // not one whole batch: it is larger than the fetch size
            int got = mr.buffer().remaining();
            if (!requests.grow(tp, got, MAX_PARTITION_BYTES)) {
                throw new KafkaException("Kafka topic partition " + tp + " has a record batch at offset " + at
                        + " larger than " + MAX_PARTITION_BYTES + " bytes");
            }
            return 0;
        }
        positions.put(tp, scan.next());
        if (scan.kept() != null) {
            out.add(new KafkaFetcher.Chunk(tp, null, scan.kept()));
        }
        return scan.records() > 0 ? scan.records() : scan.next() > at ? 1 : 0;
    }
}
