package dev.eddy.bench.engine;

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

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

/**
 * The peer: Kafka Streams' TopologyTestDriver running the same tumbling-window count+sum per key (in-memory window
 * store, so neither side pays for disk) on the same keys, prices and event times as the engine benchmark.
 */
final class KStreamsWindowBench implements AutoCloseable {
    private final TopologyTestDriver driver;
    private final TestInputTopic<Long, Long> input;

    KStreamsWindowBench(Duration window, Duration grace) {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("bids", Consumed.with(Serdes.Long(), Serdes.Long()))
                .groupByKey()
                .windowedBy(TimeWindows.ofSizeAndGrace(window, grace))
                .aggregate(() -> new long[2], (k, price, agg) -> {
                    agg[0]++;
                    agg[1] += price;
                    return agg;
                }, Materialized.<Long, long[]>as(Stores.inMemoryWindowStore("counts", window.plus(grace), window, false))
                        .withKeySerde(Serdes.Long()).withValueSerde(new PairSerde()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 10 * 1024 * 1024L);
        driver = new TopologyTestDriver(b.build(), props, Instant.ofEpochMilli(0));
        input = driver.createInputTopic("bids", new LongSerializer(), new LongSerializer());
    }

    /** Pipes rows {@code [from, to)} of the arrays (event times in microseconds). */
    void pipe(long[] keys, long[] prices, long[] tsMicros, int from, int to) {
        for (int i = from; i < to; i++) {
            input.pipeInput(keys[i], prices[i], tsMicros[i] / 1000);
        }
    }

    @Override
    public void close() {
        driver.close();
    }

    /** count and sum as 16 bytes. */
    private static final class PairSerde implements Serde<long[]> {
        @Override
        public Serializer<long[]> serializer() {
            return (topic, v) -> v == null ? null : ByteBuffer.allocate(16).putLong(v[0]).putLong(v[1]).array();
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
