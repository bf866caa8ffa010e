package dev.eddy.magics.internal.live;

import dev.eddy.streaming.api.ErrorRowsReport;
import dev.eddy.streaming.api.LateRowsReport;
import dev.eddy.streaming.api.QueryState;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.StreamingQueryException;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.progress.QueryProgress;
import dev.eddy.streaming.api.progress.QueryStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A query whose state a test sets; the views under test only read it. */
final class StubQuery implements StreamingQuery {
    private final UUID id = UUID.randomUUID();
    private final String name;
    volatile QueryState state = QueryState.ACTIVE;
    volatile StreamingQueryException failure;

    StubQuery(String name) {
        this.name = name;
    }

    @Override
    public UUID id() {
        return id;
    }

    @Override
    public UUID runId() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public QueryState state() {
        return state;
    }

    @Override
    public QueryStatus status() {
        return new QueryStatus("Waiting for data", false, false);
    }

    @Override
    public boolean isActive() {
        return !state.isTerminal();
    }

    volatile QueryProgress progress;

    @Override
    public QueryProgress lastProgress() {
        return progress;
    }

    /** A batch ended: a new last progress (no listener is told; tests drive the views by hand). */
    void batchEnded(long batchId) {
        progress = new QueryProgress(
                id.toString(),
                id.toString(),
                name,
                "",
                batchId,
                1,
                0,
                0,
                Map.of(),
                Map.of(),
                List.of(),
                List.of(),
                null);
    }

    @Override
    public List<QueryProgress> recentProgress() {
        return List.of();
    }

    @Override
    public void awaitTermination() {}

    @Override
    public boolean awaitTermination(long timeoutMillis) {
        return state.isTerminal();
    }

    @Override
    public void processAllAvailable() {}

    @Override
    public void stop() {
        state = QueryState.TERMINATED;
    }

    @Override
    public Optional<StreamingQueryException> exception() {
        return Optional.ofNullable(failure);
    }

    @Override
    public String explain() {
        return "stub";
    }

    @Override
    public Optional<Instant> watermark() {
        return Optional.empty();
    }

    @Override
    public LateRowsReport lateRows() {
        return new LateRowsReport(0, List.of());
    }

    @Override
    public ErrorRowsReport errorRows() {
        return new ErrorRowsReport(0, List.of());
    }

    @Override
    public Batch stateRows(int statefulOperatorIndex) {
        throw new IllegalArgumentException("no state");
    }
}
