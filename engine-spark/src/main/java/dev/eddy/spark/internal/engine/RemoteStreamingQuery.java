package dev.eddy.spark.internal.engine;

import dev.eddy.spark.api.RemoteQuery;
import dev.eddy.sql.api.engine.RemoteQueryHandle;
import dev.eddy.streaming.api.ErrorRowsReport;
import dev.eddy.streaming.api.LateRowsReport;
import dev.eddy.streaming.api.QueryState;
import dev.eddy.streaming.api.StreamingQueryException;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.progress.QueryProgress;
import dev.eddy.streaming.api.progress.QueryStatus;
import dev.eddy.streaming.api.progress.SinkProgress;
import dev.eddy.streaming.api.progress.SourceProgress;
import dev.eddy.streaming.api.progress.StateOperatorProgress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.StreamingQueryStatus;

/**
 * A query on Spark behind Eddy's {@link StreamingQuery} handle, so live views, status lines and {@code %stream}
 * treat it like a local one. Progress is Spark's own (same field names as Eddy's); late rows are Spark's
 * {@code numRowsDroppedByWatermark} (Spark keeps no sample of them); state rows stay on the cluster.
 */
final class RemoteStreamingQuery implements RemoteQueryHandle {
    private final RemoteQuery remote;
    private volatile long lastBatch = -1;

    RemoteStreamingQuery(RemoteQuery remote) {
        this.remote = remote;
    }

    RemoteQuery remote() {
        return remote;
    }

    @Override
    public UUID id() {
        return UUID.fromString(remote.id());
    }

    @Override
    public UUID runId() {
        return UUID.fromString(remote.runId());
    }

    @Override
    public String name() {
        return remote.name();
    }

    @Override
    public String engineLabel() {
        return remote.label();
    }

    /** From what the client knows (events and the connection's periodic check), without asking the server. */
    @Override
    public QueryState state() {
        if (!remote.ended()) {
            return QueryState.ACTIVE;
        }
        return remote.error() != null ? QueryState.FAILED : QueryState.TERMINATED;
    }

    @Override
    public QueryStatus status() {
        if (remote.error() != null) {
            return new QueryStatus(remote.error(), false, false);
        }
        try {
            StreamingQueryStatus s = remote.sparkQuery().status();
            return new QueryStatus(s.message(), s.isDataAvailable(), s.isTriggerActive());
        } catch (Exception e) { // including Spark's undeclared checked exceptions
            return new QueryStatus(
                    String.valueOf(e.getMessage()).lines().findFirst().orElse(""), false, false);
        }
    }

    @Override
    public boolean isActive() {
        return !remote.ended() && remote.isActive();
    }

    @Override
    public QueryProgress lastProgress() {
        StreamingQueryProgress p = sparkProgress();
        if (p == null) {
            return null;
        }
        lastBatch = p.batchId();
        return convert(p);
    }

    private StreamingQueryProgress sparkProgress() {
        if (remote.error() != null && remote.error().startsWith("Lost")) {
            return null;
        }
        try {
            return remote.sparkQuery().lastProgress();
        } catch (Exception e) { // including Spark's undeclared checked exceptions
            return null; // the error is what error()/exception() report
        }
    }

    @Override
    public List<QueryProgress> recentProgress() {
        List<QueryProgress> out = new ArrayList<>();
        try {
            for (StreamingQueryProgress p : remote.sparkQuery().recentProgress()) {
                out.add(convert(p));
            }
        } catch (Exception e) { // including Spark's undeclared checked exceptions
            // a lost server has no history to give; exception() says why
        }
        return out;
    }

    static QueryProgress convert(StreamingQueryProgress p) {
        List<StateOperatorProgress> ops = new ArrayList<>();
        for (org.apache.spark.sql.streaming.StateOperatorProgress s : p.stateOperators()) {
            ops.add(new StateOperatorProgress(
                    s.operatorName(),
                    s.numRowsTotal(),
                    s.numRowsUpdated(),
                    s.numRowsRemoved(),
                    s.numRowsDroppedByWatermark(),
                    s.memoryUsedBytes()));
        }
        List<SourceProgress> sources = new ArrayList<>();
        for (org.apache.spark.sql.streaming.SourceProgress s : p.sources()) {
            sources.add(new SourceProgress(
                    s.description(),
                    s.startOffset(),
                    s.endOffset(),
                    s.latestOffset(),
                    s.numInputRows(),
                    finite(s.inputRowsPerSecond()),
                    finite(s.processedRowsPerSecond()),
                    s.metrics() == null ? Map.of() : new HashMap<>(s.metrics())));
        }
        Map<String, Long> durations = new HashMap<>();
        p.durationMs().forEach((k, v) -> durations.put(k, v));
        Map<String, String> eventTime = new HashMap<>(p.eventTime());
        return new QueryProgress(
                p.id().toString(),
                p.runId().toString(),
                p.name(),
                p.timestamp(),
                p.batchId(),
                p.numInputRows(),
                finite(p.inputRowsPerSecond()),
                finite(p.processedRowsPerSecond()),
                durations,
                eventTime,
                ops,
                sources,
                new SinkProgress(p.sink().description(), p.sink().numOutputRows()));
    }

    private static double finite(double d) {
        return Double.isNaN(d) || Double.isInfinite(d) ? 0 : d;
    }

    @Override
    public void awaitTermination() throws InterruptedException {
        while (!remote.awaitTermination(1000)) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    @Override
    public boolean awaitTermination(long timeoutMillis) {
        return remote.awaitTermination(timeoutMillis);
    }

    @Override
    public void processAllAvailable() {
        remote.processAllAvailable();
    }

    @Override
    public void stop() {
        remote.stop();
    }

    @Override
    public Optional<StreamingQueryException> exception() {
        String e = remote.error();
        if (e == null) {
            return Optional.empty();
        }
        if (!e.startsWith("Lost")) {
            lastProgress();
        }
        // a lost server tells nothing more: the last batch this client saw
        return Optional.of(new StreamingQueryException(e + " (" + remote.label() + ")", null, lastBatch));
    }

    @Override
    public String explain() {
        return "== Spark's plan (" + remote.label() + ") ==\n" + remote.explain();
    }

    @Override
    public Optional<Instant> watermark() {
        QueryProgress p = lastProgress();
        String wm = p == null ? null : p.eventTime().get("watermark");
        return wm == null ? Optional.empty() : Optional.of(Instant.parse(wm));
    }

    @Override
    public LateRowsReport lateRows() {
        long total = 0;
        for (QueryProgress p : recentProgress()) {
            for (StateOperatorProgress s : p.stateOperators()) {
                total += s.numRowsDroppedByWatermark();
            }
        }
        return new LateRowsReport(total, List.of());
    }

    @Override
    public ErrorRowsReport errorRows() {
        return new ErrorRowsReport(0, List.of());
    }

    @Override
    public Batch stateRows(int statefulOperatorIndex) {
        throw new UnsupportedOperationException("the state rows of a Spark query stay on the cluster (" + remote.label()
                + "); Spark's state data source reads them there");
    }
}
