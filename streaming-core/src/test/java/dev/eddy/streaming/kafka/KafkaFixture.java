package dev.eddy.streaming.kafka;

import dev.eddy.streaming.api.DataStreamReader;
import dev.eddy.streaming.api.DataStreamWriter;
import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.StreamingQuery;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the Kafka ITs of this package share: the one broker of the test JVM ({@link KafkaBroker#shared}, started by
 * the first IT that needs it), an engine per test whose queries are stopped after it, a temporary directory, the
 * Kafka source and sink on that broker, a producer of text records, and waiting on a running query with a deadline.
 */
abstract class KafkaFixture {
    static final KafkaBroker BROKER = KafkaBroker.shared();

    final Eddy eddy;

    @TempDir
    Path tmp;

    /** An engine on the wall clock. */
    KafkaFixture() {
        this(Eddy.builder().build());
    }

    /** The test's own engine (a manual clock, say); its queries are stopped after each test all the same. */
    KafkaFixture(Eddy eddy) {
        this.eddy = eddy;
    }

    @AfterEach
    final void stopQueries() {
        eddy.streams().stopAll();
    }

    /** A Kafka source on the broker; the test names what it reads. */
    final DataStreamReader kafkaSource() {
        return eddy.readStream().format("kafka").option("kafka.bootstrap.servers", BROKER.bootstrap());
    }

    /** A Kafka source reading {@code topic} from its earliest offsets. */
    final DataStreamReader kafka(String topic) {
        return kafkaSource().option("subscribe", topic).option("startingOffsets", "earliest");
    }

    /** {@code rows} into a Kafka sink on the broker; the test names the topic (an option or a column). */
    static DataStreamWriter toKafka(Dataset rows) {
        return rows.writeStream().format("kafka").option("kafka.bootstrap.servers", BROKER.bootstrap());
    }

    /** A producer of text keys and values on the broker, with {@code settings} over the defaults. */
    static KafkaProducer<String, String> producer(Map<String, String> settings) {
        return KafkaData.producer(BROKER, settings);
    }

    /** Polls with a deadline; between polls it blocks briefly on the query itself (which must not end). */
    static void await(StreamingQuery q, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Set<String> seen = new LinkedHashSet<>();
        while (!condition.getAsBoolean()) {
            seen.add(q.status().message());
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what + "; statuses seen: " + seen);
            }
            if (q.awaitTermination(20)) {
                throw new AssertionError("the query ended while waiting until " + what + ": " + q.exception());
            }
        }
    }
}
