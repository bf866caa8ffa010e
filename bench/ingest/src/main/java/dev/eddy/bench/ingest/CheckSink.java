package dev.eddy.bench.ingest;

import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.api.data.StructColumn;
import dev.eddy.streaming.api.spi.Sink;
import dev.eddy.streaming.api.spi.SinkContext;
import dev.eddy.streaming.api.spi.SinkProvider;

/**
 * The discard sink, keeping only an order-independent checksum of the rows it is given (format {@code ingestcheck}):
 * rows, sum of counts, sum of totals and a sum of per-row hashes, the same formula SparkIngest computes on Spark's
 * output, so the two engines' answers are compared batch for batch.
 */
final class CheckSink implements SinkProvider {
    static long rows;
    static long counts;
    static long totals;
    static long hashes;

    static String checksum() {
        return rows + "/" + counts + "/" + totals + "/" + hashes;
    }

    /** The per-row hash of (window start, auction, count, total); Spark's side has the same expression. */
    static long hash(long windowStartMillis, long auction, long n, long total) {
        return Math.floorMod((windowStartMillis / 1000) * 1_000_003L + auction * 7919 + n * 31 + total, 1_000_000_007L);
    }

    @Override
    public String formatName() {
        return "ingestcheck";
    }

    @Override
    public Sink createSink(SinkContext context) {
        return new Sink() {
            @Override
            public void addBatch(long batchId, Batch b, OutputMode mode) {
                rows += b.numRows();
                int w = b.schema().indexOf("window");
                if (w < 0) {
                    return; // raw rows: counted only
                }
                LongColumn start = (LongColumn) ((StructColumn) b.column(w)).child("start");
                LongColumn auction = (LongColumn) b.column(b.schema().indexOf("auction"));
                LongColumn n = (LongColumn) b.column(b.schema().indexOf("n"));
                LongColumn total = (LongColumn) b.column(b.schema().indexOf("total"));
                for (int r = 0; r < b.numRows(); r++) {
                    counts += n.getLong(r);
                    totals += total.getLong(r);
                    hashes += hash(start.getLong(r) / 1000, auction.getLong(r), n.getLong(r), total.getLong(r));
                }
            }

            @Override
            public String description() {
                return "CheckSink";
            }
        };
    }
}
