import dev.eddy.connectors.jdbc.LocalPostgres;
import dev.eddy.streaming.api.Clock;
import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.Providers;
import dev.eddy.streaming.api.spi.Sink;
import dev.eddy.streaming.api.spi.SinkContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * JDBC sink throughput on a local PostgreSQL (a throw-away cluster, as in the tests): Nexmark-like bids written by the
 * sink in append mode (COPY inside the batch's transaction, with the progress row) beside PostgreSQL's own COPY of
 * the same rows already encoded (the floor), and upserts in update mode. Each figure is the best of three runs
 * into a fresh table. Prints "<figure> <value> <unit>".
 */
public final class JdbcBench {
    static final Schema BIDS = Schema.of(
            Field.of("auction", DataType.LONG),
            Field.of("bidder", DataType.LONG),
            Field.of("price", DataType.DOUBLE),
            Field.of("channel", DataType.STRING),
            Field.of("url", DataType.STRING),
            Field.of("ts", DataType.TIMESTAMP));

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("rows", 400_000);
        int batchRows = Integer.getInteger("batchRows", 100_000);
        LocalPostgres pg = LocalPostgres.shared();
        Batch[] batches = new Batch[rows / batchRows];
        for (int i = 0; i < batches.length; i++) {
            batches[i] = bids(batchRows, i, batchRows);
        }
        byte[][] encoded = new byte[batches.length][];
        for (int i = 0; i < batches.length; i++) {
            encoded[i] = copyText(batches[i]);
        }
        double copy = 0;
        double append = 0;
        double upsert = 0;
        for (int run = 0; run < 3; run++) {
            copy = Math.max(copy, rows / copy(pg, encoded, "copy_" + run));
            append = Math.max(append, rows / sink(pg, batches, "append_" + run, OutputMode.APPEND));
            upsert = Math.max(upsert, rows / sink(pg, upserts(batches), "upsert_" + run, OutputMode.UPDATE));
        }
        System.out.printf("jdbc.postgres_copy.rows_per_s %.0f rows/s%n", copy);
        System.out.printf("jdbc.sink_append.rows_per_s %.0f rows/s%n", append);
        System.out.printf("jdbc.sink_append.vs_copy %.2f x%n", copy / append);
        System.out.printf("jdbc.sink_upsert.rows_per_s %.0f rows/s%n", upsert);
        pg.stop();
    }

    /** Seconds for the JDBC sink to write every batch (each in its own transaction with its progress row). */
    static double sink(LocalPostgres pg, Batch[] batches, String table, OutputMode mode) throws Exception {
        List<String> keys = mode == OutputMode.UPDATE ? List.of("auction") : List.of();
        Map<String, String> options =
                Map.of("url", pg.url(), "dbtable", table, "user", pg.user(), "password", pg.password());
        Sink sink = Providers.sink("jdbc")
                .createSink(new SinkContext(
                        options,
                        BIDS,
                        mode,
                        keys,
                        Optional.empty(),
                        Clock.system(),
                        Optional.empty(),
                        Optional.of(UUID.randomUUID().toString())));
        long t0 = System.nanoTime();
        for (int i = 0; i < batches.length; i++) {
            sink.addBatch(i, batches[i], mode);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        sink.stop();
        return s;
    }

    /** Seconds for PostgreSQL's COPY FROM STDIN of the rows, encoded beforehand, one transaction per batch. */
    static double copy(LocalPostgres pg, byte[][] encoded, String table) throws Exception {
        try (Connection c = pg.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + table + " (auction BIGINT, bidder BIGINT, price DOUBLE PRECISION,"
                        + " channel TEXT, url TEXT, ts TIMESTAMPTZ)");
            }
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            for (byte[] b : encoded) {
                c.unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyIn("COPY " + table + " FROM STDIN", new ByteArrayInputStream(b));
                c.commit();
            }
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    /** The batches again with half of each batch's auctions already written by the batch before (updates). */
    static Batch[] upserts(Batch[] batches) {
        Batch[] out = new Batch[batches.length];
        for (int i = 0; i < batches.length; i++) {
            int n = batches[i].numRows();
            out[i] = bids(n, i, n / 2);
        }
        return out;
    }

    /** n bids; auction ids start at batch * step, so consecutive batches overlap when step < n. */
    static Batch bids(int n, int batch, int step) {
        Random rnd = new Random(batch);
        String[] channels = {"Google", "Facebook", "Baidu", "Apple"};
        BatchBuilder b = Batch.builder(BIDS, n);
        long base = Instant.parse("2024-05-01T12:00:00Z").toEpochMilli() * 1000L;
        for (int i = 0; i < n; i++) {
            long auction = (long) batch * step + i;
            b.setLong(0, auction)
                    .setLong(1, rnd.nextInt(100_000))
                    .setDouble(2, rnd.nextInt(1_000_000) / 100.0)
                    .setString(3, channels[rnd.nextInt(4)])
                    .setString(4, "https://www.nexmark.com/item/" + auction + "?ref=" + rnd.nextInt(1000))
                    .setTimestampMicros(5, base + auction * 1000L)
                    .endRow();
        }
        return b.build();
    }

    static byte[] copyText(Batch b) {
        StringBuilder sb = new StringBuilder(b.numRows() * 96);
        DateTimeFormatter f =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSx").withZone(ZoneOffset.UTC);
        for (int r = 0; r < b.numRows(); r++) {
            var row = b.row(r);
            sb.append(row.get(0))
                    .append('\t')
                    .append(row.get(1))
                    .append('\t')
                    .append(row.get(2))
                    .append('\t')
                    .append(row.get(3))
                    .append('\t')
                    .append(row.get(4))
                    .append('\t')
                    .append(f.format(Instant.EPOCH.plusNanos((Long) row.get(5) * 1000L)))
                    .append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
