package dev.eddy.streaming.internal.sink.kafka;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/** The sink's questions to the broker through an Admin client, each bounded by the sink's timeout. */
final class KafkaBrokerCheck {
    private final KafkaSinkOptions options;

    KafkaBrokerCheck(KafkaSinkOptions options) {
        this.options = options;
    }

    /**
     * The highest batch id a committed transaction of this query recorded for the sink's marker group, or -1
     * (markers another query left under the same transactional id do not count).
     */
    long lastCommittedBatch() {
        try (Admin admin = Admin.create(options.adminProperties())) {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    get(admin.listConsumerGroupOffsets(options.markerGroup()).partitionsToOffsetAndMetadata());
            // the marker sits on partition 0 of the (first) topic a batch wrote to; the newest batch has the max
            return offsets.values().stream()
                    .filter(m -> m != null && options.ownMarker(m.metadata()))
                    .mapToLong(m -> m.offset() - 1)
                    .max()
                    .orElse(-1);
        }
    }

    /**
     * Null if the broker does not answer; else the topics among {@code topics} that do not exist (empty if all do).
     */
    Set<String> missingTopics(Collection<String> topics) {
        try (Admin admin = Admin.create(options.adminProperties())) {
            get(admin.describeCluster().nodes());
            Set<String> existing = get(admin.listTopics().names());
            Set<String> missing = new TreeSet<>(topics);
            missing.removeAll(existing);
            return missing;
        } catch (TimeoutException e) {
            return null;
        }
    }

    private <T> T get(KafkaFuture<T> f) {
        try {
            return f.get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new TimeoutException("the broker at " + options.bootstrap() + " did not answer in "
                    + options.timeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException t) {
                throw t;
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
