package dev.eddy.sql.bench;

import dev.eddy.sql.api.Sql;
import dev.eddy.streaming.api.DataStreamWriter;
import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Nexmark-style bid queries written in SQL, run by the engine on generated bids (one micro-batch per
 * trigger, test driver, manual clock), in rows per second. q5 and q7 are their first halves (counts
 * and maxima per window) because the engine has no join of two aggregates yet; q8 needs persons and
 * auctions and is not here.
 */
public final class SqlNexmarkBench {
  private static final Schema BIDS = Schema.of(Field.of("auction", DataType.LONG), Field.of("bidder", DataType.LONG),
      Field.of("price", DataType.LONG), Field.of("channel", DataType.STRING), Field.of("ts", DataType.TIMESTAMP));
  private static final String[][] QUERIES = {
      {"q0", "SELECT auction, bidder, price, ts FROM bid"},
      {"q1", "SELECT auction, bidder, price * 0.908 AS price, ts FROM bid"},
      {"q2", "SELECT auction, price FROM bid WHERE MOD(auction, 123) = 0"},
      {"q5_counts", "SELECT window_start, auction, COUNT(*) AS num FROM TABLE(HOP(TABLE bid, DESCRIPTOR(ts),"
          + " INTERVAL '2' SECOND, INTERVAL '10' SECOND)) GROUP BY window_start, window_end, auction"},
      {"q7_max", "SELECT window_start, MAX(price) AS maxprice FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(ts),"
          + " INTERVAL '10' SECOND)) GROUP BY window_start, window_end"},
  };

  private SqlNexmarkBench() {
  }

  public static void main(String[] args) {
    int rowsPerBatch = 200_000;
    int batches = 5;
    Batch[] input = new Batch[batches];
    SplittableRandom rnd = new SplittableRandom(42);
    for (int b = 0; b < batches; b++) {
      input[b] = bids(rowsPerBatch, b, rnd);
    }
    for (String[] q : QUERIES) {
      run(q[0], q[1], input, true); // warm-up of this query's code paths
      double rate = run(q[0], q[1], input, false);
      System.out.printf(Locale.ROOT, "sql.nexmark.%s.rows_per_s %.0f rows/s%n", q[0], rate);
    }
  }

  private static Batch bids(int n, int batch, SplittableRandom rnd) {
    BatchBuilder b = Batch.builder(BIDS);
    long base = 1_700_000_000_000_000L + batch * 10_000_000L;
    for (int i = 0; i < n; i++) {
      b.setLong(0, 1000 + rnd.nextInt(10_000)).setLong(1, rnd.nextInt(100_000)).setLong(2, 1 + rnd.nextInt(10_000))
          .setString(3, "channel-" + rnd.nextInt(4)).setTimestampMicros(4, base + i * 50L).endRow();
    }
    return b.build();
  }

  private static double run(String name, String sqlText, Batch[] input, boolean warmUp) {
    Eddy eddy = Eddy.builder().clock(new ManualClock(0)).noDataBatches(false).build();
    MemoryStream bid = eddy.memoryStream(BIDS);
    Sql sql = new Sql(eddy);
    sql.catalog().registerStream("bid", bid.toDF().withWatermark("ts", "1 second"));
    Dataset query = sql.stream(sqlText);
    DataStreamWriter w = query.writeStream().outputMode("append").foreachBatch((rows, batchId) -> { });
    long rows = 0;
    long nanos = 0;
    try (QueryTestDriver d = QueryTestDriver.start(w)) {
      for (Batch b : input) {
        bid.addBatch(b);
        long t = System.nanoTime();
        d.runTrigger();
        nanos += System.nanoTime() - t;
        rows += b.numRows();
      }
    }
    return rows / (nanos / 1e9);
  }
}
