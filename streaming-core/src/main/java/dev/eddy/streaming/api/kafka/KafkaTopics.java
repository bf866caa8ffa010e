package dev.eddy.streaming.api.kafka;

import dev.eddy.streaming.internal.source.kafka.KafkaPeek;
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
    private KafkaTopics() {
    }

    /** The newest {@code n} records of {@code topic} (over all partitions). */
    public static Table peek(String bootstrap, String topic, int n) {
        return KafkaPeek.read(bootstrap, topic, n, false);
    }

    /** The oldest {@code n} records still in {@code topic} (over all partitions). */
    public static Table peekFromBeginning(String bootstrap, String topic, int n) {
        return KafkaPeek.read(bootstrap, topic, n, true);
    }
}
