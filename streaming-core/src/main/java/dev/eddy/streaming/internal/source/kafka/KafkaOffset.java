package dev.eddy.streaming.internal.source.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.streaming.api.spi.Offset;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/** The next offset to read per topic partition; JSON like Spark's: {@code {"clicks":{"0":23,"1":-2}}}. */
public record KafkaOffset(Map<TopicPartition, Long> positions) implements Offset {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Comparator<TopicPartition> ORDER =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    public KafkaOffset {
        TreeMap<TopicPartition, Long> sorted = new TreeMap<>(ORDER);
        sorted.putAll(positions);
        positions = Collections.unmodifiableMap(sorted);
    }

    public long position(TopicPartition tp) {
        Long p = positions.get(tp);
        return p == null ? 0 : p;
    }

    @Override
    public String json() {
        ObjectNode root = JSON.createObjectNode();
        positions.forEach((tp, v) -> {
            ObjectNode t = root.has(tp.topic()) ? (ObjectNode) root.get(tp.topic()) : root.putObject(tp.topic());
            t.put(Integer.toString(tp.partition()), v);
        });
        return root.toString();
    }

    /** Parses {@code {"topic":{"partition":offset}}}; -2 means earliest and -1 latest (only in options). */
    public static KafkaOffset parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Kafka offsets must be JSON like {\"topic\":{\"0\":23}}, got: " + json);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(
                    "Kafka offsets must be a JSON object like {\"topic\":{\"0\":23}}, got: " + json);
        }
        Map<TopicPartition, Long> out = new TreeMap<>(ORDER);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> t = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> ps = t.getValue().fields(); ps.hasNext(); ) {
                Map.Entry<String, JsonNode> p = ps.next();
                out.put(
                        new TopicPartition(t.getKey(), Integer.parseInt(p.getKey())),
                        p.getValue().asLong());
            }
        }
        return new KafkaOffset(out);
    }
}
