package dev.eddy.sql.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.sql.diff.StreamCase.Step;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs {@link StreamCase}s on real Spark through the driver's {@code streams} request (see SparkDriver#streams) and
 * answers every batch in {@link StreamBatches}' form. Also sums the driver's timings per phase for the report.
 */
final class SparkStreamSide {
    /** Cases Spark runs at the same time (its queries' threads share local[1]'s one task slot). */
    static final int PARALLELISM = Integer.getInteger("eddy.diff.stream.parallelism", 4);

    private static final String POLICY = "spark.sql.streaming.multipleWatermarkPolicy";
    private static final String NO_DATA_BATCHES = "spark.sql.streaming.noDataMicroBatches.enabled";

    /** Spark's milliseconds, summed over cases (each case's thread): query starts, data steps, restarts. */
    static final AtomicLong START_MS = new AtomicLong();

    static final AtomicLong STEP_MS = new AtomicLong();
    static final AtomicLong RESTART_MS = new AtomicLong();

    private SparkStreamSide() {}

    static List<List<Map<String, Object>>> run(SparkProcess spark, List<StreamCase> cases) {
        List<Object> requests = new ArrayList<>();
        for (StreamCase c : cases) {
            requests.add(request(c));
        }
        JsonNode a = spark.call(Map.of("op", "streams", "parallelism", PARALLELISM, "cases", requests));
        if (!a.get("ok").asBoolean()) {
            throw new IllegalStateException(
                    "the Spark driver failed: " + a.get("error").asText());
        }
        List<List<Map<String, Object>>> out = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            JsonNode answer = a.get("cases").get(i);
            out.add(batches(answer));
            START_MS.addAndGet(answer.path("startMs").asLong());
            for (int s = 0; s < answer.path("stepMs").size(); s++) {
                (cases.get(i).steps().get(s).restart() ? RESTART_MS : STEP_MS)
                        .addAndGet(answer.get("stepMs").get(s).asLong());
            }
        }
        return out;
    }

    private static Map<String, Object> request(StreamCase c) {
        Map<String, Object> req = new LinkedHashMap<>();
        List<Object> inputs = new ArrayList<>();
        for (int i = 0; i < c.delays().size(); i++) {
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("view", c.views().get(i));
            input.put(
                    "schema",
                    c.columns().stream()
                            .map(f -> Map.of("name", f.get(0), "type", f.get(1)))
                            .toList());
            int delay = c.delays().get(i);
            input.put("watermark", delay < 0 ? null : Map.of("column", "ts", "delay", delay + " seconds"));
            inputs.add(input);
        }
        req.put("inputs", inputs);
        if (c.dedup() != null) {
            req.put(
                    "dedup",
                    Map.of(
                            "view",
                            "events",
                            "columns",
                            c.dedup().columns(),
                            "withinWatermark",
                            c.dedup().withinWatermark()));
        }
        req.put("conf", Map.of(POLICY, c.policy(), NO_DATA_BATCHES, String.valueOf(c.noDataBatches())));
        req.put("sql", c.sql());
        req.put("mode", c.mode());
        List<Object> steps = new ArrayList<>();
        for (Step step : c.steps()) {
            if (step.restart()) {
                steps.add(
                        step.policyAfterRestart() == null
                                ? Map.of("restart", true)
                                : Map.of("restart", true, "conf", Map.of(POLICY, step.policyAfterRestart())));
            } else {
                steps.add(Map.of("rows", step.rows()));
            }
        }
        req.put("steps", steps);
        return req;
    }

    private static List<Map<String, Object>> batches(JsonNode a) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (!a.get("ok").asBoolean()) {
            out.add(Map.of(
                    "error", a.get("error").asText(), "step", a.path("step").asInt(-1)));
            return out;
        }
        for (JsonNode b : a.get("batches")) {
            List<Object[]> operators = new ArrayList<>();
            for (JsonNode op : b.get("stateOperators")) {
                operators.add(new Object[] {
                    op.get("name").asText(),
                    op.get("rows").asLong(),
                    op.get("dropped").asLong()
                });
            }
            List<String> rows = new ArrayList<>();
            JsonNode types = a.path("types");
            for (JsonNode r : b.get("rows")) {
                List<Object> row = new ArrayList<>();
                for (int i = 0; i < r.size(); i++) {
                    JsonNode v = r.get(i);
                    String type = types.path(i).asText("");
                    row.add(
                            v.isNull()
                                    ? null
                                    : type.startsWith("INTERVAL") && v.isNumber()
                                            // Spark's text of the interval, its fields included, as Eddy's shows
                                            ? Answers.intervalFields(type).format(v.asLong())
                                            : v.isNumber()
                                                    ? (Object) v.numberValue().doubleValue()
                                                    : v.asText());
                }
                rows.add(row.toString());
            }
            rows.sort(Comparator.naturalOrder());
            out.add(StreamBatches.batch(
                    b.get("batchId").asLong(),
                    b.get("numInputRows").asLong(),
                    b.get("watermark").isNull() ? null : b.get("watermark").asText(),
                    operators,
                    rows));
        }
        return out;
    }
}
