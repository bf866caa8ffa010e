package dev.eddy.streaming.api.kafka;

import dev.eddy.streaming.internal.source.kafka.KafkaPeek;
import java.time.Duration;
import tech.tablesaw.api.Table;

/**
 * Peeks at a Kafka topic without a query and without a consumer group: the records come back decoded (UTF-8 key
 * and value, topic, partition, offset, timestamp, headers) as a Tablesaw table, ordered by timestamp.
 *
 * <pre>{@code
 * Table last = KafkaTopics.peek("localhost:9092", "clicks", 10);        // the newest 10 records
 * Table first = KafkaTopics.peekFromBeginning("localhost:9092", "clicks", 10);
 * }</pre>
 */
public final class KafkaTopics {
    /** How long {@link #peek(String, String, int)} waits for the broker. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private KafkaTopics() {}

    /** The newest {@code n} records of {@code topic} (over all partitions). */
    public static Table peek(String bootstrap, String topic, int n) {
        return peek(bootstrap, topic, n, false, DEFAULT_TIMEOUT);
    }

    /** The oldest {@code n} records still in {@code topic} (over all partitions). */
    public static Table peekFromBeginning(String bootstrap, String topic, int n) {
        return peek(bootstrap, topic, n, true, DEFAULT_TIMEOUT);
    }

    /**
     * The oldest or newest {@code n} records of {@code topic}, waiting at most {@code timeout} for the broker
     * (Kafka's TimeoutException when it does not answer).
     *
     * @throws NoSuchTopicException if the broker has no such topic
     */
    public static Table peek(String bootstrap, String topic, int n, boolean fromBeginning, Duration timeout) {
        return KafkaPeek.read(bootstrap, topic, n, fromBeginning, timeout);
    }

    /** The broker has no topic of that name. */
    public static final class NoSuchTopicException extends IllegalArgumentException {
        private final String topic;

        public NoSuchTopicException(String topic, String bootstrap) {
            super("Kafka topic '" + topic + "' does not exist at " + bootstrap);
            this.topic = topic;
        }

        public String topic() {
            return topic;
        }
    }
}
