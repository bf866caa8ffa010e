package dev.eddy.streaming.kafka;

import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.Trigger;
import dev.eddy.streaming.api.data.Row;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The broker goes away under a running query and comes back: the query waits, says why, and loses nothing. */
class KafkaBrokerOutageIT {
    private static final KafkaBroker BROKER = KafkaBroker.shared();
    private final Eddy eddy = Eddy.builder().build();

    @AfterEach
    void stopQueries() {
        eddy.streams().stopAll();
    }

    private void produce(String topic, String... values) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (String v : values) {
                producer.send(new ProducerRecord<>(topic, v));
            }
        }
    }

    /** Polls with a deadline; between polls it blocks briefly on the query itself (which must not end). */
    private static void await(StreamingQuery q, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            if (q.awaitTermination(20)) {
                throw new AssertionError("the query ended while waiting until " + what + ": " + q.exception());
            }
        }
    }

    @Test
    void when_brokerStopsAndComesBack_then_theQueryReportsItWaitsAndResumesWithoutLossOrDuplicates()
            throws Exception {
        BROKER.createTopic("outage-in", 1);
        produce("outage-in", "r1", "r2", "r3");
        StreamingQuery q = eddy.readStream().format("kafka").option("kafka.bootstrap.servers", BROKER.bootstrap())
                .option("subscribe", "outage-in").option("startingOffsets", "earliest").load()
                .select("value").writeStream().memory("outage").trigger(Trigger.processingTime(Duration.ofMillis(100)))
                .start();
        await(q, "the first rows arrive", () -> eddy.memoryTable("outage").numRows() == 3);
        BROKER.stop();
        try {
            await(q, "the status names the broker", () -> q.status().message().contains("waiting for broker at "
                    + BROKER.bootstrap()));
            assertThat(q.isActive()).isTrue();
        } finally {
            BROKER.start();
        }
        produce("outage-in", "r4", "r5");
        await(q, "the rows after the outage arrive", () -> eddy.memoryTable("outage").numRows() >= 5);
        List<Row> rows = eddy.memoryTable("outage").toRows();
        assertThat(rows).extracting(r -> r.getString("value")).containsExactly("r1", "r2", "r3", "r4", "r5");
        assertThat(q.exception()).isEmpty();
    }
}
