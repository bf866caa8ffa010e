/**
 * Operator state: one {@link dev.eddy.streaming.internal.state.StateStore} per stateful operator (Spark's
 * StateStore idea) holding the table, version, late rows and metrics, writing each batch's changes to the
 * checkpoint's {@link dev.eddy.streaming.api.checkpoint.StateStorage} and restoring from it. Kinds:
 * {@link dev.eddy.streaming.internal.state.GroupStore} over the engine's own hash table
 * ({@link dev.eddy.streaming.internal.state.GroupTable}: open addressing over column-wise primitive keys),
 * {@link dev.eddy.streaming.internal.state.KeyedStore} of values by key and
 * {@link dev.eddy.streaming.internal.state.ListStore} of several rows per key.
 */
package dev.eddy.streaming.internal.state;
