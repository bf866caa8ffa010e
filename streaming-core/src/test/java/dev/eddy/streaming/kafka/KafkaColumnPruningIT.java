package dev.eddy.streaming.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.internal.source.PruningCheck;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Column pruning changes no answer on a real broker: random queries over a Kafka topic (JSON values with bad and
 * malformed records, keys, two partitions; and raw records) give the same rows with and without pruning. The engine
 * runs on a manual clock, as {@link PruningCheck} plans with it.
 */
class KafkaColumnPruningIT extends KafkaFixture {
    private static final int QUERIES = 12;

    private final PruningCheck check = new PruningCheck((ManualClock) eddy.clock());

    KafkaColumnPruningIT() {
        super(Eddy.builder().clock(new ManualClock(1_000)).build());
    }

    @Test
    void when_randomQueriesReadJsonValuesFromKafka_then_pruningChangesNoAnswer() throws Exception {
        run("json", 1700);
    }

    @Test
    void when_randomQueriesReadRawKafkaRecords_then_pruningChangesNoAnswer() throws Exception {
        run(null, 2700);
    }

    private void run(String valueFormat, int seed) throws Exception {
        try (KafkaProducer<String, String> producer = producer(Map.of(ProducerConfig.ACKS_CONFIG, "all"))) {
            for (int q = 0; q < QUERIES; q++) {
                Random rnd = new Random(seed + q);
                String topic = "prune-" + seed + "-" + q;
                BROKER.createTopic(topic, 2); // returns once both partitions have their leader
                Dataset in = valueFormat == null
                        ? kafka(topic).load()
                        : kafka(topic)
                                .option("valueFormat", valueFormat)
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
        assertThat(check.pruned()).isGreaterThan(QUERIES / 3);
    }
}
