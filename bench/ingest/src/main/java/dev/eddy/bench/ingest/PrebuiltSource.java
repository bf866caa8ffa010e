package dev.eddy.bench.ingest;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.LongOffset;
import dev.eddy.streaming.api.spi.Offset;
import dev.eddy.streaming.api.spi.Source;
import dev.eddy.streaming.api.spi.SourceContext;
import dev.eddy.streaming.api.spi.SourceProvider;
import dev.eddy.streaming.api.spi.TriggerContext;

/** The same bids as columnar batches built before the clock starts (format {@code prebuilt}): the engine alone. */
final class PrebuiltSource implements SourceProvider {
    private final Batch[] batches;

    PrebuiltSource(long records, int perBatch) {
        int n = (int) ((records + perBatch - 1) / perBatch);
        batches = new Batch[n];
        for (int i = 0; i < n; i++) {
            BatchBuilder b = Batch.builder(Bids.SCHEMA);
            for (long r = (long) i * perBatch; r < Math.min(records, (long) (i + 1) * perBatch); r++) {
                b.setLong(0, Bids.auction(r)).setLong(1, Bids.price(r)).setTimestampMicros(2, Bids.tsMillis(r) * 1000)
                        .endRow();
            }
            batches[i] = b.build();
        }
    }

    @Override
    public String formatName() {
        return "prebuilt";
    }

    @Override
    public Source createSource(SourceContext context) {
        return new Source() {
            @Override
            public Schema schema() {
                return Bids.SCHEMA;
            }

            @Override
            public Offset initialOffset() {
                return LongOffset.ZERO;
            }

            @Override
            public Offset latestOffset(Offset start, TriggerContext trigger) {
                long from = ((LongOffset) start).value();
                return from >= batches.length ? start : new LongOffset(from + 1);
            }

            @Override
            public Batch getBatch(Offset start, Offset end) {
                return batches[(int) ((LongOffset) start).value()];
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
                return "Prebuilt";
            }
        };
    }
}
