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
 * {@code kafka.*} option passed to the consumer. Spark's {@code startingTimestamp},
 * {@code startingOffsetsByTimestamp} and {@code startingOffsetsByTimestampStrategy} ({@link #start}),
 * {@code minOffsetsPerTrigger} and {@code maxTriggerDelay}, {@code fetchOffset.numRetries} and
 * {@code fetchOffset.retryIntervalMs} ({@link #pacing}) are read as Spark reads them.
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
        Properties extra,
        TimestampStart start,
        Pacing pacing) {

    /**
     * Where to start by record time, Spark's preference order: {@code startingTimestamp} (one time for every
     * partition), else {@code startingOffsetsByTimestamp} (per partition, all of them), else neither (null
     * {@link KafkaSourceOptions#start}). A partition with no record at or after its time starts at its latest offset
     * with strategy {@code latest}, or fails the query with {@code error} (the default).
     *
     * @param global       the time for every partition (epoch ms), or -1
     * @param byPartition  the time per partition (empty with a global time)
     * @param latestOnMiss strategy {@code latest} rather than {@code error}
     */
    record TimestampStart(long global, Map<TopicPartition, Long> byPartition, boolean latestOnMiss) {}

    /**
     * Batch pacing and offset-fetch retries, Spark's options: a trigger with fewer than {@code minOffsets} new
     * records runs no batch unless {@code maxTriggerDelayMs} passed since the last batch; looking up the offsets an
     * available-now or once run starts from and ends at is tried {@code fetchRetries} times,
     * {@code fetchRetryIntervalMs} apart, before the query fails.
     */
    record Pacing(long minOffsets, long maxTriggerDelayMs, int fetchRetries, long fetchRetryIntervalMs) {}

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
        checkValues(ctx);
        long maxOffsets = ctx.longOption("maxOffsetsPerTrigger", 0);
        Pacing pacing = pacing(ctx, maxOffsets);
        return new KafkaSourceOptions(
                bootstrap,
                topics,
                pattern,
                assign,
                latest,
                startJson,
                endJson,
                maxOffsets,
                Duration.ofMillis(ctx.longOption("kafka.timeoutMs", 3000)),
                Boolean.parseBoolean(failOnDataLoss),
                (int) Math.min(samples, 1_000_000),
                Duration.ofMillis(Math.max(100, ctx.longOption("retryBackoffMaxMs", 5000))),
                extra,
                timestampStart(ctx),
                pacing);
    }

    /** Spark's options Eddy takes with their default meaning only, or checks the value of. */
    private static void checkValues(SourceContext ctx) {
        for (String key : List.of("includeHeaders")) {
            String v = ctx.option(key, "false").trim();
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("option '" + key + "' must be true or false, got '" + v + "'");
            }
        }
        KafkaSourceProvider.rawFetch(ctx); // refuses an unknown 'fetch' when the stream is loaded
        if (ctx.option("minPartitions", null) != null && ctx.longOption("minPartitions", 1) <= 0) {
            throw new IllegalArgumentException(
                    "option 'minPartitions' must be positive, got " + ctx.option("minPartitions", null));
        }
    }

    private static TimestampStart timestampStart(SourceContext ctx) {
        String strategy =
                ctx.option("startingOffsetsByTimestampStrategy", "error").trim().toLowerCase(Locale.ROOT);
        if (!strategy.equals("error") && !strategy.equals("latest")) {
            throw new IllegalArgumentException(
                    "option 'startingOffsetsByTimestampStrategy' must be error or latest," + " got '" + strategy + "'");
        }
        String global = ctx.option("startingTimestamp", null);
        if (global != null) {
            try {
                return new TimestampStart(Long.parseLong(global.trim()), Map.of(), strategy.equals("latest"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "option 'startingTimestamp' must be one epoch time in milliseconds, got '" + global + "'");
            }
        }
        String json = ctx.option("startingOffsetsByTimestamp", null);
        if (json == null) {
            return null;
        }
        Map<TopicPartition, Long> times = KafkaOffset.parse(json.trim()).positions();
        if (times.isEmpty()) {
            throw new IllegalArgumentException("option 'startingOffsetsByTimestamp' names no partitions: " + json);
        }
        return new TimestampStart(-1, times, strategy.equals("latest"));
    }

    private static Pacing pacing(SourceContext ctx, long maxOffsets) {
        long min = ctx.longOption("minOffsetsPerTrigger", 0);
        if (min < 0) {
            throw new IllegalArgumentException("option 'minOffsetsPerTrigger' must be positive, got " + min);
        }
        if (min > 0 && maxOffsets > 0 && min > maxOffsets) {
            throw new IllegalArgumentException("option 'minOffsetsPerTrigger' (" + min + ") is higher than"
                    + " 'maxOffsetsPerTrigger' (" + maxOffsets + ")");
        }
        String delay = ctx.option("maxTriggerDelay", "15m");
        long delayMs = DurationText.millis("maxTriggerDelay", delay);
        long retries = ctx.longOption("fetchOffset.numRetries", 3);
        if (retries <= 0) {
            throw new IllegalArgumentException("option 'fetchOffset.numRetries' must be positive, got " + retries);
        }
        long interval = ctx.longOption("fetchOffset.retryIntervalMs", 1000);
        if (interval < 0) {
            throw new IllegalArgumentException(
                    "option 'fetchOffset.retryIntervalMs' must be 0 or more, got " + interval);
        }
        return new Pacing(min, delayMs, (int) Math.min(retries, 1000), interval);
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
