import dev.eddy.connectors.parquet.api.ParquetFiles;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.spi.Offset;
import dev.eddy.streaming.api.spi.Providers;
import dev.eddy.streaming.api.spi.Sink;
import dev.eddy.streaming.api.spi.SinkContext;
import dev.eddy.streaming.api.spi.Source;
import dev.eddy.streaming.api.spi.SourceContext;
import dev.eddy.streaming.api.spi.TriggerContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Writes the same Nexmark bids through the Parquet, CSV and JSON file sinks (10 batches, one file each, as a query
 * would) and reads them back through each format's stream source, and Parquet also through the batch reader.
 */
public final class FilesBench {
    private static final int BATCHES = 10;

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args.length > 0 ? args[0] : "1000000");
        Batch all = Bids.generate(n);
        Batch[] parts = split(all, BATCHES);
        Path root = Files.createTempDirectory("eddy-bench-io");
        try {
            for (String format : List.of("parquet", "csv", "json")) {
                Path dir = root.resolve(format);
                Map<String, String> opts = options(format, dir);
                double write = Figures.rowsPerSecond(1, 3, () -> {
                    delete(dir);
                    write(format, opts, parts);
                    return (long) n;
                });
                Figures.print("io." + format + "_write.rows_per_s", write, "rows/s");
                Figures.print("io." + format + ".bytes_per_row", (double) dataBytes(dir) / n, "bytes/row");
                double read = Figures.rowsPerSecond(1, 3, () -> readStream(format, opts, n));
                Figures.print("io." + format + "_source.rows_per_s", read, "rows/s");
            }
            Path pq = root.resolve("parquet");
            Figures.print(
                    "io.parquet_read_batch.rows_per_s",
                    Figures.rowsPerSecond(
                            1, 3, () -> (long) ParquetFiles.read(pq).numRows()),
                    "rows/s");
            Figures.print(
                    "io.parquet_read_one_column.rows_per_s",
                    Figures.rowsPerSecond(
                            1, 3, () -> (long) ParquetFiles.read(pq, "price").numRows()),
                    "rows/s");
            for (String codec : List.of("zstd", "none")) {
                Path dir = root.resolve("parquet-" + codec);
                Map<String, String> opts = options("parquet", dir);
                opts.put("compression", codec);
                double write = Figures.rowsPerSecond(0, 2, () -> {
                    delete(dir);
                    write("parquet", opts, parts);
                    return (long) n;
                });
                Figures.print("io.parquet_" + codec + "_write.rows_per_s", write, "rows/s");
                Figures.print("io.parquet_" + codec + ".bytes_per_row", (double) dataBytes(dir) / n, "bytes/row");
            }
        } finally {
            delete(root);
        }
    }

    private static Map<String, String> options(String format, Path dir) {
        Map<String, String> o = new HashMap<>();
        o.put("path", dir.toString());
        if (format.equals("csv")) {
            o.put("header", "true");
        }
        return o;
    }

    private static void write(String format, Map<String, String> opts, Batch[] parts) {
        Sink sink = Providers.sink(format)
                .createSink(new SinkContext(
                        opts,
                        Bids.SCHEMA,
                        OutputMode.APPEND,
                        List.of(),
                        Optional.empty(),
                        new ManualClock(0),
                        Optional.empty()));
        for (int b = 0; b < parts.length; b++) {
            sink.addBatch(b, parts[b], OutputMode.APPEND);
        }
        sink.stop();
    }

    /** Every row through the format's stream source, one trigger per file. */
    private static long readStream(String format, Map<String, String> opts, int expected) {
        Map<String, String> o = new HashMap<>(opts);
        o.put("maxFilesPerTrigger", "1");
        Source source = Providers.source(format)
                .createSource(new SourceContext(o, Optional.of(Bids.SCHEMA), new ManualClock(0), Optional.empty()));
        long rows = 0;
        Offset at = source.initialOffset();
        for (long b = 0; ; b++) {
            Offset next = source.latestOffset(at, new TriggerContext(b, 0, false));
            if (next.equals(at)) {
                break;
            }
            rows += source.getBatch(at, next).numRows();
            at = next;
        }
        source.stop();
        if (rows != expected) {
            throw new IllegalStateException(format + " source read " + rows + " rows, expected " + expected);
        }
        return rows;
    }

    private static Batch[] split(Batch all, int k) {
        Batch[] out = new Batch[k];
        int per = all.numRows() / k;
        for (int i = 0; i < k; i++) {
            int from = i * per;
            int to = i == k - 1 ? all.numRows() : from + per;
            int[] idx = new int[to - from];
            for (int j = 0; j < idx.length; j++) {
                idx[j] = from + j;
            }
            out[i] = all.gather(idx, idx.length);
        }
        return out;
    }

    private static long dataBytes(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !dir.relativize(p).toString().startsWith("_"))
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
