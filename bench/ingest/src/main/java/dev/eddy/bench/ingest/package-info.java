/**
 * The ingest benchmark (bench/ingest/run.sh): one windowed count+sum query over the same 5 M JSON bids read from a
 * real Kafka broker, JSON-lines files, the embedded topic and pre-built columnar batches, each in fresh JVMs, next
 * to a bare KafkaConsumer loop and Spark 4.2 on the same broker and files.
 */
package dev.eddy.bench.ingest;
