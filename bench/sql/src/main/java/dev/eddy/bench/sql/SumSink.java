package dev.eddy.bench.sql;

import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.spi.Sink;
import dev.eddy.streaming.api.spi.SinkContext;
import dev.eddy.streaming.api.spi.SinkProvider;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sink both sides write to (format {@code benchsum}): it counts rows, and when {@link #checksum} is on also adds
 * an order-independent checksum of the row values (by position, so column names do not matter). Timed runs keep
 * the checksum off, so a figure measures the query and not the output.
 */
final class SumSink implements SinkProvider {
  static final AtomicLong ROWS = new AtomicLong();
  static final AtomicLong SUM = new AtomicLong();
  static volatile boolean checksum;

  static void reset() {
    ROWS.set(0);
    SUM.set(0);
  }

  @Override
  public String formatName() {
    return "benchsum";
  }

  @Override
  public Sink createSink(SinkContext context) {
    return new Sink() {
      @Override
      public void addBatch(long batchId, Batch batch, OutputMode mode) {
        ROWS.addAndGet(batch.numRows());
        if (checksum) {
          long s = 0;
          for (Row r : batch) {
            long h = 17;
            for (int i = 0; i < batch.numColumns(); i++) {
              h = h * 31 + Objects.hashCode(r.get(i));
            }
            s += h * 0x9E3779B97F4A7C15L;
          }
          SUM.addAndGet(s);
        }
      }

      @Override
      public String description() {
        return "SumSink";
      }
    };
  }
}
