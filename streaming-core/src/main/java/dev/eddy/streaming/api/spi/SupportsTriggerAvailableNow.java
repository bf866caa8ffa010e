package dev.eddy.streaming.api.spi;

/**
 * A source that can run {@code Trigger.availableNow()} in several batches, each within its usual per-trigger limit
 * ({@code maxFilesPerTrigger}, {@code maxOffsetsPerTrigger}, ...), as Spark's {@code SupportsTriggerAvailableNow}.
 *
 * <p>Call order: the engine calls {@link #prepareForTriggerAvailableNow()} once, on the query thread, before the
 * first {@link Source#latestOffset latestOffset} of an available-now run. The source fixes there what "available
 * now" is (the files listed, the partitions' end offsets); from then on {@code latestOffset} plans each batch with
 * its usual limit, never past that end, and returns its start once it got there, which ends the run.
 *
 * <p>A query whose sources do not all implement this runs an available-now trigger as Spark does: as
 * {@code Trigger.once()}, one batch with everything available and no per-trigger limit.
 */
public interface SupportsTriggerAvailableNow extends Source {

    /** Fixes the end of this available-now run at what is available now. Called once, before the first batch. */
    void prepareForTriggerAvailableNow();
}
