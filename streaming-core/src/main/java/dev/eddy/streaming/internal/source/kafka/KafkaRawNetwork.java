package dev.eddy.streaming.internal.source.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.ApiVersions;
import org.apache.kafka.clients.ClientUtils;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.Metadata;
import org.apache.kafka.clients.MetadataRecoveryStrategy;
import org.apache.kafka.clients.NetworkClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.internals.ClusterResourceListeners;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.network.ChannelBuilder;
import org.apache.kafka.common.network.Selector;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.utils.LogContext;
import org.apache.kafka.common.utils.Time;

/**
 * The raw fetch's connection to the cluster, set up as the consumer sets up its own: kafka-clients'
 * {@code NetworkClient} (connections, API version negotiation, throttling) over a {@code Selector} with the channel
 * builder of the security settings ({@code kafka.security.protocol}, SSL, SASL), and a {@code Metadata} of the
 * assigned topics only, which the client keeps up to date (leaders and their epochs, topic ids).
 */
final class KafkaRawNetwork {
    final NetworkClient client;
    final TopicsMetadata metadata;
    private final Metrics metrics;

    private KafkaRawNetwork(NetworkClient client, TopicsMetadata metadata, Metrics metrics) {
        this.client = client;
        this.metadata = metadata;
        this.metrics = metrics;
    }

    /** Connects lazily: the first request opens the connections. */
    static KafkaRawNetwork open(ConsumerConfig config, Collection<TopicPartition> assigned, Time time) {
        LogContext log = new LogContext("[eddy-kafka-raw] ");
        Metrics metrics = new Metrics(time);
        TopicsMetadata metadata = new TopicsMetadata(
                config.getLong(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG),
                config.getLong(CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG),
                config.getLong(CommonClientConfigs.METADATA_MAX_AGE_CONFIG),
                log);
        metadata.bootstrap(ClientUtils.parseAndValidateAddresses(config));
        metadata.topics(assigned);
        ChannelBuilder channels = ClientUtils.createChannelBuilder(config, time, log);
        Selector selector = new Selector(
                config.getLong(ConsumerConfig.CONNECTIONS_MAX_IDLE_MS_CONFIG),
                metrics,
                time,
                "eddy-kafka-raw",
                channels,
                log);
        NetworkClient client = new NetworkClient(
                selector,
                metadata,
                config.getString(ConsumerConfig.CLIENT_ID_CONFIG) + "-eddy-raw",
                100,
                config.getLong(ConsumerConfig.RECONNECT_BACKOFF_MS_CONFIG),
                config.getLong(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG),
                config.getInt(ConsumerConfig.SEND_BUFFER_CONFIG),
                config.getInt(ConsumerConfig.RECEIVE_BUFFER_CONFIG),
                config.getInt(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG),
                config.getLong(ConsumerConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG),
                config.getLong(ConsumerConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG),
                time,
                true,
                new ApiVersions(),
                log,
                MetadataRecoveryStrategy.forName(
                        config.getString(CommonClientConfigs.METADATA_RECOVERY_STRATEGY_CONFIG)));
        return new KafkaRawNetwork(client, metadata, metrics);
    }

    /** Closes the connections and the metrics; never throws. */
    void close() {
        try {
            client.close();
        } catch (RuntimeException e) {
            // closing must not throw
        }
        metrics.close();
    }

    /** Metadata of the assigned topics only (the client's default would ask for every topic of the cluster). */
    static final class TopicsMetadata extends Metadata {
        private volatile List<String> topics = List.of();

        TopicsMetadata(long backoffMs, long backoffMaxMs, long maxAgeMs, LogContext log) {
            super(backoffMs, backoffMaxMs, maxAgeMs, log, new ClusterResourceListeners());
        }

        void topics(Collection<TopicPartition> parts) {
            List<String> t = parts.stream()
                    .map(TopicPartition::topic)
                    .distinct()
                    .sorted()
                    .toList();
            if (!t.equals(topics)) {
                topics = t;
                requestUpdateForNewTopics();
            }
        }

        @Override
        protected MetadataRequest.Builder newMetadataRequestBuilder() {
            return new MetadataRequest.Builder(new ArrayList<>(topics), false);
        }

        @Override
        protected MetadataRequest.Builder newMetadataRequestBuilderForNewTopics() {
            return newMetadataRequestBuilder();
        }
    }
}
