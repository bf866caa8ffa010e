package dev.eddy.streaming.internal.exec;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.progress.QueryProgress;

/** What one executed micro-batch produced. */
public record BatchResult(long batchId, boolean hadData, long watermarkUsed, Batch output, QueryProgress progress) {}
