/**
 * Format {@code kafka}: reads Kafka topics with kafka-clients, the "direct approach" (partitions assigned and
 * sought; offsets kept only in the query's checkpoint, never committed to a consumer group).
 */
package dev.eddy.streaming.internal.source.kafka;
