/**
 * Format {@code kafka}: reads Kafka topics with kafka-clients, the "direct approach" (partitions assigned and
 * sought; offsets kept only in the query's checkpoint, never committed to a consumer group). Partitions are
 * discovered every trigger; a lost broker is waited for with backoff, also in the middle of a batch; an inferred
 * value schema is stored in the checkpoint so restarts decode the same way. The fetch threads read through a
 * {@code KafkaLink}: the source's own Fetch requests whose record batches are decoded where they lie in the response
 * (option {@code fetch = raw}, the default: {@code KafkaRawLink} with {@code KafkaRawNetwork}, {@code KafkaRawRequests},
 * {@code KafkaRawResponses}, {@code KafkaRawBatchScan}, {@code KafkaAbortedTransactions} and {@code KafkaRawRecords},
 * the only classes that use kafka-clients internals), or the {@code KafkaConsumer} ({@code fetch = consumer}). A batch
 * is read by {@code KafkaBatchReader}: its partitions spread over parallel fetchers ({@code KafkaFetchGroups}), each a
 * {@code KafkaFetcher} on a fetch thread, one {@code KafkaDecodeThread} decoding their polls into
 * {@code KafkaDecodedRows}, from which the batch takes its rows.
 */
package dev.eddy.streaming.internal.source.kafka;
