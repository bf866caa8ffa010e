/**
 * Format {@code kafka} as a sink: rows to records (topic, key, value, partition and headers columns, or the row as
 * JSON), with an idempotent producer and, for checkpointed queries, one Kafka transaction per batch that also
 * records the batch id; a batch whose write loses the broker is retried, after a backoff, by a new producer.
 */
package dev.eddy.streaming.internal.sink.kafka;
