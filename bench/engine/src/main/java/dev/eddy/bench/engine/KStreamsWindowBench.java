package dev.eddy.bench.engine;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.Stores;

/**
 * The peer: Kafka Streams' TopologyTestDriver running the same tumbling-window count+sum per key (in-memory window
 * store, so neither side pays for disk) on the same keys, prices and event times as the engine benchmark.
 * <p>
 * Set up so that it does only the work the engine does: the store has no changelog (the driver would otherwise
 * keep every state update as a produced record in an ever-growing list, like an unbounded checkpoint) and no record
 * cache (the driver commits, and so flushes the cache, after every record, so a cache only adds work). Keys and
 * values are serialized before the timed loop; the topology's deserializing them is Kafka Streams' own work.
 */
final class KStreamsWindowBench implements AutoCloseable {
    private final TopologyTestDriver driver;
    private final TestInputTopic<byte[], byte[]> input;

    KStreamsWindowBench(Duration window, Duration grace) {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("bids", Consumed.with(Serdes.Long(), Serdes.Long()))
                .groupByKey()
                .windowedBy(TimeWindows.ofSizeAndGrace(window, grace))
                .aggregate(
                        () -> new long[2],
                        (k, price, agg) -> {
                            agg[0]++;
                            agg[1] += price;
                            return agg;
                        },
                        Materialized.<Long, long[]>as(
                                        Stores.inMemoryWindowStore("counts", window.plus(grace), window, false))
                                .withKeySerde(Serdes.Long())
                                .withValueSerde(new PairSerde())
                                .withLoggingDisabled()
                                .withCachingDisabled());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
        driver = new TopologyTestDriver(b.build(), props, Instant.ofEpochMilli(0));
        input = driver.createInputTopic("bids", new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** One batch of input as Kafka records would carry it: serialized keys and values, times in milliseconds. */
    record Serialized(byte[][] keys, byte[][] values, long[] tsMillis) {
        static Serialized of(long[] keys, long[] prices, long[] tsMicros, int rows) {
            LongSerializer ser = new LongSerializer();
            byte[][] k = new byte[rows][];
            byte[][] v = new byte[rows][];
            long[] t = new long[rows];
            for (int i = 0; i < rows; i++) {
                k[i] = ser.serialize("bids", keys[i]);
                v[i] = ser.serialize("bids", prices[i]);
                t[i] = tsMicros[i] / 1000;
            }
            return new Serialized(k, v, t);
        }
    }

    /** Pipes one pre-serialized batch. */
    void pipe(Serialized in) {
        for (int i = 0; i < in.keys.length; i++) {
            input.pipeInput(in.keys[i], in.values[i], in.tsMillis[i]);
        }
    }

    /** count and sum of every window in the store, as a checksum over (window start, key, count, sum). */
    long checksum() {
        long sum = 0;
        try (var it = driver.<Long, long[]>getWindowStore("counts").all()) {
            while (it.hasNext()) {
                var kv = it.next();
                long[] v = kv.value;
                sum += Checksums.group(kv.key.window().start() * 1000, kv.key.key(), v[0], v[1]);
            }
        }
        return sum;
    }

    @Override
    public void close() {
        driver.close();
    }

    /** count and sum as 16 bytes. */
    private static final class PairSerde implements Serde<long[]> {
        @Override
        public Serializer<long[]> serializer() {
            return (topic, v) -> v == null
                    ? null
                    : ByteBuffer.allocate(16).putLong(v[0]).putLong(v[1]).array();
        }

        @Override
        public Deserializer<long[]> deserializer() {
            return (topic, bytes) -> {
                if (bytes == null) {
                    return null;
                }
                ByteBuffer bb = ByteBuffer.wrap(bytes);
                return new long[] {bb.getLong(), bb.getLong()};
            };
        }
    }
}
