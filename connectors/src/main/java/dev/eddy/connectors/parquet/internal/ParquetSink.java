package dev.eddy.connectors.parquet.internal;

import dev.eddy.streaming.api.spi.BatchCommitLog;
import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.spi.Sink;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes each batch to {@code part-<batchId>-00000.<codec>.parquet} through a hidden temporary file and an atomic
 * move, then commits the batch id in {@code _eddy_log/}. A batch id already committed is skipped, so a batch
 * replayed after a restart writes nothing twice; a crash between the move and the commit leaves a file that the
 * replay overwrites with the same rows under the same name, and readers that follow the log never see it before.
 */
final class ParquetSink implements Sink {
    private final Path dir;
    private final CompressionCodecName codec;
    private final BatchCommitLog log;

    ParquetSink(Path dir, CompressionCodecName codec) {
        this.dir = dir;
        this.codec = codec;
        this.log = BatchCommitLog.forOutput(dir);
    }

    @Override
    public void addBatch(long batchId, Batch batch, OutputMode mode) {
        if (log.isCommitted(batchId)) {
            return;
        }
        if (batch.numRows() == 0) {
            log.commit(batchId, List.of()); // no empty files; the id is still done
            return;
        }
        String name = String.format("part-%05d-%05d%s.parquet", batchId, 0, BatchFiles.extension(codec));
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve("." + name + ".tmp");
            BatchFiles.write(batch, tmp, codec);
            Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write batch " + batchId + " to " + dir + ": " + e.getMessage(), e);
        }
        log.commit(batchId, List.of(name));
    }

    @Override
    public String description() {
        return "ParquetSink[" + dir + ", " + codec.name().toLowerCase(java.util.Locale.ROOT) + "]";
    }
}
