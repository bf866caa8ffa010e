/** Deterministic testing of streaming queries: {@link dev.eddy.streaming.testing.QueryTestDriver}. */
package dev.eddy.streaming.testing;
