/**
 * Operator state: the engine's own hash structures (open addressing over column-wise primitive keys) and
 * the seam for versioned state snapshots that checkpoints will use.
 */
package dev.eddy.streaming.internal.state;
