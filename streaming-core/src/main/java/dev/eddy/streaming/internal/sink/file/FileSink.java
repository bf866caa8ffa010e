package dev.eddy.streaming.internal.sink.file;

import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.spi.BatchCommitLog;
import dev.eddy.streaming.api.spi.Sink;
import dev.eddy.streaming.internal.format.CsvOptions;
import dev.eddy.streaming.internal.format.RowWriters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes each batch to {@code part-<batchId>-<partition>.<ext>} (the engine runs one partition per query, so
 * {@code -00000}) through a temporary file and an atomic rename, then commits the batch id in {@code _eddy_log/}.
 * A batch id already in the log is skipped: replays after a restart write nothing twice. A crash between the
 * rename and the commit leaves a file that the replay overwrites with the same rows (same name).
 * Readers should list files through the log (or ignore names starting with '.' or '_').
 */
final class FileSink implements Sink {

    private final Path dir;
    private final String format;
    private final CsvOptions csv;
    private final BatchCommitLog log;

    FileSink(Path dir, String format, CsvOptions csv) {
        this.dir = dir;
        this.format = format;
        this.csv = csv;
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
        String name = String.format("part-%05d-%05d.%s", batchId, 0, format);
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve("." + name + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                if (format.equals("json")) {
                    RowWriters.jsonLines(batch, w);
                } else {
                    if (csv.header()) {
                        RowWriters.csvRecord(RowWriters.csvHeader(batch.schema()), csv, w);
                    }
                    RowWriters.csvRows(batch, csv, w);
                }
            }
            Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write batch " + batchId + " to " + dir + ": " + e.getMessage(), e);
        }
        log.commit(batchId, List.of(name));
    }

    @Override
    public String description() {
        return "FileSink[" + dir + ", " + format + "]";
    }
}
