import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.data.StringColumn;
import java.util.SplittableRandom;

/**
 * Nexmark bids (the engine benchmark's schema: auction, bidder, price, channel, dateTime) built column by column:
 * bids on recent auctions with a hot-auction skew, prices from 1 to 10 000, four channels, one bid per
 * millisecond. The same seed gives the same rows, so every format writes the same data.
 */
final class Bids {
    static final Schema SCHEMA = Schema.of(
            Field.of("auction", DataType.LONG),
            Field.of("bidder", DataType.LONG),
            Field.of("price", DataType.LONG),
            Field.of("channel", DataType.STRING),
            Field.of("dateTime", DataType.TIMESTAMP));
    private static final String[] CHANNELS = {"apple", "google", "facebook", "baidu"};

    private Bids() {}

    static Batch generate(int n) {
        SplittableRandom rnd = new SplittableRandom(42);
        long[] auction = new long[n];
        long[] bidder = new long[n];
        long[] price = new long[n];
        String[] channel = new String[n];
        long[] time = new long[n];
        long start = 1_714_557_600_000_000L; // 2024-05-01T10:00:00Z in micros
        for (int i = 0; i < n; i++) {
            long newest = 1000 + i / 50;
            auction[i] = rnd.nextInt(100) < 50 ? newest - rnd.nextInt(10) : newest - rnd.nextInt(1000);
            bidder[i] = 1000 + rnd.nextInt(10_000);
            price[i] = 1 + rnd.nextInt(10_000);
            channel[i] = CHANNELS[rnd.nextInt(CHANNELS.length)];
            time[i] = start + i * 1000L;
        }
        return Batch.of(
                SCHEMA,
                new LongColumn(DataType.LONG, auction, n, null),
                new LongColumn(DataType.LONG, bidder, n, null),
                new LongColumn(DataType.LONG, price, n, null),
                new StringColumn(channel, n),
                new LongColumn(DataType.TIMESTAMP, time, n, null));
    }
}
