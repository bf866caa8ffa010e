/**
 * The {@code file} sink (also {@code csv}, {@code json}): one file per batch and partition, then an entry in the
 * {@code _eddy_log/} commit log beside the output, so a batch id the log already holds is never written twice.
 */
package dev.eddy.streaming.internal.sink.file;
