/**
 * The in-memory partitioned log behind embedded topics. One writer lock per partition; readers never lock and
 * see an immutable prefix published through a volatile end offset. Records live in segments of arrays.
 */
package dev.eddy.streaming.internal.log;
