package dev.eddy.streaming.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.StreamingQuery;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Records removed before the query read them (retention; here deleteRecords) are data loss, never a silent jump. */
class KafkaRetentionIT extends KafkaFixture {
    private void dropBefore(String topic, long offset) throws Exception {
        try (Admin admin = BROKER.admin()) {
            admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(offset)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private StreamingQuery readFromZero(String topic, String failOnDataLoss, String fetch) {
        return kafkaSource()
                .option("subscribe", topic)
                .option("startingOffsets", "{\"" + topic + "\":{\"0\":0}}")
                .option("failOnDataLoss", failOnDataLoss)
                .option("fetch", fetch)
                .load()
                .select("value")
                .writeStream()
                .memory(topic.replace('-', '_'))
                .start();
    }

    @ParameterizedTest(name = "fetch = {0}")
    @ValueSource(strings = {"consumer", "raw"})
    void when_loggedOffsetsAreOutOfRange_then_theQueryFailsNamingThePartition(String fetch) throws Exception {
        String topic = "ret-fail-" + fetch;
        BROKER.createTopic(topic, 1);
        KafkaData.produceTo(BROKER, topic, 0, "r1", "r2", "r3");
        dropBefore(topic, 2);
        StreamingQuery q = readFromZero(topic, "true", fetch);
        assertThatThrownBy(() -> q.awaitTermination(60_000))
                .hasStackTraceContaining("records of Kafka topic partition " + topic + "-0 from offset 0 are gone")
                .hasStackTraceContaining("the earliest offset is now 2")
                .hasStackTraceContaining("failOnDataLoss");
    }

    @ParameterizedTest(name = "fetch = {0}")
    @ValueSource(strings = {"consumer", "raw"})
    void when_loggedOffsetsAreOutOfRangeAndFailOnDataLossIsFalse_then_theRestIsReadWithAWarning(String fetch)
            throws Exception {
        String topic = "ret-skip-" + fetch;
        BROKER.createTopic(topic, 1);
        KafkaData.produceTo(BROKER, topic, 0, "r1", "r2", "r3");
        dropBefore(topic, 2);
        StreamingQuery q = readFromZero(topic, "false", fetch);
        q.processAllAvailable();
        assertThat(eddy.memoryTable(topic.replace('-', '_')).toRows())
                .extracting(r -> r.getString("value"))
                .containsExactly("r3");
        assertThat(q.status().message())
                .contains("skipped lost data: records of Kafka topic partition " + topic + "-0");
        assertThat(q.isActive()).isTrue();
    }
}
