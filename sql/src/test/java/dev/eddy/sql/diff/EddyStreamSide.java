package dev.eddy.sql.diff;

import dev.eddy.sql.api.Sql;
import dev.eddy.sql.diff.StreamCase.Step;
import dev.eddy.streaming.api.DataStreamWriter;
import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.progress.QueryProgress;
import dev.eddy.streaming.api.progress.StateOperatorProgress;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tech.tablesaw.api.Table;

/**
 * Runs a {@link StreamCase} on Eddy: one memory stream per input, the manual clock, a trigger per data step, a fresh
 * query on the same checkpoint per restart; answers every batch in {@link StreamBatches}' form.
 */
final class EddyStreamSide {
    private static final Map<String, DataType> TYPES =
            Map.of("TIMESTAMP", DataType.TIMESTAMP, "STRING", DataType.STRING, "INT", DataType.INT);

    private EddyStreamSide() {}

    static List<Map<String, Object>> run(StreamCase c) throws IOException {
        Path checkpoint = Files.createTempDirectory("eddy-diff-ckpt");
        List<Map<String, Object>> out = new ArrayList<>();
        int step = -1; // the step being run: -1 while the query starts
        try {
            Eddy session = Eddy.builder()
                    .clock(new ManualClock(0))
                    .noDataBatches(c.noDataBatches())
                    .build();
            List<MemoryStream> inputs = new ArrayList<>();
            Map<String, Dataset> views = new LinkedHashMap<>();
            for (int i = 0; i < c.delays().size(); i++) {
                MemoryStream input = session.memoryStream(Schema.of(c.columns().stream()
                        .map(f -> Field.of(f.get(0), TYPES.get(f.get(1))))
                        .toArray(Field[]::new)));
                inputs.add(input);
                int delay = c.delays().get(i);
                Dataset df = delay < 0 ? input.toDF() : input.toDF().withWatermark("ts", delay + " seconds");
                views.merge(c.views().get(i), df, (a, b) -> a.union(b));
            }
            if (c.dedup() != null) {
                String[] columns = c.dedup().columns().toArray(String[]::new);
                Dataset events = views.get("events");
                views.put(
                        "events",
                        c.dedup().withinWatermark()
                                ? events.dropDuplicatesWithinWatermark(columns)
                                : events.dropDuplicates(columns));
            }
            views.forEach(session::registerView);
            Dataset query = c.javaApi() ? c.javaQuery(views.get("events")) : new Sql(session).stream(c.sql());
            Map<Long, List<String>> output = new ConcurrentHashMap<>();
            String policy = c.policy();
            QueryTestDriver driver = QueryTestDriver.start(writer(query, c.mode(), policy, checkpoint, output));
            try {
                for (Step st : c.steps()) {
                    step++;
                    if (st.restart()) {
                        driver.close();
                        policy = st.policyAfterRestart() == null ? policy : st.policyAfterRestart();
                        driver = QueryTestDriver.start(writer(query, c.mode(), policy, checkpoint, output));
                        continue;
                    }
                    for (int in = 0; in < inputs.size(); in++) {
                        List<List<Object>> rows = st.rows().get(in);
                        if (!rows.isEmpty()) {
                            inputs.get(in)
                                    .addData(rows.stream().map(List::toArray).toArray(Object[][]::new));
                        }
                    }
                    for (QueryProgress p : driver.runTrigger().batches()) {
                        out.add(batch(p, output.getOrDefault(p.batchId(), List.of())));
                    }
                }
            } finally {
                driver.close();
            }
        } catch (RuntimeException e) {
            out.clear();
            out.add(Map.of("error", String.valueOf(e.getMessage()), "step", step));
        } finally {
            try (var paths = Files.walk(checkpoint)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return out;
    }

    private static Map<String, Object> batch(QueryProgress p, List<String> rows) {
        List<StateOperatorProgress> ops = p.stateOperators();
        List<Object[]> perOperator = new ArrayList<>();
        for (StateOperatorProgress op : ops) {
            perOperator.add(new Object[] {op.operatorName(), op.numRowsTotal(), op.numRowsDroppedByWatermark()});
        }
        return StreamBatches.batch(p.batchId(), p.numInputRows(), p.eventTime().get("watermark"), perOperator, rows);
    }

    private static DataStreamWriter writer(
            Dataset query, String mode, String policy, Path checkpoint, Map<Long, List<String>> output) {
        return query.writeStream()
                .outputMode(mode)
                .option("checkpointLocation", checkpoint.toString())
                .option("multipleWatermarkPolicy", policy)
                .foreachBatch((Table t, long id) -> output.put(id, rows(t)));
    }

    private static List<String> rows(Table t) {
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            List<Object> row = new ArrayList<>();
            for (int c = 0; c < t.columnCount(); c++) {
                Object cell = t.column(c).isMissing(r) ? null : t.column(c).get(r);
                // a DATE as Spark's side gives it: days since the epoch; an interval as its text (its fields too)
                Object v = cell instanceof LocalDate d
                        ? (Object) d.toEpochDay()
                        : cell == null
                                ? null
                                : Answers.isInterval(t.column(c)) ? t.column(c).getString(r) : Answers.eddyValue(cell);
                row.add(v instanceof Number n ? (Object) n.doubleValue() : v == null ? null : v.toString());
            }
            rows.add(row.toString());
        }
        rows.sort(Comparator.naturalOrder());
        return rows;
    }
}
