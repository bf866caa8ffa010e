/**
 * The {@code file} source (also {@code csv}, {@code json}, {@code text}): a directory of CSV or JSON-lines files,
 * new files picked up in order of modification time and name. The offset is the list of files seen, so any batch
 * can be read again. Rows that do not parse are kept in {@code _corrupt_record} and counted.
 */
package dev.eddy.streaming.internal.source.file;
