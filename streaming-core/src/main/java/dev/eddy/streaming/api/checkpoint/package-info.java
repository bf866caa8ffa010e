/**
 * The checkpoint seam: offset log, commit log and state hooks the engine calls per batch (a {@link
 * dev.eddy.streaming.api.checkpoint.StateDelta} of what the batch changed, or the whole state), and a read-only
 * view of a checkpoint directory ({@link dev.eddy.streaming.api.checkpoint.CheckpointInfo}).
 */
package dev.eddy.streaming.api.checkpoint;
