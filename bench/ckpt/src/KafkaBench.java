import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.kafka.KafkaBroker;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka source end to end on loopback against a real single-node KRaft broker: throughput of a query reading a
 * pre-filled topic (JSON values decoded), and latency from a record's producer timestamp to the batch that
 * holds it while records are produced at a steady rate.
 */
public final class KafkaBench {
    public static void main(String[] args) throws Exception {
        KafkaBroker broker = KafkaBroker.shared();
        int n = Integer.getInteger("records", 500_000);
        broker.createTopic("bench-in", 1);
        produce(broker.bootstrap(), "bench-in", n, 0);
        Eddy eddy = Eddy.builder().build();
        AtomicLong rows = new AtomicLong();
        long t0 = System.nanoTime();
        StreamingQuery q = eddy.readStream()
                .format("kafka")
                .option("kafka.bootstrap.servers", broker.bootstrap())
                .option("subscribe", "bench-in")
                .option("startingOffsets", "earliest")
                .option("valueFormat", "json")
                .schema(Schema.of(Field.of("id", DataType.LONG), Field.of("user", DataType.STRING)))
                .load()
                .writeStream()
                .foreachBatch((t, id) -> rows.addAndGet(t.rowCount()))
                .start();
        q.processAllAvailable();
        double secs = (System.nanoTime() - t0) / 1e9;
        q.stop();
        System.out.printf("kafka.source.json.rows_per_s %.0f rows/s%n", rows.get() / secs);

        broker.createTopic("bench-lat", 1);
        int m = 2_000;
        long[] lat = new long[m];
        AtomicLong seen = new AtomicLong();
        StreamingQuery l = eddy.readStream()
                .format("kafka")
                .option("kafka.bootstrap.servers", broker.bootstrap())
                .option("subscribe", "bench-lat")
                .option("startingOffsets", "earliest")
                .load()
                .writeStream()
                .foreachBatch((t, id) -> {
                    long now = System.currentTimeMillis();
                    var ts = t.instantColumn("timestamp");
                    for (int i = 0; i < t.rowCount(); i++) {
                        int k = (int) seen.getAndIncrement();
                        if (k < m) {
                            lat[k] = now - ts.get(i).toEpochMilli();
                        }
                    }
                })
                .start();
        produce(broker.bootstrap(), "bench-lat", m, 1);
        l.processAllAvailable();
        l.stop();
        long[] s = Arrays.copyOf(lat, (int) Math.min(m, seen.get()));
        Arrays.sort(s);
        System.out.printf("kafka.source.latency.p50 %d ms%n", s[s.length / 2]);
        System.out.printf("kafka.source.latency.p99 %d ms%n", s[(int) (s.length * 0.99)]);
        broker.stop();
        System.exit(0);
    }

    /** Sends n JSON records; with pauseEveryMs > 0 it paces them at about 1000 records per second. */
    static void produce(String bootstrap, String topic, int n, int pauseEveryMs) throws InterruptedException {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, pauseEveryMs > 0 ? "0" : "20");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(topic, "{\"id\":" + i + ",\"user\":\"u" + (i % 1000) + "\"}"));
                if (pauseEveryMs > 0) {
                    Thread.sleep(pauseEveryMs); // a benchmark's pacing, not a test's wait
                }
            }
        }
    }
}
