package dev.eddy.streaming.internal.source.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.EndTransactionMarker;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;

/**
 * Read_committed's filter, fed real v2 batches written by the client's own record builders (transactional,
 * non-transactional and control batches with commit and abort markers) and walked by {@link KafkaRawBatchScan}: which
 * records a fetch hands on, for each isolation level.
 */
class KafkaAbortedTransactionsTest {
    private static final TopicPartition TP = new TopicPartition("t", 0);
    private static final long P1 = 1;
    private static final long P2 = 2;
    private static final long P3 = 3;
    private static final long P4 = 4;

    /** A partition's log as the broker returns it: batches appended in offset order. */
    private static final class Log {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final List<Long> dataOffsets = new ArrayList<>();
        private long next;

        /** A transactional batch of {@code count} records of {@code producer}; returns its first offset. */
        long txn(long producer, int count) {
            return append(MemoryRecords.withTransactionalRecords(
                    next, Compression.NONE, producer, (short) 0, (int) next, 0, records(count)));
        }

        /** A batch of {@code count} records written without a producer id. */
        long plain(int count) {
            return append(MemoryRecords.withRecords(next, Compression.NONE, records(count)));
        }

        long commit(long producer) {
            return marker(producer, ControlRecordType.COMMIT);
        }

        long abort(long producer) {
            return marker(producer, ControlRecordType.ABORT);
        }

        private long marker(long producer, ControlRecordType type) {
            long at = next;
            MemoryRecords m = MemoryRecords.withEndTransactionMarker(
                    next, 0L, 0, producer, (short) 0, new EndTransactionMarker(type, 0));
            add(m);
            next++;
            return at;
        }

        private SimpleRecord[] records(int count) {
            SimpleRecord[] r = new SimpleRecord[count];
            for (int i = 0; i < count; i++) {
                r[i] = new SimpleRecord(0L, ("v" + (next + i)).getBytes(StandardCharsets.UTF_8));
            }
            return r;
        }

        private long append(MemoryRecords m) {
            long at = next;
            int count = 0;
            for (var batch : m.batches()) {
                count += batch.countOrNull();
            }
            add(m);
            for (int i = 0; i < count; i++) {
                dataOffsets.add(next++);
            }
            return at;
        }

        private void add(MemoryRecords m) {
            ByteBuffer b = m.buffer().duplicate();
            byte[] a = new byte[b.remaining()];
            b.get(a);
            bytes.writeBytes(a);
        }

        ByteBuffer buffer() {
            return ByteBuffer.wrap(bytes.toByteArray());
        }
    }

    private static FetchResponseData.AbortedTransaction aborted(long producer, long firstOffset) {
        return new FetchResponseData.AbortedTransaction()
                .setProducerId(producer)
                .setFirstOffset(firstOffset);
    }

    /** The offsets of the records a fetch from {@code at} hands on (values checked against their offsets). */
    private static List<Long> read(ByteBuffer records, long at, KafkaAbortedTransactions filter) {
        KafkaRawBatchScan.Result scan = KafkaRawBatchScan.scan(TP, at, records, true, filter);
        assertThat(scan.whole()).isTrue();
        List<Long> offsets = new ArrayList<>();
        if (scan.kept() == null) {
            assertThat(scan.records()).isZero();
            return offsets;
        }
        KafkaRawRecords.Cursor cursor = new KafkaRawRecords.Cursor();
        cursor.reset(scan.kept());
        while (cursor.next()) {
            String value =
                    new String(cursor.valueArray(), cursor.valueOffset(), cursor.valueLength(), StandardCharsets.UTF_8);
            assertThat(value).isEqualTo("v" + cursor.offset());
            offsets.add(cursor.offset());
        }
        assertThat(scan.records()).isEqualTo(offsets.size());
        return offsets;
    }

    @Test
    void when_transactionsInterleave_then_readCommittedLeavesOutExactlyTheAbortedProducersBatchesUntilTheirMarkers() {
        Log log = new Log();
        long p1First = log.txn(P1, 2); // 0-1: P1's aborted transaction starts
        log.txn(P2, 1); // 2: P2's committed transaction
        log.commit(P2); // 3: P2's commit marker does not end P1's abort
        log.txn(P1, 1); // 4: still P1's aborted transaction
        log.plain(2); // 5-6: not transactional, inside P1's aborted range
        log.abort(P1); // 7: ends P1's aborted transaction
        log.txn(P1, 2); // 8-9: P1's next transaction, committed
        log.commit(P1); // 10
        log.txn(P4, 1); // 11: P4 before its own aborted transaction, committed
        log.commit(P4); // 12
        long p3First = log.txn(P3, 1); // 13: P3's aborted transaction starts
        long p4First = log.txn(P4, 1); // 14: P4's aborted transaction starts, overlapping P3's
        log.txn(P3, 1); // 15
        log.abort(P3); // 16: P3 ends; P4 still aborting
        log.txn(P4, 2); // 17-18: still P4's aborted transaction
        log.txn(P3, 1); // 19: P3's next transaction, after its marker
        log.abort(P4); // 20
        log.commit(P3); // 21
        log.txn(P4, 1); // 22: P4 after its marker
        log.commit(P4); // 23
        // listed out of offset order, as nothing promises the order
        List<FetchResponseData.AbortedTransaction> abortedList =
                List.of(aborted(P4, p4First), aborted(P1, p1First), aborted(P3, p3First));

        List<Long> committed = read(log.buffer(), 0, new KafkaAbortedTransactions(abortedList));

        assertThat(committed).containsExactly(2L, 5L, 6L, 8L, 9L, 11L, 19L, 22L);
        assertThat(p1First).isZero();
        assertThat(p3First).isEqualTo(13);
        assertThat(p4First).isEqualTo(14);
    }

    @Test
    void when_readUncommitted_then_everyDataRecordIsReadAndOnlyControlBatchesAreLeftOut() {
        Log log = new Log();
        log.txn(P1, 2);
        log.txn(P2, 1);
        log.commit(P2);
        log.plain(1);
        log.abort(P1);
        log.txn(P1, 1);
        log.commit(P1);

        List<Long> all = read(log.buffer(), 0, null);

        assertThat(all).containsExactly(0L, 1L, 2L, 4L, 6L).isEqualTo(log.dataOffsets);
    }

    @Test
    void when_theFetchStartsInsideAnAbortedTransaction_then_itsLaterBatchesAreStillLeftOut() {
        Log log = new Log();
        log.next = 3; // 0-2, the transaction's first batch, were fetched earlier
        log.txn(P1, 1); // 3: the same aborted transaction, whose first offset (0) precedes the fetch
        log.txn(P2, 1); // 4
        log.abort(P1); // 5
        log.commit(P2); // 6
        log.txn(P1, 1); // 7

        List<Long> committed =
                read(log.buffer(), 3, new KafkaAbortedTransactions(List.of(aborted(P1, 0), aborted(P3, 100))));

        assertThat(committed).containsExactly(4L, 7L);
    }

    @Test
    void when_noTransactionWasAborted_then_readCommittedReadsEveryDataRecord() {
        Log log = new Log();
        log.txn(P1, 2);
        log.commit(P1);
        log.plain(1);
        log.txn(P2, 1);
        log.commit(P2);

        assertThat(read(log.buffer(), 0, new KafkaAbortedTransactions(null))).containsExactly(0L, 1L, 3L, 4L);
        assertThat(read(log.buffer(), 0, new KafkaAbortedTransactions(List.of())))
                .isEqualTo(log.dataOffsets);
    }

    @Test
    void when_anAbortedTransactionStartsInsideABatchOfItsProducer_then_thatWholeBatchIsLeftOut() {
        Log log = new Log();
        log.txn(P1, 1); // 0: kept (committed before)
        log.commit(P1); // 1
        log.txn(P1, 3); // 2-4: the aborted transaction listed from offset 3 (the batch's last offset is past it)
        log.abort(P1); // 5
        log.txn(P1, 1); // 6

        assertThat(read(log.buffer(), 0, new KafkaAbortedTransactions(List.of(aborted(P1, 3)))))
                .containsExactly(0L, 6L);
    }
}
