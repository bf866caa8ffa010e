package dev.eddy.streaming.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.Trigger;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Trigger.AvailableNow on a real broker, Spark's way: the end is fixed when the query starts, and each batch takes
 * at most maxOffsetsPerTrigger records up to it.
 */
class KafkaAvailableNowIT extends KafkaFixture {
    private static void produce(String topic, int n) throws Exception {
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            for (int i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, "v" + i)).get();
            }
        }
    }

    /** Sends ten records to a new one-partition topic, reads it with availableNow; returns the rows of each batch. */
    private List<Long> tenRecordsReadAvailableNow(String name, String... options) throws Exception {
        String topic = name + "-" + UUID.randomUUID();
        BROKER.createTopic(topic, 1);
        produce(topic, 10);
        var reader = kafka(topic);
        for (int i = 0; i < options.length; i += 2) {
            reader = reader.option(options[i], options[i + 1]);
        }
        List<Long> rowsPerBatch = new CopyOnWriteArrayList<>();
        StreamingQuery q = reader.load()
                .select("value")
                .writeStream()
                .trigger(Trigger.availableNow())
                .foreachBatch((t, id) -> rowsPerBatch.add((long) t.rowCount()))
                .queryName(name)
                .start();
        assertThat(q.awaitTermination(60_000)).as("the query ended by itself").isTrue();
        assertThat(q.exception()).isEmpty();
        return rowsPerBatch;
    }

    @Test
    void when_availableNowReadsAKafkaTopic_then_itReadsEveryRecordAndStops() throws Exception {
        assertThat(tenRecordsReadAvailableNow("now_all")).containsExactly(10L);
    }

    @Test
    void when_availableNowHasMaxOffsetsPerTrigger_then_eachBatchTakesAtMostTheLimitUpToTheStartEnd() throws Exception {
        assertThat(tenRecordsReadAvailableNow("now_cap", "maxOffsetsPerTrigger", "3"))
                .containsExactly(3L, 3L, 3L, 1L);
    }

    /**
     * Spark's KafkaMicroBatchStream resolves the start and the end of an available-now run when it is prepared,
     * retrying the broker: a broker that comes up within the retries is read from the start, in one batch, and no
     * empty batch is recorded while it was down.
     */
    @Test
    void when_theBrokerStartsLateWithinTheRetries_then_theRunReadsEveryRecordWithoutAnEmptyBatch() throws Exception {
        String topic = "now_late-" + UUID.randomUUID();
        BROKER.createTopic(topic, 1);
        produce(topic, 10);
        List<Long> rowsPerBatch = new CopyOnWriteArrayList<>();
        BROKER.stop();
        boolean restarted = false;
        try {
            StreamingQuery q = kafka(topic)
                    .option("kafka.timeoutMs", "500")
                    .option("fetchOffset.numRetries", "1000")
                    .option("fetchOffset.retryIntervalMs", "100")
                    .load()
                    .select("value")
                    .writeStream()
                    .trigger(Trigger.availableNow())
                    .foreachBatch((t, id) -> rowsPerBatch.add((long) t.rowCount()))
                    .queryName("now_late")
                    .start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!q.status().message().contains("waiting for broker at " + BROKER.bootstrap())) {
                assertThat(System.nanoTime()).as("the status says it waits").isLessThan(deadline);
                assertThat(q.awaitTermination(20)).as("the query waits").isFalse();
            }
            BROKER.start();
            restarted = true;
            assertThat(q.awaitTermination(120_000))
                    .as("the query ended by itself")
                    .isTrue();
            assertThat(q.exception()).isEmpty();
        } finally {
            if (!restarted) {
                BROKER.start(); // the other tests share it
            }
        }
        assertThat(rowsPerBatch).containsExactly(10L);
    }
}
