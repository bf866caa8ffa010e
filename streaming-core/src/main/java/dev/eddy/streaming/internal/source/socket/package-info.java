/**
 * The {@code socket} source: UTF-8 text lines from a TCP server (e.g. {@code ncat -lk 9999}). Lines are buffered
 * only until committed, so the source is NOT replayable; it says so in {@code isReplayable()} and its description.
 */
package dev.eddy.streaming.internal.source.socket;
