package dev.eddy.streaming.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.Trigger;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A query started while no broker listens stays up and says what it waits for (no broker needed). */
class KafkaUnreachableTest {
    private final Eddy eddy = Eddy.builder().build();

    @AfterEach
    void stop() {
        eddy.streams().stopAll();
    }

    @Test
    void when_brokerIsUnreachableAtStart_then_theQueryWaitsAndReportsTheAddress() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        String bootstrap = "localhost:" + port;
        StreamingQuery q = eddy.readStream()
                .format("kafka")
                .option("kafka.bootstrap.servers", bootstrap)
                .option("subscribe", "t")
                .option("kafka.timeoutMs", "500")
                .load()
                .writeStream()
                .memory("down")
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!q.status().message().contains("waiting for broker at " + bootstrap)) {
            assertThat(System.nanoTime()).as("status names the broker in time").isLessThan(deadline);
            assertThat(q.awaitTermination(20)).as("query keeps running").isFalse();
        }
        assertThat(q.isActive()).isTrue();
        assertThat(q.exception()).isEmpty();
    }

    /** Spark's offset reader asks fetchOffset.numRetries times and fails; it records no batch. */
    @Test
    void when_brokerIsUnreachableForAnAvailableNowOrOnceRun_then_theQueryFailsAfterTheRetriesWithoutABatch()
            throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        for (Trigger trigger : List.of(Trigger.availableNow(), Trigger.once())) {
            List<Long> batches = new CopyOnWriteArrayList<>();
            StreamingQuery q = eddy.readStream()
                    .format("kafka")
                    .option("kafka.bootstrap.servers", "localhost:" + port)
                    .option("subscribe", "t")
                    .option("kafka.timeoutMs", "300")
                    .option("fetchOffset.numRetries", "2")
                    .option("fetchOffset.retryIntervalMs", "50")
                    .load()
                    .writeStream()
                    .trigger(trigger)
                    .foreachBatch((t, id) -> batches.add(id))
                    .start();
            assertThatThrownBy(() -> q.awaitTermination(60_000))
                    .as("%s: the query failed", trigger)
                    .hasMessageContaining("the Kafka broker at localhost:" + port + " did not answer")
                    .hasMessageContaining("in 2 attempts 50 ms apart (options 'fetchOffset.numRetries' and"
                            + " 'fetchOffset.retryIntervalMs', as in Spark)");
            assertThat(batches).as("no batch, not even an empty one").isEmpty();
        }
    }
}
