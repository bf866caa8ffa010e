package dev.eddy.streaming.internal.source.kafka;

import dev.eddy.streaming.api.data.Batch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The rows the decode thread has decoded and no batch has taken yet, split at the waiting batch's stops: the waiting
 * batch's rows (and, before a batch waits, every row decoded) in {@code current}, the rows after its stops (the next
 * batch's) in {@code next}. The decode thread adds each poll ({@link #add}); the reading thread cuts the waiting
 * batch ({@link #cut}). Every method is called holding the reader's lock (see {@link KafkaBatchReader}).
 */
final class KafkaDecodedRows {
    private final KafkaRowReader reader;
    /** The decode thread's reader of raw fetches, and the offsets of the rows it decoded last. */
    private final KafkaRawRecords.Cursor cursor = new KafkaRawRecords.Cursor();

    private final KafkaRowReader.OffsetList offsets = new KafkaRowReader.OffsetList();
    /** Decoded rows of the waiting batch (and, before a batch waits, every row decoded). */
    private KafkaDecoded current;
    /** Decoded rows after the waiting batch's stops: the next batch's. */
    private KafkaDecoded next;
    /** Rows the waiting batch expects at most (the first decoded rows make room for that many). */
    private long expectedRows;
    /** Rows of the last batch: room made for rows decoded ahead, before their batch is known. */
    private long lastRows = 4096;
    /** Batches that took the decoded columns as they were, and batches whose rows were gathered out (tests). */
    private long whole;

    private long gathered;

    KafkaDecodedRows(KafkaRowReader reader) {
        this.reader = reader;
        this.current = new KafkaDecoded(reader);
        this.next = new KafkaDecoded(reader);
    }

    /** A batch of at most {@code rows} rows now waits. */
    void expect(long rows) {
        expectedRows = rows;
    }

    /** Drops every decoded row (every fetcher was set up again, or a decode failed part-way through a row). */
    void clear() {
        current.clear();
        next.clear();
    }

    /**
     * One poll's records into the decoded rows: while a batch waits for a partition, its records before the stop into
     * {@link #current}, the others into {@link #next}; with no batch waiting, all into {@link #current}. Decode
     * thread (a batch cannot take the rows while they are being written).
     */
    void add(KafkaFetcher f, KafkaFetcher.Polled p) {
        for (KafkaFetcher.Chunk c : p.chunks()) {
            if (c.raw() != null) {
                addRaw(f, p.epoch(), c);
                continue;
            }
            List<ConsumerRecord<ByteBuffer, ByteBuffer>> records = c.records();
            int n = records.size();
            Long stop = f.stop(c.partition());
            int k = n;
            if (stop != null && records.get(n - 1).offset() >= stop) {
                k = 0;
                while (records.get(k).offset() < stop) {
                    k++;
                }
            }
            if (k > 0) {
                current.append(f, p.epoch(), c.partition(), records, 0, k, stop != null ? expectedRows : lastRows);
            }
            if (k < n) {
                next.append(f, p.epoch(), c.partition(), records, k, n, lastRows);
            }
        }
    }

    /** A raw fetch's records of one partition, read where they lie: before the stop into {@link #current}. */
    private void addRaw(KafkaFetcher f, long epoch, KafkaFetcher.Chunk c) {
        cursor.reset(c.raw());
        Long stop = f.stop(c.partition());
        long cut = stop == null ? Long.MAX_VALUE : stop;
        current.appendRaw(f, epoch, c.partition(), cursor, cut, stop != null ? expectedRows : lastRows, offsets);
        next.appendRaw(f, epoch, c.partition(), cursor, Long.MAX_VALUE, lastRows, offsets);
        cursor.reset(null);
    }

    /**
     * The waiting batch's rows: those of live runs before their fetcher's stop. When that is every row decoded for it,
     * the columns themselves; else gathered out, the rest (live, after the stops) kept in order.
     */
    Batch cut() {
        Batch out;
        long corrupt = 0;
        if (takesAll(current)) {
            whole++;
            for (KafkaDecoded.Run r : current.runs()) {
                r.fetcher().took(r.size());
            }
            corrupt = current.corruptCount();
            out = current.build(); // empty again
            KafkaDecoded was = current;
            current = next;
            next = was;
        } else {
            gathered++;
            KafkaDecoded rest = new KafkaDecoded(reader);
            List<Batch> parts = new ArrayList<>(2);
            for (KafkaDecoded d : List.of(current, next)) {
                if (d.isEmpty()) {
                    continue;
                }
                List<KafkaDecoded.Run> runs = List.copyOf(d.runs());
                int[] bad = d.corruptRows();
                Batch built = d.build();
                int[] idx = new int[built.numRows()];
                int n = 0;
                for (KafkaDecoded.Run r : runs) {
                    if (!r.live()) {
                        continue; // fetched before a seek
                    }
                    Long stop = r.fetcher().stop(r.partition());
                    int k = stop == null ? 0 : r.rowsBefore(stop);
                    for (int i = 0; i < k; i++) {
                        idx[n++] = r.from() + i;
                    }
                    for (int b : bad) {
                        if (b >= r.from() && b < r.from() + k) {
                            corrupt++;
                        }
                    }
                    r.fetcher().took(k);
                    rest.appendTail(built, bad, r, k);
                }
                if (n > 0) {
                    parts.add(built.gather(idx, n));
                }
            }
            current = rest;
            next = new KafkaDecoded(reader);
            out = parts.isEmpty() ? reader.builder(0).build() : reader.concat(parts);
        }
        reader.countCorrupt(corrupt);
        lastRows = Math.max(16, out.numRows());
        return out;
    }

    /** Whether the waiting batch takes every row of {@code d} (each run live and before its fetcher's stop). */
    private static boolean takesAll(KafkaDecoded d) {
        for (KafkaDecoded.Run r : d.runs()) {
            Long stop = r.live() ? r.fetcher().stop(r.partition()) : null;
            if (stop == null || r.rowsBefore(stop) != r.size()) {
                return false;
            }
        }
        return true;
    }

    /** Rows decoded and not taken yet. */
    int numRows() {
        return current.numRows() + next.numRows();
    }

    /** Batches that were the decoded columns as they were, and batches whose rows were gathered out (tests). */
    long[] wholeAndGathered() {
        return new long[] {whole, gathered};
    }
}
