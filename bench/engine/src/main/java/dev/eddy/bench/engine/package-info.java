/**
 * Engine benchmarks: a Nexmark-style event generator that builds columnar batches directly, engine queries run
 * through the public API, and Kafka Streams' TopologyTestDriver on the same input as the peer. Each figure is
 * printed as {@code <figure> <value> <unit>}.
 */
package dev.eddy.bench.engine;
