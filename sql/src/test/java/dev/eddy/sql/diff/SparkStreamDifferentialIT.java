package dev.eddy.sql.diff;

import static dev.eddy.streaming.api.expr.Functions.alias;
import static dev.eddy.streaming.api.expr.Functions.avg;
import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.count;
import static dev.eddy.streaming.api.expr.Functions.max;
import static dev.eddy.streaming.api.expr.Functions.min;
import static dev.eddy.streaming.api.expr.Functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.sql.api.Sql;
import dev.eddy.streaming.api.DataStreamWriter;
import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.expr.Functions;
import dev.eddy.streaming.api.progress.QueryProgress;
import dev.eddy.streaming.api.progress.StateOperatorProgress;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * Streaming queries behave as Spark 4's Structured Streaming, batch by batch: seeded random windowed aggregations
 * (append, update and complete; tumbling, sliding and session windows; window start times, also zero and negative;
 * watermark delays; late and out-of-order rows; event times around the epoch; unions of two watermarked streams
 * under both multiple-watermark policies; restarts from the checkpoint, also with the other policy set), written in
 * SQL or with the Java API, fed step by step to memory streams on Eddy (QueryTestDriver, manual clock) and on real
 * Spark (MemoryStream, processAllAvailable), comparing each batch's id, input rows, watermark, state rows, rows
 * dropped by the watermark and output rows.
 *
 * <p>Speed: Spark's side is one request per chunk of cases, run concurrently inside the driver (one session and
 * query per case on the shared SparkContext) while this JVM runs Eddy's side, so the per-query start-up and the
 * per-batch planning of Spark overlap. {@code -Deddy.diff.stream=N} sets the count, {@code -Deddy.diff.seed} the
 * seed; a mismatch prints the seed, the case's seed and a shrunk case.
 */
class SparkStreamDifferentialIT {
    static final long SEED = Long.getLong("eddy.diff.seed", 20_261_206L);
    static final int COUNT = Integer.getInteger("eddy.diff.stream", 200);
    /** Cases Spark runs at the same time (its queries' threads share local[1]'s one task slot). */
    static final int SPARK_PARALLELISM = Integer.getInteger("eddy.diff.stream.parallelism", 4);

    private static final int CHUNK = 25;
    private static final long S = 1_000_000L; // micros per second
    private static final List<String> AGGS = List.of(
            "COUNT(*) AS n",
            "COUNT(*) AS n, SUM(v) AS sv",
            "COUNT(*) AS n, MAX(v) AS mx, MIN(v) AS mn",
            "SUM(v) AS sv, AVG(v) AS av");
    private static final String POLICY = "spark.sql.streaming.multipleWatermarkPolicy";
    private static final String NO_DATA_BATCHES = "spark.sql.streaming.noDataMicroBatches.enabled";
    /** Spark's milliseconds, summed over cases (each case's thread): query starts, data steps, restarts. */
    private static final AtomicLong SPARK_START_MS = new AtomicLong();

    private static final AtomicLong SPARK_STEP_MS = new AtomicLong();
    private static final AtomicLong SPARK_RESTART_MS = new AtomicLong();

    /** One step: rows per input, or a restart (with the policy the session has from then on, null = unchanged). */
    record Step(List<List<List<Object>>> rows, boolean restart, String policyAfterRestart) {}

    /**
     * One generated case. {@code window}: "tumble" (window(ts, size)), "slide" (window(ts, size, slide)), "start"
     * (window(ts, size, slide, startTime)) or "session" (session_window(ts, gap = size)).
     */
    record Case(
            String window,
            int size,
            int slide,
            int startTime,
            boolean keyed,
            int aggs,
            boolean positiveOnly,
            String mode,
            List<Integer> delays,
            String policy,
            boolean javaApi,
            List<Step> steps,
            boolean noDataBatches) {

        Case(
                String window,
                int size,
                int slide,
                int startTime,
                boolean keyed,
                int aggs,
                boolean positiveOnly,
                String mode,
                List<Integer> delays,
                String policy,
                boolean javaApi,
                List<Step> steps) {
            this(window, size, slide, startTime, keyed, aggs, positiveOnly, mode, delays, policy, javaApi, steps, true);
        }

        String windowSql() {
            return switch (window) {
                case "tumble" -> "window(ts, '" + size + " seconds')";
                case "slide" -> "window(ts, '" + size + " seconds', '" + slide + " seconds')";
                case "start" ->
                    "window(ts, '" + size + " seconds', '" + slide + " seconds', '" + startTime + " seconds')";
                default -> "session_window(ts, '" + size + " seconds')";
            };
        }

        String sql() {
            String w = window.equals("session") ? "session_window" : "window";
            return "SELECT " + w + ".start AS ws, " + w + ".end AS we" + (keyed ? ", k" : "") + ", " + AGGS.get(aggs)
                    + " FROM events" + (positiveOnly ? " WHERE v > 0" : "") + " GROUP BY " + windowSql()
                    + (keyed ? ", k" : "");
        }

        /** The same query with Eddy's Java API (Spark runs the SQL). */
        Dataset javaQuery(Dataset events) {
            Dataset in = positiveOnly ? events.filter(Functions.gt(col("v"), Functions.lit(0))) : events;
            Expr w = switch (window) {
                case "tumble" -> Functions.window(col("ts"), size + " seconds");
                case "slide" -> Functions.window(col("ts"), size + " seconds", slide + " seconds");
                case "start" ->
                    Functions.window(col("ts"), size + " seconds", slide + " seconds", startTime + " seconds");
                default -> Functions.sessionWindow(col("ts"), size + " seconds");
            };
            List<Expr> a = switch (aggs) {
                case 0 -> List.of(alias(count(), "n"));
                case 1 -> List.of(alias(count(), "n"), alias(sum(col("v")), "sv"));
                case 2 -> List.of(alias(count(), "n"), alias(max(col("v")), "mx"), alias(min(col("v")), "mn"));
                default -> List.of(alias(sum(col("v")), "sv"), alias(avg(col("v")), "av"));
            };
            Dataset grouped = (keyed ? in.groupBy(w, col("k")) : in.groupBy(w)).agg(a.toArray(Expr[]::new));
            String ws = window.equals("session") ? "session_window" : "window";
            if (windowBoundsThroughSql()) {
                return grouped.selectExpr(sqlItems(ws).toArray(String[]::new));
            }
            List<Expr> items = new ArrayList<>(List.of(alias(col(ws + ".start"), "ws"), alias(col(ws + ".end"), "we")));
            if (keyed) {
                items.add(col("k"));
            }
            for (String agg : AGGS.get(aggs).split(", ")) {
                items.add(col(agg.substring(agg.lastIndexOf(' ') + 1)));
            }
            return grouped.select(items.toArray(Expr[]::new));
        }

        /**
         * Half of the Java API cases (a fixed choice per case) select the window bounds with selectExpr, so through the
         * SQL expression parser's view of the window struct, the other half with col("window.start").
         */
        boolean windowBoundsThroughSql() {
            return Math.floorMod(Objects.hash(window, size, slide, startTime, keyed, aggs), 2) == 0;
        }

        private List<String> sqlItems(String ws) {
            List<String> items = new ArrayList<>(List.of(ws + ".start AS ws", ws + ".end AS we"));
            if (keyed) {
                items.add("k");
            }
            for (String agg : AGGS.get(aggs).split(", ")) {
                items.add(agg.substring(agg.lastIndexOf(' ') + 1));
            }
            return items;
        }

        String describe() {
            return mode + (noDataBatches ? "" : ", no no-data batches") + ", watermark delays " + delays
                    + (delays.size() > 1 ? ", policy " + policy : "")
                    + (javaApi ? ", Java API" + (windowBoundsThroughSql() ? " (selectExpr)" : "") : ", SQL") + ": "
                    + sql();
        }
    }

    static Case generate(long seed) {
        // mixed first: java.util.Random's first draw from consecutive seeds is nearly constant (every case had size 20)
        Random r = new Random(new SplittableRandom(seed).nextLong());
        int size = r.nextBoolean() ? 10 : 20;
        String window = List.of("tumble", "slide", "start", "start", "session").get(r.nextInt(5));
        int slide = window.equals("tumble") || window.equals("session") ? size : r.nextBoolean() ? size / 2 : size;
        if (window.equals("slide")) {
            slide = size / 2;
        }
        int startTime =
                window.equals("start") ? List.of(0, -3, 2, -(slide - 1), 4).get(r.nextInt(5)) : 0;
        if (window.equals("session")) {
            size = r.nextBoolean() ? 5 : 8; // the gap
        }
        boolean keyed = r.nextBoolean();
        int aggs = r.nextInt(AGGS.size());
        boolean positiveOnly = r.nextInt(4) == 0;
        // session windows too: Spark refuses update mode for them (so does Eddy, both refusals are counted); complete
        // mode drops their late rows (by the previous batch's watermark) and keeps closed sessions
        String mode = List.of("append", "update", "complete").get(r.nextInt(3));
        int inputs = r.nextInt(4) == 0 ? 2 : 1;
        List<Integer> delays = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            delays.add(List.of(0, 5, 10, 30).get(r.nextInt(4)));
        }
        String policy = inputs > 1 && r.nextBoolean() ? "max" : "min";
        boolean javaApi = r.nextInt(4) == 0;
        boolean nearEpoch = r.nextInt(5) == 0;
        List<Step> steps = new ArrayList<>();
        int n = 3 + r.nextInt(4);
        long clock = nearEpoch ? r.nextInt(10) : 100 + r.nextInt(50); // event-time seconds
        for (int i = 0; i < n; i++) {
            if (i > 0 && r.nextInt(7) == 0) {
                // a restart; with two inputs the session may now say the other policy: the checkpoint's must still hold
                String other = inputs > 1 && r.nextBoolean() ? (policy.equals("min") ? "max" : "min") : null;
                steps.add(new Step(null, true, other));
            }
            List<List<List<Object>>> perInput = new ArrayList<>();
            for (int in = 0; in < inputs; in++) {
                List<List<Object>> rows = new ArrayList<>();
                int m = inputs > 1 && r.nextInt(3) == 0 ? 0 : r.nextInt(5); // one input often stays silent
                for (int j = 0; j < m; j++) {
                    long t = clock
                            + r.nextInt(12)
                            - (r.nextInt(4) == 0 ? 25 + r.nextInt(20) : 0); // late or out of order
                    List<Object> row = new ArrayList<>();
                    row.add(t * S + r.nextInt(1000) * 1000L);
                    row.add(List.of("a", "b", "c").get(r.nextInt(3)));
                    row.add(r.nextInt(6) == 0 ? null : r.nextInt(21) - 5);
                    rows.add(row);
                }
                perInput.add(rows);
            }
            steps.add(new Step(perInput, false, null));
            clock += r.nextInt(16);
        }
        return new Case(
                window, size, slide, startTime, keyed, aggs, positiveOnly, mode, delays, policy, javaApi, steps);
    }

    /**
     * Spark's late-row rule (SPARK-40925): a stateful operator drops an input row as late by the watermark the previous
     * batch ran with, and evicts by the one the batch runs with. The two differ when a data batch directly follows the
     * batch that moved the watermark, which is what no-data batches usually prevent; so a third of the cases turn them
     * off (both engines) and every such data batch gets a row between the two watermarks (give or take a window): late
     * by the new watermark, not by the previous batch's. The watermark is simulated as the engines keep it (per input
     * max event time minus delay, 0 for an input without rows since the start, min or max by the policy, never back).
     */
    static Case withLateRowRule(Case c, long seed) {
        Random r = new Random(seed ^ 0x5EED_1A7EL);
        if (r.nextInt(3) != 0) {
            return c;
        }
        int inputs = c.delays().size();
        long[] maxSeen = new long[inputs]; // event-time micros per input in this run, Long.MIN_VALUE before any row
        Arrays.fill(maxSeen, Long.MIN_VALUE);
        String policy = c.policy();
        long global = 0;
        long previousBatch = 0;
        List<Step> steps = new ArrayList<>();
        for (Step st : c.steps()) {
            if (st.restart()) {
                Arrays.fill(maxSeen, Long.MIN_VALUE); // operators start again; the global watermark is restored
                steps.add(st);
                continue;
            }
            List<List<List<Object>>> perInput = new ArrayList<>();
            for (List<List<Object>> rows : st.rows()) {
                perInput.add(new ArrayList<>(rows));
            }
            if (global > previousBatch) {
                long span = Math.max(1, (global - previousBatch) / S);
                long t = previousBatch / S + r.nextInt((int) Math.min(span, 60)) + 1 - r.nextInt(c.size() + 1);
                List<Object> row = new ArrayList<>();
                row.add(Math.max(0, t) * S + r.nextInt(1000) * 1000L);
                row.add(List.of("a", "b", "c").get(r.nextInt(3)));
                row.add(r.nextInt(21) - 5);
                perInput.get(r.nextInt(inputs)).add(row);
            }
            boolean batch = perInput.stream().anyMatch(rows -> !rows.isEmpty());
            if (batch) {
                previousBatch = global;
                for (int in = 0; in < inputs; in++) {
                    for (List<Object> row : perInput.get(in)) {
                        maxSeen[in] = Math.max(maxSeen[in], (Long) row.get(0));
                    }
                }
                long chosen = policy.equals("max") ? Long.MIN_VALUE : Long.MAX_VALUE;
                for (int in = 0; in < inputs; in++) {
                    long v = maxSeen[in] == Long.MIN_VALUE
                            ? 0
                            : (maxSeen[in] / 1000 - c.delays().get(in) * 1000L) * 1000;
                    chosen = policy.equals("max") ? Math.max(chosen, v) : Math.min(chosen, v);
                }
                global = Math.max(global, chosen);
            }
            steps.add(new Step(perInput, false, null));
        }
        return new Case(
                c.window(),
                c.size(),
                c.slide(),
                c.startTime(),
                c.keyed(),
                c.aggs(),
                c.positiveOnly(),
                c.mode(),
                c.delays(),
                c.policy(),
                c.javaApi(),
                steps,
                false);
    }

    @Test
    void everyGeneratedWindowedQueryRunsBatchByBatchAsSparkDoes() throws Exception {
        long t0 = System.nanoTime();
        SparkProcess spark = SparkProcess.shared();
        long tSpark = System.nanoTime();
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            cases.add(withLateRowRule(generate(caseSeed(i)), caseSeed(i)));
        }
        // Spark's side in the background (one request per chunk), Eddy's meanwhile on this thread
        ExecutorService background = Executors.newSingleThreadExecutor();
        List<Future<List<List<Map<String, Object>>>>> sparkChunks = new ArrayList<>();
        for (int from = 0; from < cases.size(); from += CHUNK) {
            List<Case> chunk = cases.subList(from, Math.min(cases.size(), from + CHUNK));
            sparkChunks.add(background.submit(() -> spark(spark, chunk)));
        }
        // two threads: a case's checkpoint files are fsynced, and one case's waits let the other run
        ExecutorService eddyPool = Executors.newFixedThreadPool(2);
        List<Future<List<Map<String, Object>>>> eddyFutures = new ArrayList<>();
        for (Case c : cases) {
            eddyFutures.add(eddyPool.submit(() -> eddy(c)));
        }
        List<List<Map<String, Object>>> eddy = new ArrayList<>();
        for (Future<List<Map<String, Object>>> f : eddyFutures) {
            eddy.add(f.get());
        }
        eddyPool.shutdown();
        long tEddy = System.nanoTime();
        List<List<Map<String, Object>>> sparkAnswers = new ArrayList<>();
        for (Future<List<List<Map<String, Object>>>> f : sparkChunks) {
            sparkAnswers.addAll(f.get());
        }
        background.shutdown();
        long tAll = System.nanoTime();

        Map<String, List<String>> classes = new LinkedHashMap<>();
        int batches = 0;
        int bothRefused = 0;
        for (int i = 0; i < COUNT; i++) {
            List<Map<String, Object>> s = sparkAnswers.get(i);
            List<Map<String, Object>> e = eddy.get(i);
            batches += s.size();
            if (refused(s) && refused(e)) {
                bothRefused++;
                continue;
            }
            String diff = difference(s, e);
            if (diff != null) {
                Case small = shrink(spark, cases.get(i));
                String cls = diff.replaceAll("\\d+", "N").replaceAll("Spark .*", "");
                classes.computeIfAbsent(cls, k -> new ArrayList<>())
                        .add("seed " + SEED + " case " + i + " (case seed "
                                + caseSeed(i) + "): " + diff + "\n      " + small.describe() + "\n      steps: "
                                + stepsText(small)
                                + "\n      Spark: "
                                + spark(spark, List.of(small)).get(0) + "\n      Eddy:  " + eddy(small));
            }
        }
        int mismatches = classes.values().stream().mapToInt(List::size).sum();
        StringBuilder report = new StringBuilder("streaming differential: " + COUNT + " queries, " + batches
                + " Spark batches, " + mismatches + " mismatches in " + classes.size() + " classes (" + bothRefused
                + " refused by both)\n");
        report.append(String.format(
                "  time: Spark start %.1f s, Eddy side %.1f s, all cases %.1f s; Spark's case threads"
                        + " spent %.1f s starting queries, %.1f s in data steps, %.1f s restarting%n",
                (tSpark - t0) / 1e9,
                (tEddy - tSpark) / 1e9,
                (tAll - tSpark) / 1e9,
                SPARK_START_MS.get() / 1e3,
                SPARK_STEP_MS.get() / 1e3,
                SPARK_RESTART_MS.get() / 1e3));
        classes.forEach((k, v) -> {
            report.append("  [").append(v.size()).append("] ").append(k).append('\n');
            v.stream().limit(2).forEach(x -> report.append("    ").append(x).append('\n'));
        });
        System.out.println(report);
        Files.writeString(Path.of("target", "diff-stream-report.txt"), report);
        assertThat(mismatches).as(report.toString()).isZero();
        assertThat(bothRefused).as("most generated queries must run").isLessThan(COUNT / 4);
    }

    /**
     * The programming guide's watermark example (reference cases RT-3 in update and RT-4 in append mode: window 10 min
     * sliding 5 min, watermark 10 min) with no-data batches off, on both engines: the 12:25 trigger's (12:04, donkey)
     * is late by the watermark that trigger evicts by (12:11) but not by the one the 12:20 trigger ran with (12:04),
     * so Spark 4 counts it (SPARK-40925) where the guide, written before, drops it; and so must Eddy.
     */
    @Test
    void theGuidesWatermarkExampleWithoutNoDataBatchesRunsAsSparkDoes() throws Exception {
        SparkProcess spark = SparkProcess.shared();
        String[][][] triggers = {
            {{"12:07", "dog"}, {"12:08", "owl"}},
            {{"12:14", "dog"}, {"12:09", "cat"}},
            {{"12:15", "cat"}, {"12:08", "dog"}, {"12:13", "owl"}, {"12:21", "owl"}},
            {{"12:04", "donkey"}, {"12:17", "owl"}, {"12:26", "owl"}},
            {{"12:09", "cat"}}
        };
        for (String mode : List.of("update", "append")) {
            List<Step> steps = new ArrayList<>();
            for (String[][] trigger : triggers) {
                List<List<Object>> rows = new ArrayList<>();
                for (String[] ev : trigger) {
                    String[] hm = ev[0].split(":");
                    rows.add(Arrays.asList(
                            (Integer.parseInt(hm[0]) * 3600L + Integer.parseInt(hm[1]) * 60L) * S, ev[1], 1));
                }
                steps.add(new Step(List.of(rows), false, null));
            }
            Case c = new Case("slide", 600, 300, 0, true, 0, false, mode, List.of(600), "min", false, steps, false);
            List<Map<String, Object>> s = spark(spark, List.of(c)).get(0);
            List<Map<String, Object>> e = eddy(c);
            System.out.println("guide example, " + mode + ", no no-data batches\n  Spark: " + s + "\n  Eddy:  " + e);
            assertThat(difference(s, e))
                    .as(mode + "\nSpark: " + s + "\nEddy:  " + e)
                    .isNull();
            assertThat(s.get(3).get("droppedByWatermark"))
                    .as("Spark counts the 12:04 donkey in the 12:25 trigger")
                    .isEqualTo(0L);
            assertThat(s.get(4).get("droppedByWatermark"))
                    .as("the 12:09 cat in the 12:30 trigger: only its [12:00, 12:10) group is late by 12:11")
                    .isEqualTo(1L);
        }
    }

    private static long caseSeed(int i) {
        return SEED * 7_919L + i;
    }

    private static boolean refused(List<Map<String, Object>> answer) {
        return answer.size() == 1 && answer.get(0).containsKey("error");
    }

    /** A smaller case that still differs: steps and then rows removed one at a time while the difference stays. */
    private static Case shrink(SparkProcess spark, Case c) throws Exception {
        Case best = c;
        for (int attempt = 0; attempt < 40; attempt++) {
            Case smaller = null;
            List<Case> candidates = smallerCases(best);
            for (Case candidate : candidates) {
                List<Map<String, Object>> s = spark(spark, List.of(candidate)).get(0);
                List<Map<String, Object>> e = eddy(candidate);
                if (!(refused(s) && refused(e)) && difference(s, e) != null) {
                    smaller = candidate;
                    break;
                }
            }
            if (smaller == null) {
                return best;
            }
            best = smaller;
        }
        return best;
    }

    private static List<Case> smallerCases(Case c) {
        List<Case> out = new ArrayList<>();
        for (int i = c.steps().size() - 1; i >= 0; i--) {
            List<Step> steps = new ArrayList<>(c.steps());
            steps.remove(i);
            out.add(withSteps(c, steps));
        }
        for (int i = 0; i < c.steps().size(); i++) {
            Step st = c.steps().get(i);
            if (st.restart()) {
                continue;
            }
            for (int in = 0; in < st.rows().size(); in++) {
                for (int j = 0; j < st.rows().get(in).size(); j++) {
                    List<List<List<Object>>> perInput = new ArrayList<>(st.rows());
                    List<List<Object>> rows = new ArrayList<>(perInput.get(in));
                    rows.remove(j);
                    perInput.set(in, rows);
                    List<Step> steps = new ArrayList<>(c.steps());
                    steps.set(i, new Step(perInput, false, null));
                    out.add(withSteps(c, steps));
                }
            }
        }
        return out;
    }

    private static Case withSteps(Case c, List<Step> steps) {
        return new Case(
                c.window(),
                c.size(),
                c.slide(),
                c.startTime(),
                c.keyed(),
                c.aggs(),
                c.positiveOnly(),
                c.mode(),
                c.delays(),
                c.policy(),
                c.javaApi(),
                steps,
                c.noDataBatches());
    }

    private static String stepsText(Case c) {
        List<String> out = new ArrayList<>();
        for (Step s : c.steps()) {
            out.add(
                    s.restart()
                            ? "restart"
                                    + (s.policyAfterRestart() == null
                                            ? ""
                                            : " (policy now " + s.policyAfterRestart() + ")")
                            : String.valueOf(c.delays().size() == 1 ? s.rows().get(0) : s.rows()));
        }
        return out.toString();
    }

    private static List<List<Map<String, Object>>> spark(SparkProcess spark, List<Case> cases) {
        List<Object> requests = new ArrayList<>();
        for (Case c : cases) {
            requests.add(request(c));
        }
        JsonNode a = spark.call(Map.of("op", "streams", "parallelism", SPARK_PARALLELISM, "cases", requests));
        List<List<Map<String, Object>>> out = new ArrayList<>();
        if (!a.get("ok").asBoolean()) {
            throw new IllegalStateException(
                    "the Spark driver failed: " + a.get("error").asText());
        }
        for (int i = 0; i < cases.size(); i++) {
            JsonNode answer = a.get("cases").get(i);
            out.add(sparkBatches(answer));
            SPARK_START_MS.addAndGet(answer.path("startMs").asLong());
            for (int s = 0; s < answer.path("stepMs").size(); s++) {
                (cases.get(i).steps().get(s).restart() ? SPARK_RESTART_MS : SPARK_STEP_MS)
                        .addAndGet(answer.get("stepMs").get(s).asLong());
            }
        }
        return out;
    }

    private static Map<String, Object> request(Case c) {
        Map<String, Object> req = new LinkedHashMap<>();
        List<Object> inputs = new ArrayList<>();
        for (int delay : c.delays()) {
            inputs.add(Map.of(
                    "schema",
                    List.of(
                            Map.of("name", "ts", "type", "TIMESTAMP"),
                            Map.of("name", "k", "type", "STRING"),
                            Map.of("name", "v", "type", "INT")),
                    "watermark",
                    Map.of("column", "ts", "delay", delay + " seconds")));
        }
        req.put("inputs", inputs);
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

    private static List<Map<String, Object>> sparkBatches(JsonNode a) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (!a.get("ok").asBoolean()) {
            out.add(Map.of("error", a.get("error").asText()));
            return out;
        }
        for (JsonNode b : a.get("batches")) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("batchId", b.get("batchId").asLong());
            m.put("numInputRows", b.get("numInputRows").asLong());
            m.put(
                    "watermark",
                    b.get("watermark").isNull() ? null : b.get("watermark").asText());
            m.put("stateRowsTotal", b.get("stateRowsTotal").asLong());
            m.put("droppedByWatermark", b.get("droppedByWatermark").asLong());
            List<String> rows = new ArrayList<>();
            for (JsonNode r : b.get("rows")) {
                List<Object> row = new ArrayList<>();
                r.forEach(v -> row.add(
                        v.isNull()
                                ? null
                                : v.isNumber() ? (Object) v.numberValue().doubleValue() : v.asText()));
                rows.add(row.toString());
            }
            rows.sort(Comparator.naturalOrder());
            m.put("rows", rows);
            out.add(m);
        }
        return out;
    }

    private static List<Map<String, Object>> eddy(Case c) throws Exception {
        Path checkpoint = Files.createTempDirectory("eddy-diff-ckpt");
        List<Map<String, Object>> out = new ArrayList<>();
        try {
            Eddy session = Eddy.builder()
                    .clock(new ManualClock(0))
                    .noDataBatches(c.noDataBatches())
                    .build();
            List<MemoryStream> inputs = new ArrayList<>();
            Dataset events = null;
            for (int delay : c.delays()) {
                MemoryStream input = session.memoryStream(Schema.of(
                        Field.of("ts", DataType.TIMESTAMP),
                        Field.of("k", DataType.STRING),
                        Field.of("v", DataType.INT)));
                inputs.add(input);
                Dataset df = input.toDF().withWatermark("ts", delay + " seconds");
                events = events == null ? df : events.union(df);
            }
            session.registerView("events", events);
            Dataset query = c.javaApi() ? c.javaQuery(events) : new Sql(session).stream(c.sql());
            Map<Long, List<String>> output = new ConcurrentHashMap<>();
            String policy = c.policy();
            QueryTestDriver driver = QueryTestDriver.start(writer(query, c.mode(), policy, checkpoint, output));
            try {
                for (Step step : c.steps()) {
                    if (step.restart()) {
                        driver.close();
                        policy = step.policyAfterRestart() == null ? policy : step.policyAfterRestart();
                        driver = QueryTestDriver.start(writer(query, c.mode(), policy, checkpoint, output));
                        continue;
                    }
                    for (int in = 0; in < inputs.size(); in++) {
                        List<List<Object>> rows = step.rows().get(in);
                        if (!rows.isEmpty()) {
                            inputs.get(in)
                                    .addData(rows.stream().map(List::toArray).toArray(Object[][]::new));
                        }
                    }
                    for (QueryProgress p : driver.runTrigger().batches()) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("batchId", p.batchId());
                        m.put("numInputRows", p.numInputRows());
                        m.put("watermark", p.eventTime().get("watermark"));
                        long total = 0;
                        long dropped = 0;
                        for (StateOperatorProgress op : p.stateOperators()) {
                            total += op.numRowsTotal();
                            dropped += op.numRowsDroppedByWatermark();
                        }
                        m.put("stateRowsTotal", total);
                        m.put("droppedByWatermark", dropped);
                        m.put("rows", output.getOrDefault(p.batchId(), List.of()));
                        out.add(m);
                    }
                }
            } finally {
                driver.close();
            }
        } catch (RuntimeException e) {
            out.clear();
            out.add(Map.of("error", String.valueOf(e.getMessage())));
        } finally {
            try (var paths = Files.walk(checkpoint)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return out;
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
                Object v = t.column(c).isMissing(r)
                        ? null
                        : Answers.eddyValue(t.column(c).get(r));
                row.add(v instanceof Number n ? (Object) n.doubleValue() : v == null ? null : v.toString());
            }
            rows.add(row.toString());
        }
        rows.sort(Comparator.naturalOrder());
        return rows;
    }

    /** The first difference between the batch lists, or null. */
    static String difference(List<Map<String, Object>> spark, List<Map<String, Object>> eddy) {
        int n = Math.max(spark.size(), eddy.size());
        for (int i = 0; i < n; i++) {
            if (i >= spark.size())
                return "Eddy runs an extra batch " + eddy.get(i).get("batchId") + " Spark " + eddy.get(i);
            if (i >= eddy.size()) return "Eddy lacks batch " + spark.get(i).get("batchId") + " Spark " + spark.get(i);
            for (String key : spark.get(i).keySet()) {
                Object sv = spark.get(i).get(key);
                Object ev = eddy.get(i).get(key);
                if (!Objects.equals(sv, ev)) {
                    return "batch " + spark.get(i).get("batchId") + " differs in " + key + " Spark " + sv + ", Eddy "
                            + ev;
                }
            }
        }
        return null;
    }
}
