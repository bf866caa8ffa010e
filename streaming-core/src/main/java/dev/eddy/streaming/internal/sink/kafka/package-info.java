/**
 * Format {@code kafka} as a sink: rows to records (key/value columns, or the row as JSON), with an idempotent
 * producer and, for checkpointed queries, one Kafka transaction per batch that also records the batch id.
 */
package dev.eddy.streaming.internal.sink.kafka;
