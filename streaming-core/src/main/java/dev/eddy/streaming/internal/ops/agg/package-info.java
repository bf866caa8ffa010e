/** Aggregate functions as column-wise accumulators over dense group ids. */
package dev.eddy.streaming.internal.ops.agg;
