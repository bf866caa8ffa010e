package dev.eddy.streaming.api.spi;

/**
 * What a source knows about the trigger that asks it for its latest offset.
 *
 * @param batchId      the id of the batch being planned
 * @param nowMillis    the engine clock's time at the start of the trigger (rate sources derive rows from it)
 * @param allAvailable true when this one batch should take everything available, ignoring the source's
 *                     per-trigger limits ({@code maxFilesPerTrigger}, {@code maxOffsetsPerTrigger}): Spark's
 *                     {@code ReadLimit.allAvailable()}, used by {@code Trigger.once()} and by an available-now
 *                     trigger over a source that does not implement {@link SupportsTriggerAvailableNow}
 */
public record TriggerContext(long batchId, long nowMillis, boolean allAvailable) {}
