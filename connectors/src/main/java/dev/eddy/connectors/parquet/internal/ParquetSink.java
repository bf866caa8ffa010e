package dev.eddy.connectors.parquet.internal;

import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.BatchCommitLog;
import dev.eddy.streaming.api.spi.Sink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Writes each batch as {@code part-<batchId>-<n>.<codec>.parquet} files: one file when the sink is not partitioned,
 * else one per Hive-style partition directory ({@code date=2024-05-01/}, partition columns left out of the files as
 * Spark does), and a new file whenever {@code maxRecordsPerFile} rows are reached. Every file goes through a
 * hidden temporary file and an atomic move; then the batch id and its files are committed in {@code _eddy_log/}.
 * A batch id already committed is skipped, so a batch replayed after a restart writes nothing twice; a crash
 * before the commit leaves files that the replay overwrites with the same rows under the same names (the split is
 * deterministic), and readers that follow the log never see them before the commit.
 */
final class ParquetSink implements Sink {
    private final Path dir;
    private final CompressionCodecName codec;
    private final BatchCommitLog log;
    private final List<String> partitionBy;
    private final long maxRecordsPerFile;

    ParquetSink(Path dir, CompressionCodecName codec, List<String> partitionBy, long maxRecordsPerFile) {
        this.dir = dir;
        this.codec = codec;
        this.log = BatchCommitLog.forOutput(dir);
        this.partitionBy = List.copyOf(partitionBy);
        this.maxRecordsPerFile = maxRecordsPerFile;
    }

    /** Checks the partition columns against the query's schema, so a bad name fails at start. */
    static void checkPartitionColumns(Schema schema, List<String> partitionBy) {
        for (String c : partitionBy) {
            int i = schema.indexOf(c);
            if (i < 0) {
                throw new IllegalArgumentException(
                        "partition column '" + c + "' is not in the query's columns " + schema.names());
            }
            if (!schema.field(i).type().isPrimitive() && schema.field(i).type() != DataType.STRING) {
                throw new IllegalArgumentException("partition column '" + c + "' is a "
                        + schema.field(i).type().sqlName() + "; partition by a column of a simple type");
            }
        }
        if (!partitionBy.isEmpty() && partitionBy.size() == schema.size()) {
            throw new IllegalArgumentException("cannot use all columns " + schema.names()
                    + " as partition columns: the files would have no columns");
        }
        if (partitionBy.stream().distinct().count() != partitionBy.size()) {
            throw new IllegalArgumentException("partitionBy names a column twice: " + partitionBy);
        }
    }

    @Override
    public void addBatch(long batchId, Batch batch, OutputMode mode) {
        if (log.isCommitted(batchId)) {
            return;
        }
        List<String> written = new ArrayList<>();
        try {
            int seq = 0;
            for (Map.Entry<String, Batch> part : partitions(batch).entrySet()) {
                Batch rows = part.getValue();
                int per = maxRecordsPerFile > 0 ? (int) Math.min(maxRecordsPerFile, Integer.MAX_VALUE) : rows.numRows();
                for (int from = 0; from < rows.numRows(); from += per) {
                    int n = Math.min(per, rows.numRows() - from);
                    Batch chunk = n == rows.numRows() ? rows : slice(rows, from, n);
                    String name = part.getKey()
                            + String.format("part-%05d-%05d%s.parquet", batchId, seq++, BatchFiles.extension(codec));
                    write(chunk, name);
                    written.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write batch " + batchId + " to " + dir + ": " + e.getMessage(), e);
        }
        log.commit(batchId, written); // an empty batch writes no file; its id is still done
    }

    private void write(Batch rows, String name) throws IOException {
        Path target = dir.resolve(name);
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        BatchFiles.write(rows, tmp, codec);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The batch's rows per partition directory ({@code "a=1/b=x/"}, or {@code ""} when not partitioned), in the
     * order each partition first appears, without the partition columns.
     */
    private Map<String, Batch> partitions(Batch batch) {
        Map<String, Batch> out = new LinkedHashMap<>();
        if (batch.numRows() == 0) {
            return out;
        }
        if (partitionBy.isEmpty()) {
            out.put("", batch);
            return out;
        }
        Column[] keys = partitionBy.stream().map(batch::column).toArray(Column[]::new);
        Map<String, int[]> rows = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < batch.numRows(); r++) {
            sb.setLength(0);
            for (int k = 0; k < keys.length; k++) {
                sb.append(PartitionPaths.element(partitionBy.get(k), keys[k], r))
                        .append('/');
            }
            String key = sb.toString();
            int[] list = rows.computeIfAbsent(key, x -> new int[8]);
            int c = counts.getOrDefault(key, 0);
            if (c == list.length) {
                list = Arrays.copyOf(list, c * 2);
                rows.put(key, list);
            }
            list[c] = r;
            counts.put(key, c + 1);
        }
        Batch data = withoutPartitionColumns(batch);
        rows.forEach((key, list) -> out.put(key, data.gather(list, counts.get(key))));
        return out;
    }

    private Batch withoutPartitionColumns(Batch batch) {
        List<Field> fields = new ArrayList<>();
        List<Column> cols = new ArrayList<>();
        for (int i = 0; i < batch.numColumns(); i++) {
            Field f = batch.schema().field(i);
            if (!partitionBy.contains(f.name())) {
                fields.add(f);
                cols.add(batch.column(i));
            }
        }
        return Batch.of(Schema.of(fields), cols.toArray(Column[]::new));
    }

    private static Batch slice(Batch rows, int from, int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = from + i;
        }
        return rows.gather(idx, n);
    }

    @Override
    public String description() {
        return "ParquetSink[" + dir + ", " + codec.name().toLowerCase(Locale.ROOT)
                + (partitionBy.isEmpty() ? "" : ", partitionBy " + partitionBy) + "]";
    }
}
