package dev.eddy.bench.engine;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.data.StringColumn;
import java.util.SplittableRandom;

/**
 * A Nexmark-style generator. Event n is a person, an auction or a bid in the proportions 1:3:46 (n mod 50), and
 * happens at {@code baseMicros + n * interEventMicros} (synthetic event time, so runs are repeatable). Bids go
 * to recent auctions with a hot-auction skew and come from existing persons. The same seed gives the same events.
 * Batches are built column by column from primitive arrays; no row objects.
 */
public final class Nexmark {
    public static final Schema BID = Schema.of(
            Field.of("auction", DataType.LONG),
            Field.of("bidder", DataType.LONG),
            Field.of("price", DataType.LONG),
            Field.of("channel", DataType.STRING),
            Field.of("dateTime", DataType.TIMESTAMP));
    public static final Schema AUCTION = Schema.of(
            Field.of("id", DataType.LONG),
            Field.of("seller", DataType.LONG),
            Field.of("category", DataType.LONG),
            Field.of("initialBid", DataType.LONG),
            Field.of("dateTime", DataType.TIMESTAMP),
            Field.of("expires", DataType.TIMESTAMP));
    public static final Schema PERSON = Schema.of(
            Field.of("id", DataType.LONG),
            Field.of("name", DataType.STRING),
            Field.of("state", DataType.STRING),
            Field.of("dateTime", DataType.TIMESTAMP));

    private static final int PERSON_PROPORTION = 1;
    private static final int AUCTION_PROPORTION = 3;
    private static final int TOTAL_PROPORTION = 50;
    private static final String[] CHANNELS = {"apple", "google", "facebook", "baidu"};
    private static final String[] STATES = {"AZ", "CA", "ID", "OR", "WA", "WY"};
    private static final String[] NAMES = {"Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie"};

    private final SplittableRandom random;
    private final long baseMicros;
    private final long interEventMicros;
    private long next;

    public Nexmark(long seed, long baseMicros, long interEventMicros) {
        this.random = new SplittableRandom(seed);
        this.baseMicros = baseMicros;
        this.interEventMicros = interEventMicros;
    }

    /** Events generated so far. */
    public long events() {
        return next;
    }

    public long eventTimeMicros(long eventId) {
        return baseMicros + eventId * interEventMicros;
    }

    /** The persons and auctions so far (ids are dense: the k-th person has id k). */
    static long persons(long events) {
        return (events / TOTAL_PROPORTION) * PERSON_PROPORTION + Math.min(events % TOTAL_PROPORTION, PERSON_PROPORTION);
    }

    static long auctions(long events) {
        long rem = events % TOTAL_PROPORTION;
        return (events / TOTAL_PROPORTION) * AUCTION_PROPORTION
                + Math.max(0, Math.min(rem, PERSON_PROPORTION + AUCTION_PROPORTION) - PERSON_PROPORTION);
    }

    /** The next {@code events} events, split by kind. */
    public Events nextEvents(int events) {
        long first = next;
        next += events;
        int nPersons = (int) (persons(next) - persons(first));
        int nAuctions = (int) (auctions(next) - auctions(first));
        int nBids = events - nPersons - nAuctions;
        long[] pid = new long[nPersons];
        long[] pts = new long[nPersons];
        String[] pname = new String[nPersons];
        String[] pstate = new String[nPersons];
        long[] aid = new long[nAuctions];
        long[] seller = new long[nAuctions];
        long[] cat = new long[nAuctions];
        long[] initial = new long[nAuctions];
        long[] ats = new long[nAuctions];
        long[] expires = new long[nAuctions];
        long[] auction = new long[nBids];
        long[] bidder = new long[nBids];
        long[] price = new long[nBids];
        String[] channel = new String[nBids];
        long[] bts = new long[nBids];
        int p = 0;
        int a = 0;
        int b = 0;
        for (long id = first; id < next; id++) {
            int kind = (int) (id % TOTAL_PROPORTION);
            long ts = eventTimeMicros(id);
            if (kind < PERSON_PROPORTION) {
                pid[p] = persons(id);
                pname[p] = NAMES[random.nextInt(NAMES.length)];
                pstate[p] = STATES[random.nextInt(STATES.length)];
                pts[p++] = ts;
            } else if (kind < PERSON_PROPORTION + AUCTION_PROPORTION) {
                aid[a] = auctions(id);
                seller[a] = randomPerson(id);
                cat[a] = 10 + random.nextInt(5);
                initial[a] = 1 + random.nextInt(1000);
                ats[a] = ts;
                expires[a++] = ts + 10_000_000L * (1 + random.nextInt(10));
            } else {
                auction[b] = randomAuction(id);
                bidder[b] = randomPerson(id);
                price[b] = 100 + random.nextInt(10_000_000);
                channel[b] = CHANNELS[random.nextInt(CHANNELS.length)];
                bts[b++] = ts;
            }
        }
        return new Events(
                Batch.of(
                        PERSON,
                        LongColumn.of(pid),
                        StringColumn.of(pname),
                        StringColumn.of(pstate),
                        LongColumn.timestamps(pts)),
                Batch.of(
                        AUCTION,
                        LongColumn.of(aid),
                        LongColumn.of(seller),
                        LongColumn.of(cat),
                        LongColumn.of(initial),
                        LongColumn.timestamps(ats),
                        LongColumn.timestamps(expires)),
                Batch.of(
                        BID,
                        LongColumn.of(auction),
                        LongColumn.of(bidder),
                        LongColumn.of(price),
                        StringColumn.of(channel),
                        LongColumn.timestamps(bts)));
    }

    /** Mostly one of the 100 newest auctions (hot items), sometimes any earlier one, as Nexmark's generator does. */
    private long randomAuction(long eventId) {
        long known = Math.max(1, auctions(eventId));
        if (random.nextInt(100) < 90) {
            return Math.max(0, known - 1 - random.nextInt((int) Math.min(100, known)));
        }
        return random.nextLong(known);
    }

    private long randomPerson(long eventId) {
        long known = Math.max(1, persons(eventId));
        return Math.max(0, known - 1 - random.nextInt((int) Math.min(1000, known)));
    }

    /** One chunk of the event stream. */
    public record Events(Batch persons, Batch auctions, Batch bids) {}

    /**
     * A bid-only batch for the key-grouped benchmarks: {@code key} in [0, keys), {@code price}, {@code dateTime}.
     * Event time advances {@code interEventMicros} per row from {@code firstEvent}.
     */
    public static final Schema KEYED = Schema.of(
            Field.of("key", DataType.LONG), Field.of("price", DataType.LONG), Field.of("dateTime", DataType.TIMESTAMP));

    public Batch keyedBids(int rows, int keys) {
        long[] key = new long[rows];
        long[] price = new long[rows];
        long[] ts = new long[rows];
        for (int i = 0; i < rows; i++) {
            key[i] = random.nextInt(keys);
            price[i] = 100 + random.nextInt(10_000);
            ts[i] = eventTimeMicros(next++);
        }
        return Batch.of(KEYED, LongColumn.of(key), LongColumn.of(price), LongColumn.timestamps(ts));
    }
}
