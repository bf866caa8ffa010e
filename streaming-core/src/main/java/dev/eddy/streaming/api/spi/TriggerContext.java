package dev.eddy.streaming.api.spi;

/**
 * What a source knows about the trigger that asks it for its latest offset.
 *
 * @param batchId     the id of the batch being planned
 * @param nowMillis   the engine clock's time at the start of the trigger (rate sources derive rows from it)
 * @param availableNow true when the query runs with the available-now / once trigger: the source should
 *                    report everything that is available now, in one or more batches
 */
public record TriggerContext(long batchId, long nowMillis, boolean availableNow) {
}
