/** The {@code topic} sink: rows as JSON values on an embedded topic, the key from a column. */
package dev.eddy.streaming.internal.sink.topic;
