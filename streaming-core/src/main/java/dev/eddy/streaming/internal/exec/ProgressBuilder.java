package dev.eddy.streaming.internal.exec;

import dev.eddy.streaming.api.progress.QueryProgress;
import dev.eddy.streaming.api.progress.SinkProgress;
import dev.eddy.streaming.api.progress.SourceProgress;
import dev.eddy.streaming.api.progress.StateOperatorProgress;
import dev.eddy.streaming.api.spi.Offset;
import dev.eddy.streaming.api.spi.Sink;
import dev.eddy.streaming.api.spi.Source;
import dev.eddy.streaming.internal.ops.BatchContext;
import dev.eddy.streaming.internal.ops.StatefulOperator;
import dev.eddy.streaming.internal.ops.WatermarkOp;
import dev.eddy.streaming.internal.state.StateMetrics;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Assembles a {@link QueryProgress} from one batch's figures. */
final class ProgressBuilder {
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ProgressBuilder() {}

    /** durations: latestOffset, walCommit, getBatch, addBatch, triggerExecution. */
    static QueryProgress build(
            QueryIdentity id,
            long batchId,
            long t0,
            long previousTrigger,
            long numInput,
            long[] perSource,
            long[] durations,
            long wmUsed,
            PhysicalPlan plan,
            Source[] sources,
            Offset[] starts,
            Offset[] ends,
            Sink sink,
            long numOutput) {
        double inRate = previousTrigger < 0 || t0 <= previousTrigger ? 0.0 : numInput * 1000.0 / (t0 - previousTrigger);
        // Spark's rule: the processing time of a batch counts as at least 1 ms, so a sub-millisecond batch of one
        // row reports 1000 rows/s, not 0
        double procRate = numInput * 1000.0 / Math.max(1L, durations[4]);
        Map<String, Long> d = new LinkedHashMap<>();
        d.put("addBatch", durations[3]);
        d.put("getBatch", durations[2]);
        d.put("latestOffset", durations[0]);
        d.put("queryPlanning", 0L);
        d.put("triggerExecution", durations[4]);
        d.put("walCommit", durations[1]);
        List<StateOperatorProgress> states = new ArrayList<>();
        for (StatefulOperator op : plan.statefulOps()) {
            StateMetrics m = op.store().metrics();
            states.add(new StateOperatorProgress(
                    m.operatorName(),
                    m.numRowsTotal(),
                    m.numRowsUpdated(),
                    m.numRowsRemoved(),
                    m.numRowsDroppedByWatermark(),
                    m.memoryUsedBytes()));
        }
        List<SourceProgress> srcs = new ArrayList<>();
        for (int i = 0; i < sources.length; i++) {
            double sIn =
                    previousTrigger < 0 || t0 <= previousTrigger ? 0.0 : perSource[i] * 1000.0 / (t0 - previousTrigger);
            double sProc = perSource[i] * 1000.0 / Math.max(1L, durations[4]);
            srcs.add(new SourceProgress(
                    sources[i].description(),
                    starts[i].json(),
                    ends[i].json(),
                    ends[i].json(),
                    perSource[i],
                    sIn,
                    sProc,
                    sources[i].metrics()));
        }
        return new QueryProgress(
                id.id().toString(),
                id.runId().toString(),
                id.name(),
                ISO.format(Instant.ofEpochMilli(t0)),
                batchId,
                numInput,
                inRate,
                procRate,
                d,
                eventTime(plan, wmUsed),
                states,
                srcs,
                new SinkProgress(sink.description(), numOutput));
    }

    private static Map<String, String> eventTime(PhysicalPlan plan, long wmUsed) {
        Map<String, String> m = new LinkedHashMap<>();
        for (WatermarkOp w : plan.watermarks()) {
            if (w.hasBatchStats()) {
                m.put("avg", micros(w.batchAvg()));
                m.put("max", micros(w.batchMax()));
                m.put("min", micros(w.batchMin()));
                break;
            }
        }
        if (wmUsed != BatchContext.NO_WATERMARK) {
            m.put("watermark", micros(wmUsed));
        }
        return m;
    }

    static String micros(long micros) {
        return ISO.format(
                Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L));
    }
}
