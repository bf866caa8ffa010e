package dev.eddy.bench.engine;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.api.data.Row;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Answer checks for the windowed figures: an order-independent checksum over the final (window, key, values) groups
 * of a result, and a plain reference loop that computes the same groups row by row. A figure whose query gives a
 * different checksum than the loop on a small input is not reported (a benchmark must not time a wrong answer).
 */
final class Checksums {
    /** What the reference loop aggregates per (window, key): two values, as the checksum takes them. */
    enum Agg {
        COUNT,
        MAX,
        COUNT_SUM
    }

    private Checksums() {}

    /** One group's contribution; the sum over all groups is the checksum, so the order of groups does not matter. */
    static long group(long windowStartMicros, long key, long a, long b) {
        long h = mix(windowStartMicros);
        h = mix(h ^ key);
        h = mix(h ^ a);
        return mix(h ^ b);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /**
     * The reference: every row goes into each window [start, start + size) with start = k * slide that holds its
     * time, aggregated in a HashMap. {@code keys} null means one global group (key 0). No row may be late.
     */
    static long reference(
            Batch[] input, int keyCol, int valueCol, int timeCol, long sizeMicros, long slideMicros, Agg agg) {
        Map<List<Long>, long[]> groups = new HashMap<>();
        for (Batch b : input) {
            long[] keys = keyCol < 0 ? null : ((LongColumn) b.column(keyCol)).values();
            long[] values = ((LongColumn) b.column(valueCol)).values();
            long[] times = ((LongColumn) b.column(timeCol)).values();
            for (int i = 0; i < b.numRows(); i++) {
                long t = times[i];
                long last = Math.floorDiv(t, slideMicros) * slideMicros;
                for (long start = last; start > t - sizeMicros; start -= slideMicros) {
                    long[] g = groups.computeIfAbsent(List.of(start, keys == null ? 0L : keys[i]), k ->
                            new long[] {0, agg == Agg.MAX ? Long.MIN_VALUE : 0});
                    switch (agg) {
                        case COUNT -> g[0]++;
                        case MAX -> g[0] = Math.max(g[0], values[i]);
                        case COUNT_SUM -> {
                            g[0]++;
                            g[1] += values[i];
                        }
                    }
                }
            }
        }
        long sum = 0;
        for (Map.Entry<List<Long>, long[]> e : groups.entrySet()) {
            long[] g = e.getValue();
            sum += group(e.getKey().get(0), e.getKey().get(1), g[0], agg == Agg.MAX ? 0 : g[1]);
        }
        return sum;
    }

    /**
     * The checksum of an engine result table: column 0 is the window, {@code keyCol} the key (or -1 for none), then
     * one or two long values.
     */
    static long ofResult(List<Row> rows, int keyCol, int firstValueCol, int values) {
        long sum = 0;
        for (Row r : rows) {
            long start = micros(r.getStruct(0).getTimestamp("start"));
            long key = keyCol < 0 ? 0 : r.getLong(keyCol);
            sum += group(start, key, r.getLong(firstValueCol), values == 2 ? r.getLong(firstValueCol + 1) : 0);
        }
        return sum;
    }

    private static long micros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }
}
