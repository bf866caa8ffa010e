package dev.eddy.bench.ingest;

import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.nio.charset.StandardCharsets;

/**
 * The input: Nexmark-like bids of about 44 bytes, {"auction":..,"price":..,"ts":<epoch seconds>}, one millisecond of
 * event time apart with up to 2.1 s of disorder (less than the 5 s watermark delay, so nothing is late). A JSON number
 * in a TIMESTAMP column is epoch seconds, as Spark reads it, so the JSON carries whole seconds ({@link #tsMillis} / 1000):
 * a 10-second window still holds 10,000 bids. A build before that rule (before d4480cf7) read a JSON number in a
 * TIMESTAMP column as epoch milliseconds: its runs get the same whole seconds written in milliseconds ({@link #json(long,
 * boolean)}), so every build reads the same instants and gives the same answer.
 */
final class Bids {
    static final long T0 = 1_700_000_000_000L;
    static final Schema SCHEMA = Schema.of(
            Field.of("auction", DataType.LONG), Field.of("price", DataType.LONG), Field.of("ts", DataType.TIMESTAMP));

    private Bids() {}

    /** The Kafka path's topic: kafka_json reads bids (one partition), kafka_json_pN reads bids_pN (N partitions). */
    static String topic(String path) {
        return path.equals("kafka_json") || path.equals("bare")
                ? "bids"
                : "bids_" + path.substring(path.lastIndexOf('_') + 1);
    }

    static long auction(long i) {
        return mix(i) % 1000;
    }

    static long price(long i) {
        return 1 + (mix(i + 7) >>> 20) % 999;
    }

    static long tsMillis(long i) {
        return T0 + i - (mix(i + 13) >>> 40) % 4 * 700;
    }

    static byte[] json(long i) {
        return json(i, false);
    }

    /** A bid's JSON with its ts in whole epoch seconds, or with {@code millis} the same instant in epoch milliseconds. */
    static byte[] json(long i, boolean millis) {
        long seconds = tsMillis(i) / 1000;
        return ("{\"auction\":" + auction(i) + ",\"price\":" + price(i) + ",\"ts\":"
                        + (millis ? seconds * 1000 : seconds) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static long mix(long i) {
        long z = i * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 31)) * 0xBF58476D1CE4E5B9L;
        return (z ^ (z >>> 29)) & Long.MAX_VALUE;
    }
}
