package dev.eddy.streaming.api.spi;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Schema;

/**
 * The base of a source whose offset is one counter ({@link LongOffset}): rows, chunks or batches handed out so far
 * (memory streams, rate generators, sockets, benchmark feeds). A subclass says how far the counter has got now and
 * reads a range; the base plans the batches: a batch goes from the start to what is {@link #available available},
 * at most {@link #maxPerTrigger()} further, and there is no batch while nothing new is there.
 */
public abstract class CounterSource implements Source {
    private final Schema schema;

    protected CounterSource(Schema schema) {
        this.schema = schema;
    }

    /** How far the counter has got now (exclusive): the end of everything there is to read. */
    protected abstract long available(TriggerContext trigger);

    /** The records in {@code [from, to)} as one batch; {@code to > from}. */
    protected abstract Batch read(long from, long to);

    /** The most one batch takes (e.g. one pre-built batch per trigger); unlimited by default. */
    protected long maxPerTrigger() {
        return Long.MAX_VALUE;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public Offset initialOffset() {
        return LongOffset.ZERO;
    }

    @Override
    public Offset latestOffset(Offset start, TriggerContext trigger) {
        long from = ((LongOffset) start).value();
        long cap = maxPerTrigger();
        long end = Math.min(available(trigger), cap > Long.MAX_VALUE - from ? Long.MAX_VALUE : from + cap);
        return end <= from ? start : new LongOffset(end);
    }

    @Override
    public Batch getBatch(Offset start, Offset end) {
        long from = ((LongOffset) start).value();
        long to = ((LongOffset) end).value();
        return to <= from ? Batch.empty(schema) : read(from, to);
    }

    @Override
    public boolean isReplayable() {
        return true;
    }

    @Override
    public Offset deserializeOffset(String json) {
        return LongOffset.parse(json);
    }
}
