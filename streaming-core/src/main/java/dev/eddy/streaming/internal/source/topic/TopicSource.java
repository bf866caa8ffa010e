package dev.eddy.streaming.internal.source.topic;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.Offset;
import dev.eddy.streaming.api.spi.PartitionOffsets;
import dev.eddy.streaming.api.spi.SupportsTriggerAvailableNow;
import dev.eddy.streaming.api.spi.TriggerContext;
import dev.eddy.streaming.api.topic.OffsetOutOfRangeException;
import dev.eddy.streaming.internal.format.MalformedRecords;
import dev.eddy.streaming.internal.log.PartitionLog;
import dev.eddy.streaming.internal.log.TopicLog;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads one embedded topic. The offset is the next position per partition. {@code maxOffsetsPerTrigger} caps a
 * batch, split over partitions in proportion to their backlog; {@code endingOffsets} makes the read bounded.
 * Records retention dropped before they were read fail the query, or with {@code failOnDataLoss=false} are
 * skipped and counted. {@code Trigger.availableNow()} reads up to the partitions' ends when the run starts, still at
 * most {@code maxOffsetsPerTrigger} per batch.
 */
final class TopicSource implements SupportsTriggerAvailableNow {
    private final TopicLog log;
    private final PartitionOffsets initial;
    private final PartitionOffsets ending;
    private final long maxPerTrigger;
    private final boolean failOnDataLoss;
    private final TopicRowReader reader;
    /** Spark's mode and corrupt-record column name for decoded values, or null (raw records, text). */
    private MalformedRecords malformed;

    private long lostRecords;
    /** Available-now: each partition's end when the run started (partitions added since have none), or null. */
    private long[] availableNowEnd;

    TopicSource(
            TopicLog log,
            PartitionOffsets initial,
            PartitionOffsets ending,
            long maxPerTrigger,
            boolean failOnDataLoss,
            TopicRowReader reader) {
        this.log = log;
        this.initial = initial;
        this.ending = ending;
        this.maxPerTrigger = maxPerTrigger;
        this.failOnDataLoss = failOnDataLoss;
        this.reader = reader;
    }

    /** Applies Spark's mode and columnNameOfCorruptRecord to decoded values (call before anything else). */
    TopicSource withMalformedRecords(MalformedRecords policy) {
        this.malformed = policy;
        return this;
    }

    @Override
    public Schema schema() {
        return malformed == null ? reader.schema() : malformed.toQuery(reader.schema());
    }

    @Override
    public Offset initialOffset() {
        return initial;
    }

    @Override
    public void prepareForTriggerAvailableNow() {
        availableNowEnd = new long[log.partitionCount()];
        for (int p = 0; p < availableNowEnd.length; p++) {
            availableNowEnd[p] = log.partition(p).latestOffset();
        }
    }

    @Override
    public Offset latestOffset(Offset start, TriggerContext trigger) {
        PartitionOffsets from = (PartitionOffsets) start;
        long[] avail = new long[log.partitionCount()];
        long backlog = 0;
        for (int p = 0; p < avail.length; p++) {
            long end = log.partition(p).latestOffset();
            if (ending != null) {
                end = Math.min(end, ending.position(p));
            }
            if (availableNowEnd != null) {
                end = Math.min(end, p < availableNowEnd.length ? availableNowEnd[p] : position(from, p));
            }
            avail[p] = Math.max(0, end - position(from, p));
            backlog += avail[p];
        }
        if (backlog == 0) {
            return start;
        }
        TreeMap<Integer, Long> next = new TreeMap<>();
        long budget = maxPerTrigger > 0 && !trigger.allAvailable() ? Math.min(maxPerTrigger, backlog) : backlog;
        long left = budget;
        for (int p = 0; p < avail.length; p++) {
            long take =
                    budget == backlog ? avail[p] : Math.min(avail[p], Math.min(left, share(avail[p], budget, backlog)));
            left -= take;
            next.put(p, position(from, p) + take);
        }
        for (int p = 0; p < avail.length && left > 0; p++) { // rounding leftovers
            long extra = Math.min(left, position(from, p) + avail[p] - next.get(p));
            next.put(p, next.get(p) + extra);
            left -= extra;
        }
        return new PartitionOffsets(next);
    }

    private static long share(long avail, long budget, long backlog) {
        return (long) Math.floor((double) avail * budget / backlog);
    }

    /** Partitions added after the offset was written start at their beginning. */
    private static long position(PartitionOffsets o, int p) {
        Long v = o.positions().get(p);
        return v == null ? 0 : v;
    }

    @Override
    public Batch getBatch(Offset start, Offset end) {
        PartitionOffsets from = (PartitionOffsets) start;
        PartitionOffsets to = (PartitionOffsets) end;
        long rows = 0;
        for (int p : to.positions().keySet()) {
            rows += to.position(p) - position(from, p);
        }
        BatchBuilder out = reader.builder((int) Math.min(rows, 1 << 20));
        for (int p : to.positions().keySet()) {
            readPartition(log.partition(p), position(from, p), to.position(p), out);
        }
        return malformed == null ? out.build() : malformed.apply(out.build(), "topic '" + log.name() + "'");
    }

    private void readPartition(PartitionLog part, long from, long until, BatchBuilder out) {
        long earliest = part.earliestOffset();
        if (from < earliest) {
            if (failOnDataLoss) {
                throw new OffsetOutOfRangeException(log.name(), part.partition(), from, earliest, part.latestOffset());
            }
            lostRecords += Math.min(until, earliest) - from;
            from = Math.min(until, earliest);
        }
        if (from < until) {
            part.read(from, until, reader.into(out, part.partition()));
        }
    }

    @Override
    public void pruneColumns(Set<String> columns) {
        reader.prune(malformed == null ? columns : malformed.toDecoderColumns(columns));
    }

    @Override
    public long numInputRows(Batch batch) {
        return malformed == null ? batch.numRows() : malformed.recordsRead(batch);
    }

    @Override
    public boolean isReplayable() {
        return true;
    }

    /** Reading a range consumes nothing: the engine may read the next batch ahead. */
    @Override
    public boolean supportsReadAhead() {
        return true;
    }

    @Override
    public Offset deserializeOffset(String json) {
        return PartitionOffsets.parse(json);
    }

    @Override
    public String description() {
        return "TopicSource[" + log.name() + "]";
    }

    /** Values that did not decode so far (they are in {@code _corrupt_record}). */
    long corruptRecords() {
        return reader.corruptRecords();
    }

    @Override
    public String status() {
        StringBuilder sb = new StringBuilder();
        if (reader.corruptRecords() > 0) {
            sb.append(reader.corruptRecords()).append(" corrupt records");
        }
        if (lostRecords > 0) {
            sb.append(sb.length() > 0 ? "; " : "").append(lostRecords).append(" records lost to retention");
        }
        return sb.toString();
    }
}
