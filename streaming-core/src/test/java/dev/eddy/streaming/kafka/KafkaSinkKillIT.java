package dev.eddy.streaming.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.checkpoint.KillRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kafka to Kafka, exactly once through crashes: a query in a child JVM (Kafka source, 5 records per batch,
 * transactional Kafka sink) is SIGKILLed at seeded points around the offsets log and the commit, and restarted;
 * the output topic (read_committed) holds every input record exactly once, in order.
 */
class KafkaSinkKillIT extends KafkaFixture {
    /**
     * Both runs share one transactional id ({@code kill-ckpt}, from the checkpoint directory's name) on one broker:
     * the sink must not take the other run's batch markers for its own (KafkaSinkMarkerIT).
     */
    @ParameterizedTest(name = "fetch = {0}")
    @ValueSource(strings = {"consumer", "raw"})
    void when_kafkaToKafkaQueryIsKilledAndRestarted_then_eachRecordIsWrittenExactlyOnce(String fetch) throws Exception {
        String in = "kill-in-" + fetch;
        String out = "kill-out-" + fetch;
        BROKER.createTopic(in, 1);
        BROKER.createTopic(out, 1);
        List<String> input = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            input.add(String.format("v%02d", i));
        }
        produce(in, input);
        List<String> killAt =
                KillRunner.seededPoints(42L, 8, 8, "before-offsets", "after-offsets", "before-commit", "after-commit");
        int kills = KillRunner.runToEnd(
                List.of(
                        "kafka",
                        BROKER.bootstrap(),
                        in,
                        out,
                        tmp.resolve("ckpt").toString(),
                        fetch),
                killAt);
        assertThat(kills).as("kill points reached").isGreaterThanOrEqualTo(6);
        assertThat(KafkaData.readCommittedAtLeast(BROKER, out, input.size())).containsExactlyElementsOf(input);
    }

    private static void produce(String topic, List<String> values) {
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            values.forEach(v -> producer.send(new ProducerRecord<>(topic, v)));
        }
    }
}
