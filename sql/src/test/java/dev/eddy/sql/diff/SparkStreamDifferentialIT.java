package dev.eddy.sql.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.sql.diff.StreamCase.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Streaming queries behave as Spark 4's Structured Streaming, batch by batch: seeded random cases
 * ({@link StreamCaseGenerator}: windowed aggregations in every output mode and window form, deduplication with and
 * without the event time, stream-stream inner and outer joins on a key and an event-time range, and joins or
 * deduplication feeding a windowed aggregation; late and out-of-order rows, event times around the epoch, unions of
 * two watermarked streams and joins under both multiple-watermark policies, restarts from the checkpoint), written in
 * SQL or with the Java API, fed step by step to memory streams on Eddy ({@link EddyStreamSide}: QueryTestDriver,
 * manual clock) and on real Spark ({@link SparkStreamSide}: MemoryStream, processAllAvailable), comparing each
 * batch's id, input rows, watermark, state rows and rows dropped by the watermark per stateful operator, and output
 * rows ({@link StreamBatches}).
 *
 * <p>Speed: Spark's side is one request per chunk of cases, run concurrently inside the driver (one session and
 * query per case on the shared SparkContext) while this JVM runs Eddy's side, so the per-query start-up and the
 * per-batch planning of Spark overlap. {@code -Deddy.diff.stream=N} sets the count, {@code -Deddy.diff.seed} the
 * seed; a mismatch prints the seed, the case's seed and a shrunk case.
 */
class SparkStreamDifferentialIT {
    static final long SEED = Long.getLong("eddy.diff.seed", 20_261_206L);
    static final int COUNT = Integer.getInteger("eddy.diff.stream", 200);
    /** {@code -Deddy.diff.stream.cases=451,478}: only these cases of the seed's run (to replay a report's mismatches). */
    static final String ONLY = System.getProperty("eddy.diff.stream.cases", "");
    /**
     * {@code -Deddy.diff.stream.shape=on windows}: the first {@link #COUNT} cases of the seed's run whose shape (as the
     * report names it) contains this text, skipping the others; their numbers stay the run's, so they replay with
     * {@code eddy.diff.stream.cases}. Empty: every case.
     */
    static final String SHAPE = System.getProperty("eddy.diff.stream.shape", "");

    private static final int CHUNK = 25;
    private static final long S = 1_000_000L; // micros per second

    @Test
    void everyGeneratedStreamingQueryRunsBatchByBatchAsSparkDoes() throws Exception {
        long t0 = System.nanoTime();
        SparkProcess spark = SparkProcess.shared();
        long tSpark = System.nanoTime();
        List<Integer> numbers = new ArrayList<>();
        List<StreamCase> cases = new ArrayList<>();
        if (!ONLY.isBlank()) {
            numbers = Arrays.stream(ONLY.split(","))
                    .map(x -> Integer.valueOf(x.trim()))
                    .toList();
            for (int i : numbers) {
                cases.add(caseOf(i));
            }
        } else {
            for (int i = 0; cases.size() < COUNT; i++) {
                StreamCase c = caseOf(i);
                if (c.shape().contains(SHAPE)) {
                    numbers.add(i);
                    cases.add(c);
                }
            }
        }
        // Spark's side in the background (one request per chunk), Eddy's meanwhile on this thread
        ExecutorService background = Executors.newSingleThreadExecutor();
        List<Future<List<List<Map<String, Object>>>>> sparkChunks = new ArrayList<>();
        for (int from = 0; from < cases.size(); from += CHUNK) {
            List<StreamCase> chunk = cases.subList(from, Math.min(cases.size(), from + CHUNK));
            sparkChunks.add(background.submit(() -> SparkStreamSide.run(spark, chunk)));
        }
        // two threads: a case's checkpoint files are fsynced, and one case's waits let the other run
        ExecutorService eddyPool = Executors.newFixedThreadPool(2);
        List<Future<List<Map<String, Object>>>> eddyFutures = new ArrayList<>();
        for (StreamCase c : cases) {
            eddyFutures.add(eddyPool.submit(() -> EddyStreamSide.run(c)));
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
        Map<String, int[]> shapes = new TreeMap<>(); // per shape: cases, refused by both, mismatches
        int batches = 0;
        int bothRefused = 0;
        int failedByBoth = 0;
        for (int i = 0; i < cases.size(); i++) {
            int number = numbers.get(i);
            List<Map<String, Object>> s = sparkAnswers.get(i);
            List<Map<String, Object>> e = eddy.get(i);
            int[] shape = shapes.computeIfAbsent(cases.get(i).shape(), k -> new int[3]);
            shape[0]++;
            batches += s.size();
            String diff;
            if (StreamBatches.refused(s) && StreamBatches.refused(e)) {
                // an eval-order case that fails in a batch on both sides (a row that reaches a failing expression) is
                // compared by that batch, not refused
                if (cases.get(i).eval() != null
                        && !Integer.valueOf(-1).equals(s.get(0).get("step"))) {
                    failedByBoth++;
                } else {
                    bothRefused++;
                }
                shape[1]++;
                diff = StreamBatches.refusedDifferently(s, e);
                if (diff != null) {
                    shape[2]++;
                    classes.computeIfAbsent("refused at a different moment", k -> new ArrayList<>())
                            .add("seed " + SEED + " case " + number + ": " + diff + "\n      "
                                    + cases.get(i).describe());
                }
                continue;
            }
            diff = StreamBatches.difference(s, e);
            if (diff != null) {
                shape[2]++;
                String cls = diff.replaceAll("\\d+", "N").replaceAll("Spark .*", "");
                List<String> seen = classes.computeIfAbsent(cls, k -> new ArrayList<>());
                if (seen.size() >= 2) { // the report shows two per class: shrink those only
                    seen.add("case " + number);
                    continue;
                }
                StreamCase small = StreamBatches.shrink(engines(spark), cases.get(i));
                seen.add("seed " + SEED + " case " + number + " (case seed "
                        + caseSeed(number) + "): " + diff + "\n      " + small.describe() + "\n      steps: "
                        + small.stepsText()
                        + "\n      Spark: "
                        + SparkStreamSide.run(spark, List.of(small)).get(0) + "\n      Eddy:  "
                        + EddyStreamSide.run(small));
            }
        }
        int mismatches = classes.values().stream().mapToInt(List::size).sum();
        StringBuilder report = new StringBuilder("streaming differential: seed " + SEED
                + (SHAPE.isEmpty() || numbers.isEmpty()
                        ? ""
                        : ", shapes with '" + SHAPE + "' (cases 0 to " + numbers.get(numbers.size() - 1) + ")")
                + ", " + cases.size() + " queries, " + batches
                + " Spark batches, " + mismatches + " mismatches in " + classes.size() + " classes (" + bothRefused
                + " refused by both; " + failedByBoth + " eval-order cases failed by both in the same step)\n");
        report.append(String.format(
                "  time: Spark start %.1f s, Eddy side %.1f s, all cases %.1f s; Spark's case threads"
                        + " spent %.1f s starting queries, %.1f s in data steps, %.1f s restarting%n",
                (tSpark - t0) / 1e9,
                (tEddy - tSpark) / 1e9,
                (tAll - tSpark) / 1e9,
                SparkStreamSide.START_MS.get() / 1e3,
                SparkStreamSide.STEP_MS.get() / 1e3,
                SparkStreamSide.RESTART_MS.get() / 1e3));
        shapes.forEach((k, v) -> report.append(String.format(
                "  %-36s %4d cases, %3d refused or failed by both, %3d mismatches%n", k, v[0], v[1], v[2])));
        classes.forEach((k, v) -> {
            report.append("  [").append(v.size()).append("] ").append(k).append('\n');
            v.stream().limit(2).forEach(x -> report.append("    ").append(x).append('\n'));
        });
        System.out.println(report);
        Files.writeString(Path.of("target", "diff-stream-report.txt"), report);
        assertThat(mismatches).as(report.toString()).isZero();
        assertThat(bothRefused).as("most generated queries must run").isLessThan(Math.max(1, cases.size() / 4));
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
            StreamCase c = new StreamCase(
                    "slide", 600, 300, 0, true, 0, false, mode, List.of(600), "min", false, steps, false);
            List<Map<String, Object>> s = SparkStreamSide.run(spark, List.of(c)).get(0);
            List<Map<String, Object>> e = EddyStreamSide.run(c);
            System.out.println("guide example, " + mode + ", no no-data batches\n  Spark: " + s + "\n  Eddy:  " + e);
            assertThat(StreamBatches.difference(s, e))
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

    private static StreamCase caseOf(int i) {
        return StreamEvalOrder.drawn(
                StreamCaseGenerator.withLateRowRule(StreamCaseGenerator.generate(caseSeed(i)), caseSeed(i)),
                caseSeed(i));
    }

    private static long caseSeed(int i) {
        return SEED * 7_919L + i;
    }

    private static StreamBatches.Engines engines(SparkProcess spark) {
        return new StreamBatches.Engines() {
            @Override
            public List<List<Map<String, Object>>> spark(List<StreamCase> cases) {
                return SparkStreamSide.run(spark, cases);
            }

            @Override
            public List<Map<String, Object>> eddy(StreamCase c) throws Exception {
                return EddyStreamSide.run(c);
            }
        };
    }
}
