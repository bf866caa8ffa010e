package dev.eddy.streaming.internal.source.topic;

import dev.eddy.streaming.api.spi.PartitionOffsets;
import dev.eddy.streaming.internal.log.TopicLog;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code startingOffsets} / {@code endingOffsets}: {@code earliest}, {@code latest}, or JSON per partition,
 * either {@code {"0":5,"1":-2}} or Spark's {@code {"topic":{"0":5}}}, where -2 means earliest and -1 latest.
 * Partitions left out of the JSON start at the default ({@code earliest} for starting, {@code latest} for ending).
 */
final class StartingOffsets {
    private static final Pattern ENTRY = Pattern.compile("\"(\\d+)\"\\s*:\\s*(-?\\d+)");

    private StartingOffsets() {}

    static PartitionOffsets resolve(String spec, TopicLog log, boolean defaultEarliest) {
        String s = spec.trim();
        Map<Integer, Long> given = new TreeMap<>();
        boolean earliest = defaultEarliest;
        if (s.equalsIgnoreCase("earliest")) {
            earliest = true;
        } else if (s.equalsIgnoreCase("latest")) {
            earliest = false;
        } else if (s.startsWith("{")) {
            Matcher m = ENTRY.matcher(s);
            while (m.find()) {
                given.put(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
            }
        } else {
            throw new IllegalArgumentException(
                    "offsets '" + spec + "' must be earliest, latest or JSON like {\"0\":5}");
        }
        TreeMap<Integer, Long> out = new TreeMap<>();
        for (int p = 0; p < log.partitionCount(); p++) {
            long v = given.getOrDefault(p, earliest ? -2L : -1L);
            if (v == -2) {
                v = log.partition(p).earliestOffset();
            } else if (v == -1) {
                v = log.partition(p).latestOffset();
            } else if (v < 0) {
                throw new IllegalArgumentException("offset " + v + " for partition " + p + " is not valid");
            }
            out.put(p, v);
        }
        for (int p : given.keySet()) {
            if (p >= log.partitionCount()) {
                throw new IllegalArgumentException("topic '" + log.name() + "' has no partition " + p);
            }
        }
        return new PartitionOffsets(out);
    }
}
