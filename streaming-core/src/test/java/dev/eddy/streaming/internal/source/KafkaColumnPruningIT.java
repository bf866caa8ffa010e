package dev.eddy.streaming.internal.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.DataStreamReader;
import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.kafka.KafkaBroker;
import java.time.Duration;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Column pruning changes no answer on a real broker: random queries over a Kafka topic (JSON values with bad and
 * malformed records, keys, two partitions; and raw records) give the same rows with and without pruning.
 */
class KafkaColumnPruningIT {
    private static final KafkaBroker BROKER = KafkaBroker.shared();
    private static final int QUERIES = 12;

    private final ManualClock clock = new ManualClock(1_000);
    private final Eddy eddy = Eddy.builder().clock(clock).build();
    private final PruningCheck check = new PruningCheck(clock);

    @Test
    void when_randomQueriesReadJsonValuesFromKafka_then_pruningChangesNoAnswer() throws Exception {
        run("json", 1700);
    }

    @Test
    void when_randomQueriesReadRawKafkaRecords_then_pruningChangesNoAnswer() throws Exception {
        run(null, 2700);
    }

    private void run(String valueFormat, int seed) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps())) {
            for (int q = 0; q < QUERIES; q++) {
                Random rnd = new Random(seed + q);
                String topic = "prune-" + seed + "-" + q;
                BROKER.createTopic(topic, 2);
                awaitTopic(topic, 2);
                DataStreamReader r = eddy.readStream()
                        .format("kafka")
                        .option("kafka.bootstrap.servers", BROKER.bootstrap())
                        .option("subscribe", topic)
                        .option("startingOffsets", "earliest");
                Dataset in = valueFormat == null
                        ? r.load()
                        : r.option("valueFormat", valueFormat)
                                .schema(PruningCheck.VALUES)
                                .load();
                check.compare(in, rnd, step -> {
                    for (int i = 0; i < 30; i++) {
                        producer.send(new ProducerRecord<>(
                                topic,
                                null,
                                1_000L * rnd.nextInt(60),
                                rnd.nextInt(4) == 0 ? null : "k" + rnd.nextInt(5),
                                PruningCheck.jsonRecord(rnd)));
                    }
                    producer.flush();
                    return null;
                });
            }
        }
        assertThat(check.pruned).isGreaterThan(QUERIES / 3);
    }

    /** A new topic reaches the broker's metadata a moment after it is created: wait until a consumer sees it. */
    private static void awaitTopic(String topic, int partitions) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrap());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            while (c.partitionsFor(topic, Duration.ofSeconds(5)).size() < partitions) {
                assertThat(System.nanoTime())
                        .as("topic %s visible within 30 s", topic)
                        .isLessThan(deadline);
            }
        }
    }

    private static Properties producerProps() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return p;
    }
}
