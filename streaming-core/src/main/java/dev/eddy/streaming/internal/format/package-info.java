/**
 * Text formats at the engine's edges: CSV (Spark's tokenizer in {@code CsvTokenizer}, typed values in {@code
 * CsvParser}, options in {@code CsvOptions}) and JSON lines (Jackson's streaming parser, no object mapping per row),
 * parsed into typed slots of a reusable {@link dev.eddy.streaming.internal.format.ParsedRow}; schema inference from a
 * sample (CSV's as Spark's, {@code CsvTypeInference}). A row that does not parse is reported, never thrown: callers keep its text in
 * the {@code _corrupt_record} column and count it.
 */
package dev.eddy.streaming.internal.format;
