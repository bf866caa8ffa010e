package dev.eddy.streaming.api.spi;

import dev.eddy.streaming.api.data.Batch;
import java.util.List;

/**
 * The base of a source that reads a directory file by file ({@link FileListOffset}): the CSV/JSON file source and
 * the Parquet source. A subclass lists the files (in the order to take them) and reads some; the base plans the
 * batches Spark's way: up to {@code maxFilesPerTrigger} files not taken yet per batch (all for
 * {@link TriggerContext#allAvailable()}), and, for {@code Trigger.availableNow()}, only the files listed when the
 * run started ({@link #prepareForTriggerAvailableNow()}), still {@code maxFilesPerTrigger} at a time.
 */
public abstract class FileListSource implements SupportsTriggerAvailableNow {
    private final int maxFilesPerTrigger;
    /** The listing fixed by an available-now run, or null. */
    private List<String> availableNow;

    /** @param maxFilesPerTrigger the most files one batch takes; 0 or less: no limit */
    protected FileListSource(int maxFilesPerTrigger) {
        this.maxFilesPerTrigger = maxFilesPerTrigger;
    }

    /** The files there are now, relative to the directory, in the order to take them. */
    protected abstract List<String> listFiles();

    /** The rows of {@code files} (relative to the directory, in the order taken) as one batch. */
    protected abstract Batch readFiles(List<String> files);

    @Override
    public void prepareForTriggerAvailableNow() {
        availableNow = List.copyOf(listFiles());
    }

    @Override
    public Offset initialOffset() {
        return FileListOffset.EMPTY;
    }

    @Override
    public Offset latestOffset(Offset start, TriggerContext trigger) {
        List<String> listed = availableNow != null ? availableNow : listFiles();
        return ((FileListOffset) start).take(listed, trigger.allAvailable() ? 0 : maxFilesPerTrigger);
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
