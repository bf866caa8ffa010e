/**
 * Format {@code kafka}: reads Kafka topics with kafka-clients, the "direct approach" (partitions assigned and
 * sought; offsets kept only in the query's checkpoint, never committed to a consumer group). Partitions are
 * discovered every trigger; a lost broker is waited for with backoff, also in the middle of a batch; an inferred
 * value schema is stored in the checkpoint so restarts decode the same way.
 */
package dev.eddy.streaming.internal.source.kafka;
