package dev.eddy.streaming.internal.source.kafka;

import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;

/**
 * Read_committed's filter over one partition's batches of one fetch response, in offset order: the response lists its
 * aborted transactions (producer id, first offset); from a transaction's first offset on, that producer's
 * transactional batches are left out until its abort marker (a control batch) ends the transaction. The broker
 * returns nothing past the last stable offset, so an open transaction is never read. The consumer's rule
 * ({@code CompletedFetch}), applied per v2 batch header. Public only as a parameter of {@link KafkaRawBatchScan#scan}.
 */
public final class KafkaAbortedTransactions {
    private final PriorityQueue<FetchResponseData.AbortedTransaction> queue =
            new PriorityQueue<>(Comparator.comparingLong(FetchResponseData.AbortedTransaction::firstOffset));
    private final Set<Long> aborting = new HashSet<>();

    /** @param list the response's aborted transactions of the partition (null when it has none) */
    KafkaAbortedTransactions(List<FetchResponseData.AbortedTransaction> list) {
        if (list != null) {
            queue.addAll(list);
        }
    }

    /**
     * Whether the v2 batch at {@code [start, end)} of {@code a} is kept: the next batch in offset order, with the given
     * header fields. A control batch is never kept (an abort marker ends its producer's aborted transaction).
     */
    boolean keep(byte[] a, int start, int end, long producerId, boolean transactional, boolean control, long last) {
        if (producerId < 0) {
            return !control;
        }
        while (!queue.isEmpty() && queue.peek().firstOffset() <= last) {
            aborting.add(queue.poll().producerId());
        }
        if (control) {
            if (abortMarker(a, start, end)) {
                aborting.remove(producerId);
            }
            return false;
        }
        return !(transactional && aborting.contains(producerId));
    }

    /** Whether a control batch holds an abort marker (rare: read with the client's record classes). */
    private static boolean abortMarker(byte[] a, int start, int end) {
        Iterator<Record> it = MemoryRecords.readableRecords(
                        ByteBuffer.wrap(a, start, end - start).slice())
                .records()
                .iterator();
        return it.hasNext() && ControlRecordType.parse(it.next().key()) == ControlRecordType.ABORT;
    }
}
