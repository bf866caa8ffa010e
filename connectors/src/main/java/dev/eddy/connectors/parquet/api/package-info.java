/**
 * Parquet for users: {@link dev.eddy.connectors.parquet.api.ParquetFiles} reads a file or a directory of files
 * (projection pushdown by column list) into a Batch or a Tablesaw table. The streaming sink is reached through
 * {@code writeStream().format("parquet")}; it is registered by ServiceLoader.
 */
package dev.eddy.connectors.parquet.api;
