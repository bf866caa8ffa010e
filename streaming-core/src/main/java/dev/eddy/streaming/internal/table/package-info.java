/** Conversions between engine batches and Tablesaw tables, the format at the engine's edges. */
package dev.eddy.streaming.internal.table;
