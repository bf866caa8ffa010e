/**
 * Eddy's data model: {@link dev.eddy.streaming.api.data.Schema}s of typed
 * {@link dev.eddy.streaming.api.data.Field}s and immutable columnar
 * {@link dev.eddy.streaming.api.data.Batch}es (primitive arrays, null bitmaps), plus the
 * {@link dev.eddy.streaming.api.data.Row} view user lambdas see. TIMESTAMP = epoch microseconds (UTC).
 */
package dev.eddy.streaming.api.data;
