/**
 * File checkpoints in Spark's layout ({@code metadata}, {@code offsets/N}, {@code commits/N},
 * {@code state/<op>/<partition>/<version>.delta|.snapshot}, {@code sources/}): checksummed, versioned, written atomically.
 */
package dev.eddy.streaming.internal.checkpoint;
