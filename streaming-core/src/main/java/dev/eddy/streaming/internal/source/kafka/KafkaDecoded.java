package dev.eddy.streaming.internal.source.kafka;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Rows decoded ahead of the batch that takes them: one builder for every fetcher of a reader, and where each poll's
 * records of a partition went in it (a run). The decode thread appends; a batch that takes every run takes the builder
 * as it is, so its rows are decoded once, straight into the batch the query reads (see {@link KafkaBatchReader}).
 * Guarded by the reader's lock.
 */
final class KafkaDecoded {
    private static final int[] NONE = {};

    /**
     * Rows {@code [from, to)} of the builder: records of {@code partition} with offsets {@code first..last} (in offset
     * order; {@code offsets} when they are not consecutive, else null), fetched by {@code fetcher} in its
     * {@code epoch}.
     */
    record Run(
            KafkaFetcher fetcher,
            long epoch,
            TopicPartition partition,
            int from,
            int to,
            long first,
            long last,
            long[] offsets) {
        int size() {
            return to - from;
        }

        /** How many rows are of records before {@code stop}. */
        int rowsBefore(long stop) {
            if (offsets == null) {
                return (int) Math.max(0, Math.min(size(), stop - first));
            }
            int lo = 0;
            int hi = offsets.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (offsets[mid] < stop) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        /** Whether its fetch has not been set up again since (a seek or a failure drops what was fetched). */
        boolean live() {
            return fetcher.current(epoch);
        }
    }

    private final KafkaRowReader reader;
    private BatchBuilder rows;
    private final List<Run> runs = new ArrayList<>();
    /** Rows whose value did not parse, in row order. */
    private int[] corrupt = NONE;

    private int corruptCount;

    KafkaDecoded(KafkaRowReader reader) {
        this.reader = reader;
    }

    boolean isEmpty() {
        return runs.isEmpty();
    }

    int numRows() {
        return rows == null ? 0 : rows.numRows();
    }

    List<Run> runs() {
        return runs;
    }

    int corruptCount() {
        return corruptCount;
    }

    /** The corrupt rows, in row order. */
    int[] corruptRows() {
        return Arrays.copyOf(corrupt, corruptCount);
    }

    /**
     * Decodes {@code records[from, to)} (one partition's, in offset order) into the next rows. {@code capacity}: the
     * rows to make room for if these are the first (about the rows the batch will have, so the columns do not grow by
     * copying).
     */
    void append(
            KafkaFetcher fetcher,
            long epoch,
            TopicPartition tp,
            List<ConsumerRecord<ByteBuffer, ByteBuffer>> records,
            int from,
            int to,
            long capacity) {
        if (rows == null) {
            rows = reader.builder(capacity);
        }
        int start = rows.numRows();
        addCorrupt(reader.addRun(rows, records, from, to), 0);
        long first = records.get(from).offset();
        long last = records.get(to - 1).offset();
        long[] offsets = null;
        if (last - first + 1 != to - from) { // gaps (compaction, transaction markers): the offsets say where to cut
            offsets = new long[to - from];
            for (int i = from; i < to; i++) {
                offsets[i - from] = records.get(i).offset();
            }
        }
        runs.add(new Run(fetcher, epoch, tp, start, rows.numRows(), first, last, offsets));
    }

    /**
     * Decodes the records of a raw fetch's cursor (one partition's, in offset order) into the next rows while their
     * offset is before {@code stop}; the first record at or after it stays with the cursor. Returns the rows added.
     */
    int appendRaw(
            KafkaFetcher fetcher,
            long epoch,
            TopicPartition tp,
            KafkaRawRecords.Cursor records,
            long stop,
            long capacity,
            KafkaRowReader.OffsetList offsets) {
        if (!records.next()) {
            return 0;
        }
        records.back();
        if (records.offset >= stop) {
            return 0;
        }
        if (rows == null) {
            rows = reader.builder(capacity);
        }
        int start = rows.numRows();
        offsets.size = 0;
        addCorrupt(reader.addRun(rows, records, stop, tp, offsets), 0);
        int n = rows.numRows() - start;
        long first = offsets.values[0];
        long last = offsets.values[n - 1];
        long[] gaps = last - first + 1 != n ? Arrays.copyOf(offsets.values, n) : null;
        runs.add(new Run(fetcher, epoch, tp, start, rows.numRows(), first, last, gaps));
        return n;
    }

    /**
     * Copies the rows of {@code run} (of {@code built}, whose corrupt rows are {@code bad}) from its {@code skip}-th on
     * into the next rows, as a run of their own.
     */
    void appendTail(Batch built, int[] bad, Run run, int skip) {
        int n = run.size() - skip;
        if (n <= 0) {
            return;
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = run.from() + skip + i;
        }
        if (rows == null) {
            rows = reader.builder(n);
        }
        int start = rows.numRows();
        reader.appendRun(rows, built.gather(idx, n), run.partition());
        int[] moved = Arrays.stream(bad)
                .filter(r -> r >= run.from() + skip && r < run.to())
                .map(r -> r - run.from() - skip)
                .toArray();
        addCorrupt(moved, start);
        long[] offs = run.offsets() == null ? null : Arrays.copyOfRange(run.offsets(), skip, run.size());
        long first = offs == null ? run.first() + skip : offs[0];
        runs.add(new Run(run.fetcher(), run.epoch(), run.partition(), start, start + n, first, run.last(), offs));
    }

    private void addCorrupt(int[] bad, int shift) {
        for (int r : bad) {
            if (corruptCount == corrupt.length) {
                corrupt = Arrays.copyOf(corrupt, Math.max(8, corruptCount * 2));
            }
            corrupt[corruptCount++] = r + shift;
        }
    }

    /** The rows as a batch; this is empty again (its builder now belongs to the batch). */
    Batch build() {
        Batch b = rows == null ? reader.builder(0).build() : rows.build();
        clear();
        return b;
    }

    /** Drops every row. */
    void clear() {
        rows = null;
        runs.clear();
        corrupt = NONE;
        corruptCount = 0;
    }
}
