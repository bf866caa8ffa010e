package dev.eddy.streaming.internal.source.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.streaming.api.spi.SourceContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Options of the {@code kafka} source (Spark's names): {@code kafka.bootstrap.servers}, one of {@code subscribe}
 * (comma-separated topics), {@code subscribePattern} (regex, resolved when the query starts) or {@code assign}
 * (JSON {@code {"topic":[0,1]}}), {@code startingOffsets} (earliest, latest or JSON per partition),
 * {@code endingOffsets} (JSON per partition, for bounded reads), {@code maxOffsetsPerTrigger}, {@code failOnDataLoss}
 * (default true), {@code samplingRecords} (values sampled to infer a json/csv value schema),
 * {@code retryBackoffMaxMs} (the longest wait between checks while the broker is down) and any other
 * {@code kafka.*} option passed to the consumer.
 */
record KafkaSourceOptions(
        String bootstrap,
        List<String> topics,
        Pattern pattern,
        List<TopicPartition> assign,
        boolean startLatest,
        Map<TopicPartition, Long> startingOffsets,
        Map<TopicPartition, Long> endingOffsets,
        long maxOffsetsPerTrigger,
        Duration timeout,
        boolean failOnDataLoss,
        int samplingRecords,
        Duration maxBackoff,
        Properties extra) {

    static KafkaSourceOptions from(SourceContext ctx) {
        String bootstrap = ctx.requireOption("kafka.bootstrap.servers");
        String subscribe = ctx.option("subscribe", null);
        String patternText = ctx.option("subscribePattern", null);
        String assignJson = ctx.option("assign", null);
        int given = (subscribe != null ? 1 : 0) + (patternText != null ? 1 : 0) + (assignJson != null ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException("the kafka source needs exactly one of the options 'subscribe' "
                    + "(comma-separated topics), 'subscribePattern' (a regex) or 'assign' (JSON like "
                    + "{\"topic\":[0,1]}); got " + given);
        }
        List<String> topics = subscribe == null
                ? List.of()
                : Arrays.stream(subscribe.split(","))
                        .map(String::trim)
                        .filter(t -> !t.isEmpty())
                        .toList();
        Pattern pattern;
        try {
            pattern = patternText == null ? null : Pattern.compile(patternText);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("option 'subscribePattern' is not a valid regex: " + e.getMessage());
        }
        List<TopicPartition> assign = assignJson == null ? List.of() : parseAssign(assignJson);
        String starting = ctx.option("startingOffsets", "latest").trim();
        boolean latest = !starting.toLowerCase(Locale.ROOT).equals("earliest");
        Map<TopicPartition, Long> startJson =
                starting.startsWith("{") ? KafkaOffset.parse(starting).positions() : Map.of();
        if (!starting.startsWith("{")
                && !starting.equalsIgnoreCase("earliest")
                && !starting.equalsIgnoreCase("latest")) {
            throw new IllegalArgumentException("option 'startingOffsets' must be earliest, latest or JSON like "
                    + "{\"topic\":{\"0\":23}}, got '" + starting + "'");
        }
        String ending = ctx.option("endingOffsets", "latest").trim();
        Map<TopicPartition, Long> endJson =
                ending.startsWith("{") ? KafkaOffset.parse(ending).positions() : Map.of();
        Properties extra = new Properties();
        ctx.options().forEach((k, v) -> {
            if (k.startsWith("kafka.") && !k.equals("kafka.bootstrap.servers")) {
                extra.put(k.substring("kafka.".length()), v);
            }
        });
        String failOnDataLoss = ctx.option("failOnDataLoss", "true").trim();
        if (!failOnDataLoss.equalsIgnoreCase("true") && !failOnDataLoss.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(
                    "option 'failOnDataLoss' must be true or false, got '" + failOnDataLoss + "'");
        }
        long samples = ctx.longOption("samplingRecords", 1000);
        if (samples <= 0) {
            throw new IllegalArgumentException("option 'samplingRecords' must be positive, got " + samples);
        }
        return new KafkaSourceOptions(
                bootstrap,
                topics,
                pattern,
                assign,
                latest,
                startJson,
                endJson,
                ctx.longOption("maxOffsetsPerTrigger", 0),
                Duration.ofMillis(ctx.longOption("kafka.timeoutMs", 3000)),
                Boolean.parseBoolean(failOnDataLoss),
                (int) Math.min(samples, 1_000_000),
                Duration.ofMillis(Math.max(100, ctx.longOption("retryBackoffMaxMs", 5000))),
                extra);
    }

    private static List<TopicPartition> parseAssign(String json) {
        List<TopicPartition> out = new ArrayList<>();
        try {
            JsonNode root = new ObjectMapper().readTree(json);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("not an object");
            }
            root.fields()
                    .forEachRemaining(t ->
                            t.getValue().forEach(p -> out.add(new TopicPartition(t.getKey(), p.asInt()))));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("option 'assign' must be JSON like {\"topic\":[0,1]}, got: " + json);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("option 'assign' names no partitions: " + json);
        }
        return out;
    }

    String describe() {
        if (pattern != null) {
            return "SubscribePattern[" + pattern + "]";
        }
        return assign.isEmpty() ? "Subscribe[" + String.join(",", topics) + "]" : "Assign[" + assign + "]";
    }

    /**
     * Consumer settings for reading a logged range as fast as the client can (each can be overridden with a
     * {@code kafka.*} option): more records per poll and bytes per partition fetch, so a 500,000-record batch takes
     * tens of round trips instead of a thousand hand-offs, and a socket buffer that holds such a fetch.
     * {@code fetch.min.bytes} stays 1 (a larger one would make a 100 ms trigger wait up to fetch.max.wait.ms), and
     * {@code check.crcs} stays on.
     */
    static final Map<String, String> THROUGHPUT = Map.of(
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            "10000",
            ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
            Integer.toString(4 << 20),
            ConsumerConfig.RECEIVE_BUFFER_CONFIG,
            Integer.toString(1 << 20));

    Properties consumerProperties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "2000");
        p.putAll(THROUGHPUT);
        extra.forEach((k, v) -> {
            if (!k.equals("timeoutms")) {
                p.put(k, v);
            }
        });
        // Spark's rule: the source, not the consumer, decides what happens to offsets that are out of range
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        return p;
    }
}
