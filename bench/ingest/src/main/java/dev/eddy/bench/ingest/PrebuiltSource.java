package dev.eddy.bench.ingest;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.spi.CounterSource;
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
                b.setLong(0, Bids.auction(r))
                        .setLong(1, Bids.price(r))
                        .setTimestampMicros(2, Bids.tsMillis(r) * 1000)
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
        return new CounterSource(Bids.SCHEMA) {
            @Override
            protected long available(TriggerContext trigger) {
                return batches.length;
            }

            @Override
            protected long maxPerTrigger() {
                return 1; // one pre-built batch per trigger
            }

            @Override
            protected Batch read(long from, long to) {
                return batches[(int) from];
            }

            @Override
            public String description() {
                return "Prebuilt";
            }
        };
    }
}
