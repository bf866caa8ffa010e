package dev.eddy.bench.engine;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.LongOffset;
import dev.eddy.streaming.api.spi.Offset;
import dev.eddy.streaming.api.spi.Source;
import dev.eddy.streaming.api.spi.SourceContext;
import dev.eddy.streaming.api.spi.SourceProvider;
import dev.eddy.streaming.api.spi.TriggerContext;

import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark source that hands out pre-built batches, so a figure measures the engine, not input parsing. The
 * offset is the number of batches released; {@link #release(int)} makes more available (one per trigger usually),
 * and a batch is handed out as is (no copy) when a trigger covers exactly one.
 */
final class BatchFeed implements SourceProvider {
    private final String name;
    private final Schema schema;
    private final List<Batch> batches = new ArrayList<>();
    private volatile int released;
    private final int perTrigger;

    /** A feed that gives at most {@code perTrigger} batches to one trigger. */
    BatchFeed(String name, Schema schema, int perTrigger) {
        this.name = name;
        this.schema = schema;
        this.perTrigger = perTrigger;
    }

    /** Adds a batch that the next {@link #release(int)} can make available. */
    void add(Batch b) {
        synchronized (batches) {
            batches.add(b);
        }
    }

    void release(int n) {
        synchronized (batches) {
            released = Math.min(batches.size(), released + n);
        }
    }

    int released() {
        return released;
    }

    @Override
    public String formatName() {
        return name;
    }

    @Override
    public Source createSource(SourceContext context) {
        return new Source() {
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
                long to = Math.min(released, from + perTrigger);
                return to == from ? start : new LongOffset(to);
            }

            @Override
            public void commit(Offset end) {
                synchronized (batches) { // let the garbage collector have what the engine is done with
                    for (int i = 0; i < ((LongOffset) end).value(); i++) {
                        batches.set(i, null);
                    }
                }
            }

            @Override
            public Batch getBatch(Offset start, Offset end) {
                int from = (int) ((LongOffset) start).value();
                int to = (int) ((LongOffset) end).value();
                synchronized (batches) {
                    return to - from == 1 ? batches.get(from) : Batch.concat(schema, batches.subList(from, to));
                }
            }

            @Override
            public boolean isReplayable() {
                return true;
            }

            @Override
            public Offset deserializeOffset(String json) {
                return LongOffset.parse(json);
            }

            @Override
            public String description() {
                return "BatchFeed[" + name + "]";
            }
        };
    }
}
