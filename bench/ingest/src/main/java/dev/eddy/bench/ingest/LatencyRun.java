package dev.eddy.bench.ingest;

import dev.eddy.streaming.api.DataStreamReader;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.Trigger;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.api.spi.Providers;
import dev.eddy.streaming.api.spi.Sink;
import dev.eddy.streaming.api.spi.SinkContext;
import dev.eddy.streaming.api.spi.SinkProvider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Per-batch latency from Kafka at a 100 ms trigger: bids produced at a steady 10,000 per second carry their send
 * time; the sink notes, per row, how long after sending it saw the row. Prints {@code LATENCY <p50 ms> <p99 ms>}.
 */
final class LatencyRun {
    private static final int RECORDS = 30_000;
    private static final long[] SEEN = new long[RECORDS];
    private static volatile int seen;

    private LatencyRun() {}

    static void run(String bootstrap) throws Exception {
        Providers.register(new SinkProvider() {
            @Override
            public String formatName() {
                return "ingestlatency";
            }

            @Override
            public Sink createSink(SinkContext context) {
                return new Sink() {
                    @Override
                    public void addBatch(long batchId, Batch b, OutputMode mode) {
                        long now = System.currentTimeMillis();
                        LongColumn ts = (LongColumn) b.column(b.schema().indexOf("ts"));
                        int n = seen;
                        for (int r = 0; r < b.numRows() && n < RECORDS; r++) {
                            SEEN[n++] = now - ts.getLong(r) / 1000;
                        }
                        seen = n;
                    }

                    @Override
                    public String description() {
                        return "LatencySink";
                    }
                };
            }
        });
        Eddy eddy = Eddy.create();
        DataStreamReader reader = eddy.readStream()
                .format("kafka")
                .option("kafka.bootstrap.servers", bootstrap)
                .option("subscribe", "lat");
        String fetch = System.getProperty("ingest.fetch");
        if (fetch != null) { // only when asked: an earlier build (INGEST_BEFORE_JAR) may not know the option
            reader = reader.option("fetch", fetch);
        }
        StreamingQuery q = reader.option("startingOffsets", "latest")
                .option("valueFormat", "json")
                .schema(Bids.SCHEMA)
                .load()
                .writeStream()
                .format("ingestlatency")
                .trigger(Trigger.processingTime(Duration.ofMillis(100)))
                .start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (q.recentProgress().isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(10_000_000L); // the first batch resolves the latest offsets
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            long start = System.nanoTime();
            for (int i = 0; i < RECORDS; i++) {
                long due = start + i * 100_000L; // 10,000 records per second
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                // the send time as ISO-8601 text to the millisecond: every build reads it alike (a JSON number in a
                // TIMESTAMP is epoch seconds since s10-formats, as in Spark; milliseconds before)
                String json = "{\"auction\":" + Bids.auction(i) + ",\"price\":" + Bids.price(i) + ",\"ts\":\""
                        + Instant.ofEpochMilli(System.currentTimeMillis()) + "\"}";
                producer.send(new ProducerRecord<>("lat", json.getBytes(StandardCharsets.UTF_8)));
            }
        }
        while (seen < RECORDS && System.nanoTime() < deadline) {
            LockSupport.parkNanos(10_000_000L);
        }
        q.stop();
        long[] s = Arrays.copyOf(SEEN, seen);
        Arrays.sort(s);
        System.out.println("LATENCY " + s[s.length / 2] + " " + s[(int) (s.length * 0.99)]);
    }
}
