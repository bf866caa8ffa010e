package dev.eddy.streaming.internal.source.kafka;

import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.IsolationLevel;

/**
 * The consumer settings a raw fetch honours, read as the consumer reads them (its defaults, its validation): the
 * source's {@code kafka.*} options, so both fetchers connect, fetch and filter alike.
 */
record KafkaRawSettings(
        ConsumerConfig config,
        IsolationLevel isolation,
        boolean checkCrcs,
        int partitionBytes,
        int maxBytes,
        int maxWaitMs,
        int minBytes,
        long retryBackoffMs) {

    static KafkaRawSettings of(Properties properties) {
        ConsumerConfig config = new ConsumerConfig(properties);
        return new KafkaRawSettings(
                config,
                IsolationLevel.valueOf(
                        config.getString(ConsumerConfig.ISOLATION_LEVEL_CONFIG).toUpperCase(Locale.ROOT)),
                config.getBoolean(ConsumerConfig.CHECK_CRCS_CONFIG),
                config.getInt(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG),
                config.getInt(ConsumerConfig.FETCH_MAX_BYTES_CONFIG),
                config.getInt(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG),
                config.getInt(ConsumerConfig.FETCH_MIN_BYTES_CONFIG),
                config.getLong(ConsumerConfig.RETRY_BACKOFF_MS_CONFIG));
    }
}
