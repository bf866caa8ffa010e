/** Built-in sinks: memory table, foreachBatch, console text. */
package dev.eddy.streaming.internal.sink;
