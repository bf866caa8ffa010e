package dev.eddy.streaming.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.StreamingQuery;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Records removed before the query read them (retention; here deleteRecords) are data loss, never a silent jump. */
class KafkaRetentionIT {
    private static final KafkaBroker BROKER = KafkaBroker.shared();
    private final Eddy eddy = Eddy.builder().build();

    @AfterEach
    void stopQueries() {
        eddy.streams().stopAll();
    }

    private void dropBefore(String topic, long offset) throws Exception {
        try (Admin admin = BROKER.admin()) {
            admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(offset)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private StreamingQuery readFromZero(String topic, String failOnDataLoss) {
        return eddy.readStream()
                .format("kafka")
                .option("kafka.bootstrap.servers", BROKER.bootstrap())
                .option("subscribe", topic)
                .option("startingOffsets", "{\"" + topic + "\":{\"0\":0}}")
                .option("failOnDataLoss", failOnDataLoss)
                .load()
                .select("value")
                .writeStream()
                .memory(topic.replace('-', '_'))
                .start();
    }

    @Test
    void when_loggedOffsetsAreOutOfRange_then_theQueryFailsNamingThePartition() throws Exception {
        BROKER.createTopic("ret-fail", 1);
        KafkaData.produceTo(BROKER, "ret-fail", 0, "r1", "r2", "r3");
        dropBefore("ret-fail", 2);
        StreamingQuery q = readFromZero("ret-fail", "true");
        assertThatThrownBy(() -> q.awaitTermination(60_000))
                .hasStackTraceContaining("records of Kafka topic partition ret-fail-0 from offset 0 are gone")
                .hasStackTraceContaining("the earliest offset is now 2")
                .hasStackTraceContaining("failOnDataLoss");
    }

    @Test
    void when_loggedOffsetsAreOutOfRangeAndFailOnDataLossIsFalse_then_theRestIsReadWithAWarning() throws Exception {
        BROKER.createTopic("ret-skip", 1);
        KafkaData.produceTo(BROKER, "ret-skip", 0, "r1", "r2", "r3");
        dropBefore("ret-skip", 2);
        StreamingQuery q = readFromZero("ret-skip", "false");
        q.processAllAvailable();
        assertThat(eddy.memoryTable("ret_skip").toRows())
                .extracting(r -> r.getString("value"))
                .containsExactly("r3");
        assertThat(q.status().message()).contains("skipped lost data: records of Kafka topic partition ret-skip-0");
        assertThat(q.isActive()).isTrue();
    }
}
