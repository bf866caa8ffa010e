/** Functional interfaces for user lambdas over {@link dev.eddy.streaming.api.data.Row} views. */
package dev.eddy.streaming.api.function;
