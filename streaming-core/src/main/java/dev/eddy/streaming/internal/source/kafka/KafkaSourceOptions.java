package dev.eddy.streaming.internal.source.kafka;

import dev.eddy.streaming.api.spi.SourceContext;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Options of the {@code kafka} source (Spark's names): {@code kafka.bootstrap.servers}, {@code subscribe}
 * (comma-separated topics), {@code startingOffsets} (earliest, latest or JSON per partition),
 * {@code endingOffsets} (JSON per partition, for bounded reads), {@code maxOffsetsPerTrigger}, and any other
 * {@code kafka.*} option passed to the consumer.
 */
record KafkaSourceOptions(String bootstrap, List<String> topics, boolean startLatest,
                          Map<TopicPartition, Long> startingOffsets, Map<TopicPartition, Long> endingOffsets,
                          long maxOffsetsPerTrigger, Duration timeout, Properties extra) {

    static KafkaSourceOptions from(SourceContext ctx) {
        String bootstrap = ctx.requireOption("kafka.bootstrap.servers");
        String subscribe = ctx.option("subscribe", null);
        if (subscribe == null || subscribe.isBlank()) {
            throw new IllegalArgumentException("the kafka source needs option 'subscribe' (comma-separated topics)");
        }
        List<String> topics = Arrays.stream(subscribe.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
        String starting = ctx.option("startingOffsets", "latest").trim();
        boolean latest = !starting.toLowerCase(Locale.ROOT).equals("earliest");
        Map<TopicPartition, Long> startJson = starting.startsWith("{") ? KafkaOffset.parse(starting).positions() : Map.of();
        if (!starting.startsWith("{") && !starting.equalsIgnoreCase("earliest") && !starting.equalsIgnoreCase("latest")) {
            throw new IllegalArgumentException("option 'startingOffsets' must be earliest, latest or JSON like "
                    + "{\"topic\":{\"0\":23}}, got '" + starting + "'");
        }
        String ending = ctx.option("endingOffsets", "latest").trim();
        Map<TopicPartition, Long> endJson = ending.startsWith("{") ? KafkaOffset.parse(ending).positions() : Map.of();
        Properties extra = new Properties();
        ctx.options().forEach((k, v) -> {
            if (k.startsWith("kafka.") && !k.equals("kafka.bootstrap.servers")) {
                extra.put(k.substring("kafka.".length()), v);
            }
        });
        return new KafkaSourceOptions(bootstrap, topics, latest, startJson, endJson,
                ctx.longOption("maxOffsetsPerTrigger", 0), Duration.ofMillis(ctx.longOption("kafka.timeoutMs", 3000)),
                extra);
    }

    Properties consumerProperties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "2000");
        extra.forEach((k, v) -> {
            if (!k.equals("timeoutms")) {
                p.put(k, v);
            }
        });
        return p;
    }
}
