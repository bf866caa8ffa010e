/**
 * Physical operators with a single-threaded contract (see {@link dev.eddy.streaming.internal.ops.Operator}): the
 * executor calls {@code process} on each, children first. Scan, project, filter, generate, map, watermark,
 * aggregate, deduplicate and joins; the stateful ones keep their state in a state store
 * ({@code dev.eddy.streaming.internal.state}) and only compute.
 */
package dev.eddy.streaming.internal.ops;
