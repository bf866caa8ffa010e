/** Progress reports and status of streaming queries, serialized as JSON with Spark's field names. */
package dev.eddy.streaming.api.progress;
