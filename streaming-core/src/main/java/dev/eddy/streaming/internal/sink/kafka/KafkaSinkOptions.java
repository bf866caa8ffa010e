package dev.eddy.streaming.internal.sink.kafka;

import dev.eddy.streaming.api.spi.SinkContext;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;

/**
 * Options of the {@code kafka} sink: {@code kafka.bootstrap.servers}, {@code topic}, optional
 * {@code transactionalId}; other {@code kafka.*} options go to the producer. A checkpointed query gets a
 * transactional id derived from its checkpoint location, which is stable across restarts of the query.
 */
record KafkaSinkOptions(String bootstrap, String topic, String transactionalId, Properties extra) {

    static KafkaSinkOptions from(SinkContext ctx) {
        String bootstrap = ctx.requireOption("kafka.bootstrap.servers");
        String topic = ctx.requireOption("topic");
        String txId = ctx.option("transactionalId", null);
        if (txId == null && ctx.metadataPath().isPresent()) {
            String where = Path.of(ctx.metadataPath().get()).toAbsolutePath().normalize().toString();
            txId = "eddy-" + UUID.nameUUIDFromBytes(where.getBytes(StandardCharsets.UTF_8));
        }
        Properties extra = new Properties();
        ctx.options().forEach((k, v) -> {
            if (k.startsWith("kafka.") && !k.equals("kafka.bootstrap.servers")) {
                extra.put(k.substring("kafka.".length()), v);
            }
        });
        return new KafkaSinkOptions(bootstrap, topic, txId, extra);
    }

    /** The pseudo consumer group whose committed offset records the last batch id written. */
    String markerGroup() {
        return transactionalId + "-batches";
    }

    Properties producerProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        if (transactionalId != null) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        p.putAll(extra);
        return p;
    }
}
