package dev.eddy.streaming.api.progress;

/** What a query is doing right now (Spark's StreamingQueryStatus). */
public record QueryStatus(String message, boolean isDataAvailable, boolean isTriggerActive) {}
