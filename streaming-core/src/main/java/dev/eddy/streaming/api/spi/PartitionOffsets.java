package dev.eddy.streaming.api.spi;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An offset per partition (topic log, Kafka): partition number to the next position to read in it.
 * JSON form: {@code {"0":12,"1":7}} with partitions in ascending order.
 */
public record PartitionOffsets(SortedMap<Integer, Long> positions) implements Offset {
    private static final Pattern ENTRY = Pattern.compile("\"(-?\\d+)\"\\s*:\\s*(-?\\d+)");

    public PartitionOffsets {
        positions = Collections.unmodifiableSortedMap(new TreeMap<>(positions));
    }

    public static PartitionOffsets of(Map<Integer, Long> positions) {
        return new PartitionOffsets(new TreeMap<>(positions));
    }

    public long position(int partition) {
        Long p = positions.get(partition);
        if (p == null) {
            throw new IllegalArgumentException("no partition " + partition + " in offset " + json());
        }
        return p;
    }

    /** A copy with one partition's position replaced or added. */
    public PartitionOffsets with(int partition, long position) {
        TreeMap<Integer, Long> m = new TreeMap<>(positions);
        m.put(partition, position);
        return new PartitionOffsets(m);
    }

    @Override
    public String json() {
        StringBuilder sb = new StringBuilder("{");
        positions.forEach((p, v) -> {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"').append(p).append("\":").append(v);
        });
        return sb.append('}').toString();
    }

    public static PartitionOffsets parse(String json) {
        String s = json.trim();
        if (!s.startsWith("{") || !s.endsWith("}")) {
            throw new IllegalArgumentException("not a partition offset: '" + json + "'");
        }
        TreeMap<Integer, Long> m = new TreeMap<>();
        Matcher matcher = ENTRY.matcher(s);
        while (matcher.find()) {
            m.put(Integer.parseInt(matcher.group(1)), Long.parseLong(matcher.group(2)));
        }
        PartitionOffsets parsed = new PartitionOffsets(m);
        if (!parsed.json().equals(s.replaceAll("\\s", ""))) {
            throw new IllegalArgumentException("not a partition offset: '" + json + "'");
        }
        return parsed;
    }

    @Override
    public String toString() {
        return json();
    }
}
