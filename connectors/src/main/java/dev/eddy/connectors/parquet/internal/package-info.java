/**
 * Parquet implementation, on parquet-hadoop's local-file input/output with no Hadoop classes at runtime: the
 * schema mapping, a WriteSupport over columnar batches, a row ReadSupport, a codec factory over snappy-java and
 * zstd-jni, and the exactly-once sink with its commit log.
 */
package dev.eddy.connectors.parquet.internal;
