package dev.eddy.streaming.api.progress;

/** The sink's figures for a batch. */
public record SinkProgress(String description, long numOutputRows) {}
