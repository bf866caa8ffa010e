package dev.eddy.streaming.internal.exec;

import java.util.UUID;

/** A query's stable id, this run's id and its optional name. */
public record QueryIdentity(UUID id, UUID runId, String name) {}
