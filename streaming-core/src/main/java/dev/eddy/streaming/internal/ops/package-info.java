/**
 * Physical operators with a single-threaded contract (see {@link dev.eddy.streaming.internal.ops.Operator}):
 * scan, project, filter, generate, map, watermark, aggregate, deduplicate and joins.
 */
package dev.eddy.streaming.internal.ops;
