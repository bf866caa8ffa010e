package dev.eddy.streaming.api.spi;

import dev.eddy.streaming.api.data.Batch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The base of a source that reads a directory file by file ({@link FileListOffset}): the CSV/JSON file source and
 * the Parquet source. A subclass lists the files (in the order to take them) and reads some; the base plans the
 * batches Spark's way ({@link FileStreamOptions}): up to {@code maxFilesPerTrigger} files, or files of at most
 * {@code maxBytesPerTrigger} bytes (at least one), not taken yet per batch, newest first with {@code latestFirst}
 * (everything for {@link TriggerContext#allAvailable()}), and, for {@code Trigger.availableNow()}, only the files
 * listed when the run started ({@link #prepareForTriggerAvailableNow()}), still within the limit per batch.
 */
public abstract class FileListSource implements SupportsTriggerAvailableNow {
    private final FileStreamOptions limits;
    /** The listing fixed by an available-now run, or null. */
    private List<String> availableNow;

    /** @param maxFilesPerTrigger the most files one batch takes; 0 or less: no limit */
    protected FileListSource(int maxFilesPerTrigger) {
        this(new FileStreamOptions(Math.max(0, maxFilesPerTrigger), 0, false));
    }

    /** @param limits the per-batch limits and order; a byte limit needs {@link #fileSize} */
    protected FileListSource(FileStreamOptions limits) {
        this.limits = limits;
    }

    /**
     * The size in bytes of a listed file (relative to the directory), for {@code maxBytesPerTrigger}; a source that
     * takes that option overrides this. A file gone since it was listed counts 0 (reading it reports it).
     */
    protected long fileSize(String file) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not take maxBytesPerTrigger");
    }

    /** The files there are now, relative to the directory, in the order to take them. */
    protected abstract List<String> listFiles();

    /** The rows of {@code files} (relative to the directory, in the order taken) as one batch. */
    protected abstract Batch readFiles(List<String> files);

    @Override
    public void prepareForTriggerAvailableNow() {
        availableNow = List.copyOf(ordered());
    }

    private List<String> ordered() {
        List<String> listed = listFiles();
        if (!limits.latestFirst()) {
            return listed;
        }
        List<String> newestFirst = new ArrayList<>(listed);
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Override
    public Offset initialOffset() {
        return FileListOffset.EMPTY;
    }

    @Override
    public Offset latestOffset(Offset start, TriggerContext trigger) {
        List<String> listed = availableNow != null ? availableNow : ordered();
        FileListOffset from = (FileListOffset) start;
        if (trigger.allAvailable()) {
            return from.take(listed, 0);
        }
        if (limits.maxBytes() > 0) {
            return from.takeBytes(listed, limits.maxBytes(), this::fileSize);
        }
        return from.take(listed, limits.maxFiles());
    }

    @Override
    public Batch getBatch(Offset start, Offset end) {
        return readFiles(((FileListOffset) end).since((FileListOffset) start));
    }

    @Override
    public boolean isReplayable() {
        return true;
    }

    @Override
    public Offset deserializeOffset(String json) {
        return FileListOffset.parse(json);
    }
}
