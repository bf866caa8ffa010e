package dev.eddy.magics.internal.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.magics.api.EddyRuntime;
import dev.eddy.magics.api.MagicException;
import dev.eddy.magics.api.render.MimeBundle;
import dev.eddy.magics.internal.live.LiveViews;
import dev.eddy.magics.internal.sql.SqlMagic;
import dev.eddy.magics.testing.RecordingContext;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.kafka.KafkaBroker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** {@code %kafka} and a {@code %%sql} Kafka stream against a real single-node KRaft broker. */
class KafkaMagicIT {
    private static KafkaBroker broker;
    private static final String TOPIC = "magic-clicks";
    private static final List<String> CLICKS = List.of(
            "{\"page\":\"home\",\"ms\":1}",
            "{\"page\":\"cart\",\"ms\":2}",
            "{\"page\":\"home\",\"ms\":3}",
            "{\"page\":\"pay\",\"ms\":4}",
            "{\"page\":\"home\",\"ms\":5}");
    private static final long START = System.currentTimeMillis() / 1000 * 1000;
    private final Eddy eddy = Eddy.create();
    private final EddyRuntime runtime = EddyRuntime.of(eddy, LiveViews.Settings.defaults());
    private final RecordingContext ctx = new RecordingContext();
    private final KafkaMagic kafka = new KafkaMagic(15_000);

    @BeforeAll
    static void topicWithRecords() throws Exception {
        broker = KafkaBroker.shared();
        broker.createTopic(TOPIC, 2);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            // recent timestamps: the broker's time-based retention would soon delete records from long ago
            for (int i = 0; i < CLICKS.size(); i++) {
                // one key and increasing timestamps: all in one partition, in a known order
                producer.send(new ProducerRecord<>(TOPIC, null, START + i, "u1", CLICKS.get(i)))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    @AfterEach
    void shutdown() {
        runtime.shutdown();
    }

    private Table run(String args) throws Exception {
        return (Table) kafka.run(args, ctx);
    }

    @Test
    void when_connected_then_topicsListsTheTopicWithItsPartitions() throws Exception {
        Object connected = kafka.run("connect " + broker.bootstrap(), ctx);
        assertThat(((MimeBundle) connected).plainText())
                .contains("Connected to " + broker.bootstrap())
                .contains("1 broker(s)");

        Table topics = run("topics");

        int row = topics.stringColumn("topic").indexOf(TOPIC);
        assertThat(row).isNotNegative();
        assertThat(topics.intColumn("partitions").get(row)).isEqualTo(2);
    }

    @Test
    void when_tailed_then_lastNRecordsAreShownWithJsonFieldsDecoded() throws Exception {
        kafka.run("connect " + broker.bootstrap(), ctx);

        Table last = run("tail " + TOPIC + " 2");

        assertThat(last.stringColumn("value").asList()).containsExactly(CLICKS.get(3), CLICKS.get(4));
        assertThat(last.stringColumn("key").asList()).containsExactly("u1", "u1");
        assertThat(last.stringColumn("page").asList()).containsExactly("pay", "home");
        assertThat(last.stringColumn("ms").asList()).containsExactly("4", "5");
        assertThat(last.longColumn("offset").asList()).containsExactly(3L, 4L);
    }

    @Test
    void when_tailedFromBeginning_then_firstNRecordsAreShown() throws Exception {
        kafka.run("connect " + broker.bootstrap(), ctx);

        Table first = run("tail " + TOPIC + " 3 --from-beginning");

        assertThat(first.stringColumn("page").asList()).containsExactly("home", "cart", "home");
        assertThat(first.longColumn("offset").asList()).containsExactly(0L, 1L, 2L);
        assertThat(first.stringColumn("timestamp").get(0))
                .isEqualTo(Instant.ofEpochMilli(START).toString());
    }

    @Test
    void when_tailedTopicDoesNotExist_then_oneLineSaysSoAndPointsAtTopics() throws Exception {
        kafka.run("connect " + broker.bootstrap(), ctx);

        assertThatThrownBy(() -> run("tail no-such-topic 3"))
                .isInstanceOf(MagicException.class)
                .hasMessage("Kafka at " + broker.bootstrap() + ": no topic 'no-such-topic' (see %kafka topics)");
    }

    @Test
    void when_sqlStreamsFromKafka_then_itsMemoryTableAndLiveViewShowTheRows() throws Exception {
        SqlMagic sql = new SqlMagic(runtime);
        sql.run(
                "",
                "CREATE STREAM clicks (page STRING, ms BIGINT) WITH ('connector' = 'kafka', 'topic' = '" + TOPIC
                        + "', 'bootstrap.servers' = '" + broker.bootstrap() + "', 'format' = 'json',"
                        + " 'startingOffsets' = 'earliest')",
                ctx);
        assertThat(ctx.texts().get(0)).containsIgnoringCase("clicks");

        sql.run("--name pages", "SELECT page, COUNT(*) AS visits FROM clicks GROUP BY page", ctx);

        StreamingQuery q = eddy.streams().get("pages").orElseThrow();
        awaitTrue(q, () -> visits("home") == 3 && visits("cart") == 1 && visits("pay") == 1);
        // the live view under the cell shows the same rows: in its first display if the query was that quick,
        // else once its next update goes out
        awaitTrue(
                q,
                () -> Stream.concat(ctx.displayed.stream(), ctx.latest.values().stream())
                        .filter(MimeBundle.class::isInstance)
                        .map(b -> ((MimeBundle) b).plainText())
                        .anyMatch(b -> b.contains("home") && b.contains("cart") && b.contains("pay")));
    }

    private long visits(String page) {
        if (!eddy.memoryTableNames().contains("pages")) {
            return -1;
        }
        Table t = eddy.table("pages");
        List<Long> found = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            if (page.equals(t.stringColumn("page").get(i))) {
                found.add(((Number) t.column("visits").get(i)).longValue());
            }
        }
        return found.isEmpty() ? 0 : found.get(0);
    }

    /** Polls with a generous deadline (a loaded machine may be slow); a query that ends meanwhile fails at once. */
    private void awaitTrue(StreamingQuery q, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime())
                    .as(
                            "condition not met within 60 s; %s; tables %s; displayed %s; updated %s",
                            q.status(), eddy.memoryTableNames(), ctx.texts(), ctx.latest)
                    .isLessThan(deadline);
            assertThat(q.awaitTermination(50))
                    .as("query ended: " + q.exception())
                    .isFalse();
        }
    }
}
