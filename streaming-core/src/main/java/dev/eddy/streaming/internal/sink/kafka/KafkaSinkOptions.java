package dev.eddy.streaming.internal.sink.kafka;

import dev.eddy.streaming.api.spi.SinkContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Options of the {@code kafka} sink: {@code kafka.bootstrap.servers}, {@code topic} (else each row's
 * {@code topic} column), optional {@code transactionalId}, {@code kafka.timeoutMs} (default 10000: how long one
 * broker call may block), {@code retryBackoffMaxMs} (default 5000: the longest wait between retries while the
 * broker is down); other {@code kafka.*} options go to the producer. A checkpointed query gets a transactional id
 * derived from its checkpoint location, which is stable across restarts of the query. Each batch's transaction
 * commits a marker naming the batch and the query id; only markers of this query count as its own progress.
 */
record KafkaSinkOptions(
        String bootstrap,
        String topic,
        String transactionalId,
        String queryId,
        Duration timeout,
        Duration maxBackoff,
        Properties extra) {

    static KafkaSinkOptions from(SinkContext ctx) {
        String bootstrap = ctx.requireOption("kafka.bootstrap.servers");
        String topic = ctx.option("topic", null);
        String txId = ctx.option("transactionalId", null);
        if (txId == null && ctx.metadataPath().isPresent()) {
            String where = Path.of(ctx.metadataPath().get())
                    .toAbsolutePath()
                    .normalize()
                    .toString();
            txId = "eddy-" + UUID.nameUUIDFromBytes(where.getBytes(StandardCharsets.UTF_8));
        }
        Properties extra = new Properties();
        ctx.options().forEach((k, v) -> {
            if (k.startsWith("kafka.") && !k.equals("kafka.bootstrap.servers") && !k.equals("kafka.timeoutms")) {
                extra.put(k.substring("kafka.".length()), v);
            }
        });
        long timeout = Long.parseLong(ctx.option("kafka.timeoutMs", "10000").trim());
        long backoff = Long.parseLong(ctx.option("retryBackoffMaxMs", "5000").trim());
        return new KafkaSinkOptions(
                bootstrap,
                topic,
                txId,
                ctx.queryId().orElse(null),
                Duration.ofMillis(Math.max(100, timeout)),
                Duration.ofMillis(Math.max(100, backoff)),
                extra);
    }

    /** The pseudo consumer group whose committed offset records the last batch id written. */
    String markerGroup() {
        return transactionalId + "-batches";
    }

    /**
     * The metadata of the marker a batch's transaction commits: the batch and the query that wrote it, so that a
     * marker another query left under the same transactional id (a deleted checkpoint run again at the same
     * location, or two queries given one {@code transactionalId}) is not read as this query's.
     */
    String marker(long batchId) {
        return "eddy batch " + batchId + (queryId != null ? " query " + queryId : "");
    }

    /**
     * Whether a marker's metadata was written by this query: it names this query, or it names none (a marker of a
     * version before markers named their query, trusted as before; likewise when this query has no id).
     */
    boolean ownMarker(String metadata) {
        if (queryId == null || metadata == null) {
            return true;
        }
        int at = metadata.indexOf(" query ");
        return at < 0 || metadata.substring(at + " query ".length()).equals(queryId);
    }

    Properties producerProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // bounded calls: a broker that is down shows up as a timeout the sink retries, not a minute-long block
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout.toMillis()));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(2 * timeout.toMillis()));
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "2000");
        if (transactionalId != null) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        p.putAll(extra);
        return p;
    }

    Properties adminProperties() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        extra.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k.toString())) {
                p.put(k, v);
            }
        });
        return p;
    }
}
