package dev.eddy.sql.diff;

import dev.eddy.sql.diff.StreamCase.DedupSpec;
import dev.eddy.sql.diff.StreamCase.JoinSpec;
import dev.eddy.sql.diff.StreamCase.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Seeded random {@link StreamCase}s: windowed aggregations (the first shape), deduplication (with and without the
 * event time among the keys, alone or feeding a windowed aggregation), stream-stream joins (alone or feeding a
 * windowed aggregation: Spark 4's multiple stateful operators), each with late and out-of-order rows, restarts from
 * the checkpoint and both multiple-watermark policies.
 *
 * <p>Switches for differences that are known and not fixed (listed in sql/README.md's "Known differences"): a shape
 * is drawn only when its switch is on.
 */
final class StreamCaseGenerator {
    /**
     * A WHERE over the event time and v whose NULL v Spark filters before the watermark (its inferred isnotnull(v)),
     * see {@link StreamCase#DAY_FILTER} (on by default since Eddy infers it as well; false reads v through coalesce).
     */
    static final boolean INFERRED_NOT_NULL =
            Boolean.parseBoolean(System.getProperty("eddy.diff.stream.inferredNotNull", "true"));
    /** dropDuplicatesWithinWatermark (on by default since Eddy has the operator; false leaves it out). */
    static final boolean DEDUP_WITHIN_WATERMARK =
            Boolean.parseBoolean(System.getProperty("eddy.diff.stream.withinWatermark", "true"));
    /** LEFT SEMI JOIN of two streams (on by default since Eddy runs them; false leaves them out). */
    static final boolean LEFT_SEMI_JOINS =
            Boolean.parseBoolean(System.getProperty("eddy.diff.stream.leftSemi", "true"));
    /**
     * Interval cases also select and aggregate intervals of other fields than the engine's three types ({@code
     * INTERVAL '3' HOUR}, {@code SUM(INTERVAL '1' MONTH)}); {@code false} draws them as seeds did before.
     */
    static final boolean INTERVAL_FORMS =
            Boolean.parseBoolean(System.getProperty("eddy.diff.stream.intervalForms", "true"));
    /**
     * Joins on the equality of both sides' projected windows, tumbling or sliding (on by default since Eddy runs them;
     * false leaves them out).
     */
    static final boolean WINDOW_JOINS = Boolean.parseBoolean(System.getProperty("eddy.diff.stream.windowJoin", "true"));

    /**
     * Joins on windows under an aggregation grouped by the window struct ({@code GROUP BY w}; on by default since Eddy
     * groups by a struct; false keeps the joins under an aggregation on an event-time range, as seeds drew them before).
     */
    static final boolean WINDOW_JOIN_AGGREGATES =
            Boolean.parseBoolean(System.getProperty("eddy.diff.stream.windowJoinAggregate", "true"));

    /**
     * Joins with NULL keys and a WHERE on one side's key, whose rows Spark filters before the watermark by the filters
     * it infers (on by default since Eddy infers them as well; false leaves both out).
     */
    static final boolean JOIN_INFERRED_FILTERS =
            Boolean.parseBoolean(System.getProperty("eddy.diff.stream.joinInferred", "true"));

    private static final long S = 1_000_000L; // micros per second
    private static final List<String> KEYS = List.of("a", "b", "c");

    private StreamCaseGenerator() {}

    static StreamCase generate(long seed) {
        // mixed first: java.util.Random's first draw from consecutive seeds is nearly constant (every case had size 20)
        Random r = new Random(new SplittableRandom(seed).nextLong());
        // the new shapes cost Spark two to three times a windowed aggregation (more state stores per batch): a third of
        // the cases, so that the default run stays near its old time
        int shape = r.nextInt(20);
        if (shape < 13) {
            // a quarter of them with Spark's DATE (a day key and a date filter), drawn apart so that a seed's other
            // choices stay what they were
            return windowedAggregation(r).withByDay(new SplittableRandom(seed ^ 0xDA7EL).nextInt(4) == 0);
        }
        if (shape < 16) {
            return deduplication(r);
        }
        return withJoinEdges(join(r, shape >= 18, new SplittableRandom(seed ^ 0x0DE1A7L)), seed);
    }

    /**
     * Spark's inferred filters on a join's inputs (InferFiltersFromConstraints): in half the inner and left semi joins a
     * sixth of the rows have a NULL k (Spark filters them before the watermark on each side whose rows only come out matched), in a
     * third a WHERE on one side's k (Spark filters the other side on its k too). Drawn apart from the case's other
     * choices, so that those stay what they were for a seed.
     */
    private static StreamCase withJoinEdges(StreamCase c, long seed) {
        if (!JOIN_INFERRED_FILTERS) {
            return c;
        }
        Random r = new Random(seed ^ 0x1AF3_0BL);
        if (r.nextInt(3) == 0) {
            c = c.withJoin(c.join().withKeyFilter(KEYS.get(r.nextInt(KEYS.size()))));
        }
        if (r.nextBoolean()) {
            c = c.withRowsMapped(row -> {
                if (r.nextInt(6) == 0) {
                    row.set(1, null);
                }
                return row;
            });
        }
        return c;
    }

    private static StreamCase windowedAggregation(Random r) {
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
        int aggs = r.nextInt(StreamCase.AGGS.size());
        boolean positiveOnly = r.nextInt(4) == 0;
        // session windows too: Spark refuses update mode for them (so does Eddy, both refusals are counted); complete
        // mode drops their late rows (by the previous batch's watermark) and keeps closed sessions
        String mode = List.of("append", "update", "complete").get(r.nextInt(3));
        int inputs = r.nextInt(4) == 0 ? 2 : 1;
        List<Integer> delays = delays(r, inputs);
        String policy = inputs > 1 && r.nextBoolean() ? "max" : "min";
        boolean javaApi = r.nextInt(4) == 0;
        List<Step> steps = steps(r, inputs, r.nextInt(5) == 0, false);
        return new StreamCase(
                window, size, slide, startTime, keyed, aggs, positiveOnly, mode, delays, policy, javaApi, steps, true);
    }

    /** dropDuplicates on one input or a union, alone (append or update) or feeding a windowed aggregation. */
    private static StreamCase deduplication(Random r) {
        int inputs = r.nextInt(4) == 0 ? 2 : 1;
        List<Integer> delays = delays(r, inputs);
        String policy = inputs > 1 && r.nextBoolean() ? "max" : "min";
        boolean within = DEDUP_WITHIN_WATERMARK && r.nextInt(3) == 0;
        List<List<String>> keyChoices = within
                ? List.of(List.of("k"), List.of("k", "v"))
                : List.of(List.of("k"), List.of("k", "v"), List.of("ts", "k"), List.of("ts"), List.of("v", "ts"));
        DedupSpec dedup = new DedupSpec(keyChoices.get(r.nextInt(keyChoices.size())), within);
        boolean aggregate = r.nextBoolean();
        int size = r.nextBoolean() ? 10 : 20;
        String window = aggregate && r.nextBoolean() ? "slide" : "tumble";
        String mode = aggregate ? (r.nextInt(6) == 0 ? "update" : "append") : (r.nextInt(4) == 0 ? "update" : "append");
        List<Step> steps = steps(r, inputs, r.nextInt(5) == 0, true);
        return new StreamCase(
                window,
                size,
                window.equals("slide") ? size / 2 : size,
                0,
                r.nextBoolean(),
                r.nextInt(StreamCase.AGGS.size()),
                r.nextInt(4) == 0,
                mode,
                delays,
                policy,
                false,
                steps,
                true,
                aggregate,
                null,
                dedup);
    }

    /** lefts JOIN rights on k and an event-time range, alone or feeding a windowed aggregation (append mode). */
    private static StreamCase join(Random r, boolean aggregate, SplittableRandom apart) {
        List<String> types = new ArrayList<>(List.of("inner", "left", "right"));
        if (LEFT_SEMI_JOINS && !aggregate) {
            types.add("semi");
        }
        String type = types.get(r.nextInt(types.size()));
        int lower = List.of(0, 5, 10).get(r.nextInt(3));
        int upper = List.of(0, 5, 10).get(r.nextInt(3));
        boolean strict = r.nextInt(4) == 0;
        // a third of the joins without an aggregation above are on windows, half of them sliding; now and then a side
        // keeps ts beside its window, which Spark refuses (two event-time columns) and so must Eddy
        boolean onWindows = WINDOW_JOINS && !aggregate && r.nextInt(3) == 0;
        int slide = onWindows && r.nextBoolean() ? 5 : 0;
        boolean withTs = onWindows && r.nextInt(8) == 0;
        if (WINDOW_JOINS && WINDOW_JOIN_AGGREGATES && aggregate && apart.nextInt(3) == 0) {
            // a third of the joins under an aggregation are on windows, grouped by the window struct (GROUP BY w);
            // drawn apart, so that a seed's other choices stay what they were
            onWindows = true;
            slide = apart.nextBoolean() ? 5 : 0;
        }
        JoinSpec join = new JoinSpec(type, lower, upper, strict, onWindows ? 10 : 0, slide, withTs, null);
        List<Integer> delays = delays(r, 2);
        if (onWindows && apart.nextInt(4) == 0) {
            // a quarter of the window joins with one side not watermarked (drawn apart, so that a seed's other
            // choices stay): Spark keeps a watermark on its attribute, so the other side's w of the same name has none
            int side = apart.nextInt(2);
            if (aggregate && apart.nextInt(5) != 0) {
                // under GROUP BY w, four in five leave the other side than the grouped one (the preserved side's w,
                // the right's for a right join) without a watermark: Spark runs those (the grouped w keeps its
                // watermark) and refuses an aggregation on a w without one, which the fifth still draws
                side = type.equals("right") ? 0 : 1;
            }
            delays.set(side, -1);
        }
        String policy = r.nextBoolean() ? "max" : "min";
        int size = r.nextBoolean() ? 10 : 20;
        String window = r.nextBoolean() ? "slide" : "tumble";
        List<Step> steps = steps(r, 2, r.nextInt(5) == 0, true);
        return new StreamCase(
                window,
                size,
                window.equals("slide") ? size / 2 : size,
                0,
                r.nextBoolean(),
                r.nextInt(StreamCase.AGGS.size()),
                aggregate && r.nextInt(4) == 0,
                "append",
                delays,
                policy,
                false,
                steps,
                true,
                aggregate,
                join,
                null);
    }

    private static List<Integer> delays(Random r, int inputs) {
        List<Integer> delays = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            delays.add(List.of(0, 5, 10, 30).get(r.nextInt(4)));
        }
        return delays;
    }

    /**
     * 3 to 6 data steps (3 or 4 when busy), now and then a restart (with two inputs the session may then say the other policy: the
     * checkpoint's must still hold). {@code busy}: every input gets rows more often (joins need both sides), and
     * duplicates of earlier rows come back.
     */
    private static List<Step> steps(Random r, int inputs, boolean nearEpoch, boolean busy) {
        List<Step> steps = new ArrayList<>();
        List<List<Object>> seen = new ArrayList<>();
        int n = busy ? 3 + r.nextInt(2) : 3 + r.nextInt(4);
        long clock = nearEpoch ? r.nextInt(10) : 100 + r.nextInt(50); // event-time seconds
        for (int i = 0; i < n; i++) {
            if (i > 0 && r.nextInt(7) == 0) {
                String other = inputs > 1 && r.nextBoolean() ? (r.nextBoolean() ? "max" : "min") : null;
                steps.add(new Step(null, true, other));
            }
            List<List<List<Object>>> perInput = new ArrayList<>();
            for (int in = 0; in < inputs; in++) {
                List<List<Object>> rows = new ArrayList<>();
                int silent = busy ? 5 : 3;
                int m = inputs > 1 && r.nextInt(silent) == 0 ? 0 : r.nextInt(busy ? 6 : 5);
                for (int j = 0; j < m; j++) {
                    if (busy && !seen.isEmpty() && r.nextInt(4) == 0) {
                        rows.add(seen.get(r.nextInt(seen.size()))); // a duplicate, maybe late by now
                        continue;
                    }
                    long t = clock
                            + r.nextInt(12)
                            - (r.nextInt(4) == 0 ? 25 + r.nextInt(20) : 0); // late or out of order
                    List<Object> row = new ArrayList<>();
                    // whole seconds now and then, so that rows meet a time bound or a duplicate's time exactly
                    row.add(t * S + (busy && r.nextBoolean() ? 0 : r.nextInt(1000) * 1000L));
                    row.add(KEYS.get(r.nextInt(KEYS.size())));
                    row.add(r.nextInt(6) == 0 ? null : r.nextInt(21) - 5);
                    rows.add(row);
                    seen.add(row);
                }
                perInput.add(rows);
            }
            steps.add(new Step(perInput, false, null));
            clock += r.nextInt(16);
        }
        return steps;
    }

    /**
     * Spark's late-row rule (SPARK-40925): a stateful operator drops an input row as late by the watermark the previous
     * batch ran with, and evicts by the one the batch runs with. The two differ when a data batch directly follows the
     * batch that moved the watermark, which is what no-data batches usually prevent; so a third of the cases turn them
     * off (both engines) and every such data batch gets a row between the two watermarks (give or take a window): late
     * by the new watermark, not by the previous batch's. The watermark is simulated as the engines keep it (per input
     * max event time minus delay, 0 for an input without rows since the start, min or max by the policy, never back).
     */
    static StreamCase withLateRowRule(StreamCase c, long seed) {
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
                row.add(KEYS.get(r.nextInt(KEYS.size())));
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
                    if (c.delays().get(in) < 0) {
                        continue; // no watermark on this input
                    }
                    long v = maxSeen[in] == Long.MIN_VALUE
                            ? 0
                            : (maxSeen[in] / 1000 - c.delays().get(in) * 1000L) * 1000;
                    chosen = policy.equals("max") ? Math.max(chosen, v) : Math.min(chosen, v);
                }
                global = Math.max(global, chosen);
            }
            steps.add(new Step(perInput, false, null));
        }
        return c.withSteps(steps).withNoDataBatches(false);
    }
}
