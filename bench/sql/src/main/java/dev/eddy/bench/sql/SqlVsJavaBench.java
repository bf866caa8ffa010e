package dev.eddy.bench.sql;

import static dev.eddy.bench.sql.BenchRounds.print;
import static dev.eddy.streaming.api.expr.Functions.add;
import static dev.eddy.streaming.api.expr.Functions.alias;
import static dev.eddy.streaming.api.expr.Functions.and;
import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.count;
import static dev.eddy.streaming.api.expr.Functions.eq;
import static dev.eddy.streaming.api.expr.Functions.ge;
import static dev.eddy.streaming.api.expr.Functions.interval;
import static dev.eddy.streaming.api.expr.Functions.le;
import static dev.eddy.streaming.api.expr.Functions.lit;
import static dev.eddy.streaming.api.expr.Functions.max;
import static dev.eddy.streaming.api.expr.Functions.mod;
import static dev.eddy.streaming.api.expr.Functions.mul;
import static dev.eddy.streaming.api.expr.Functions.window;

import dev.eddy.bench.engine.Nexmark;
import dev.eddy.sql.api.Sql;
import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.spi.Providers;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Each Nexmark query twice in one JVM: written in SQL and built with the Java API, on the same pre-generated
 * batches (one per trigger, test driver, manual clock), into the same counting sink, in append mode. Both sides'
 * answers (rows and checksum) are compared on a small input first; a mismatch stops the run.
 */
public final class SqlVsJavaBench {
    /** The streams a query reads, fresh for every run. */
    record Inputs(Dataset bid, Dataset person, Dataset auction) {}

    record Query(String name, String sql, Function<Inputs, Dataset> java, boolean join) {}

    static final List<Query> QUERIES = List.of(
            new Query(
                    "q0",
                    "SELECT auction, bidder, price, `dateTime` FROM bid",
                    in -> in.bid().select("auction", "bidder", "price", "dateTime"),
                    false),
            new Query(
                    "q1",
                    "SELECT auction, bidder, price * 0.908 AS price, `dateTime` FROM bid",
                    in -> in.bid()
                            .select(
                                    col("auction"),
                                    col("bidder"),
                                    alias(mul(col("price"), lit(0.908)), "price"),
                                    col("dateTime")),
                    false),
            new Query(
                    "q2",
                    "SELECT auction, price FROM bid WHERE MOD(auction, 123) = 0",
                    in -> in.bid()
                            .filter(eq(mod(col("auction"), lit(123L)), lit(0L)))
                            .select("auction", "price"),
                    false),
            new Query(
                    "q5_counts",
                    "SELECT window_start, auction, COUNT(*) AS num FROM TABLE(HOP(TABLE bid,"
                            + " DESCRIPTOR(`dateTime`), INTERVAL '2' SECOND, INTERVAL '10' SECOND)) GROUP BY window_start, window_end, auction",
                    in -> in.bid()
                            .groupBy(window(col("dateTime"), "10 seconds", "2 seconds"), col("auction"))
                            .agg(alias(count(), "num"))
                            .select(alias(col("window.start"), "window_start"), col("auction"), col("num")),
                    false),
            new Query(
                    "q7_max",
                    "SELECT window_start, MAX(price) AS maxprice FROM TABLE(TUMBLE(TABLE bid,"
                            + " DESCRIPTOR(`dateTime`), INTERVAL '10' SECOND)) GROUP BY window_start, window_end",
                    in -> in.bid()
                            .groupBy(window(col("dateTime"), "10 seconds"))
                            .agg(alias(max(col("price")), "maxprice"))
                            .select(alias(col("window.start"), "window_start"), col("maxprice")),
                    false),
            new Query(
                    "q8",
                    "SELECT P.id, P.name, A.id AS auction FROM person P JOIN auction A ON P.id = A.seller"
                            + " AND A.`dateTime` BETWEEN P.`dateTime` AND P.`dateTime` + INTERVAL '10' SECOND",
                    SqlVsJavaBench::q8Java,
                    true),
            // q8 with the join's inputs narrowed in SQL as the Java side does: shows what the plain SQL q8 loses
            new Query(
                    "q8_projected",
                    "SELECT P.id, P.name, A.a_id AS auction FROM (SELECT id, name, `dateTime` FROM person) P"
                            + " JOIN (SELECT id AS a_id, seller, `dateTime` AS a_time FROM auction) A ON P.id = A.seller"
                            + " AND A.a_time BETWEEN P.`dateTime` AND P.`dateTime` + INTERVAL '10' SECOND",
                    SqlVsJavaBench::q8Java,
                    true));

    private static final long BASE_MICROS = 1_700_000_000_000_000L;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private SqlVsJavaBench() {}

    static Dataset q8Java(Inputs in) {
        Dataset p = in.person().select(alias(col("id"), "p_id"), col("name"), alias(col("dateTime"), "p_time"));
        Dataset a = in.auction().select(alias(col("id"), "a_id"), col("seller"), alias(col("dateTime"), "a_time"));
        return p.join(
                        a,
                        and(
                                and(eq(col("p_id"), col("seller")), ge(col("a_time"), col("p_time"))),
                                le(col("a_time"), add(col("p_time"), interval("10 seconds")))))
                .select("p_id", "name", "a_id");
    }

    public static void main(String[] args) {
        Providers.register(new SumSink());
        String only = System.getProperty("bench.only", "");
        if (args.length > 0 && args[0].equals("explain")) {
            QUERIES.stream().filter(q -> q.name().startsWith(only)).forEach(q -> System.out.println(explain(q)));
            return;
        }
        List<Nexmark.Events> small = generate(10, 40_000);
        List<Nexmark.Events> big = generate(5, 500_000);
        for (Query q : QUERIES) {
            if (!q.name().startsWith(only)) {
                continue;
            }
            long[] s = check(q, small, true);
            long[] j = check(q, small, false);
            if (s[0] == 0 || s[0] != j[0] || s[1] != j[1]) { // no rows would check nothing
                System.err.printf(
                        "%s: SQL and Java answers differ or are empty: rows %d vs %d, checksum %d vs %d%n",
                        q.name(), s[0], j[0], s[1], j[1]);
                System.exit(1);
            }
            print("sql_vs_java.nexmark." + q.name() + ".checked_rows", s[0], "rows");
            double[][] best = BenchRounds.best(() -> run(q, big, true), () -> run(q, big, false));
            double[] sql = best[0];
            double[] java = best[1];
            print("sql.nexmark." + q.name() + ".rows_per_s", sql[0], "rows/s");
            print("java.nexmark." + q.name() + ".rows_per_s", java[0], "rows/s");
            print("sql_vs_java.nexmark." + q.name() + ".ratio", sql[0] / java[0], "x");
            // the same per CPU second of the query's thread: far less sensitive to other load on a shared machine
            print("sql_vs_java.nexmark." + q.name() + ".cpu_ratio", sql[1] / java[1], "x");
        }
    }

    static List<Nexmark.Events> generate(int batches, int events) {
        Nexmark gen = new Nexmark(7, BASE_MICROS, 100);
        List<Nexmark.Events> out = new ArrayList<>();
        for (int i = 0; i < batches; i++) {
            out.add(gen.nextEvents(events));
        }
        return out;
    }

    private static long[] check(Query q, List<Nexmark.Events> input, boolean sql) {
        SumSink.checksum = true;
        try {
            run(q, input, sql);
            return new long[] {SumSink.ROWS.get(), SumSink.SUM.get()};
        } finally {
            SumSink.checksum = false;
        }
    }

    /**
     * One run of the query on a fresh session; returns the input rows per second of trigger time (wall clock) and
     * per second of the calling thread's CPU time (the test driver runs triggers on it; GC threads not counted).
     */
    static double[] run(Query q, List<Nexmark.Events> input, boolean useSql) {
        SumSink.reset();
        Streams s = new Streams(
                Eddy.builder().clock(new ManualClock(0)).noDataBatches(false).build());
        Dataset query = useSql ? s.sql().stream(q.sql()) : q.java().apply(s.inputs());
        long rows = 0;
        long nanos = 0;
        long cpuNanos = 0;
        try (QueryTestDriver d =
                QueryTestDriver.start(query.writeStream().format("benchsum").outputMode("append"))) {
            for (Nexmark.Events e : input) {
                if (q.join()) {
                    s.person().addBatch(e.persons());
                    s.auction().addBatch(e.auctions());
                    rows += e.persons().numRows() + e.auctions().numRows();
                } else {
                    s.bid().addBatch(e.bids());
                    rows += e.bids().numRows();
                }
                long c = CPU.getCurrentThreadCpuTime();
                long t = System.nanoTime();
                d.runTrigger();
                nanos += System.nanoTime() - t;
                cpuNanos += CPU.getCurrentThreadCpuTime() - c;
            }
        }
        return new double[] {rows / (nanos / 1e9), rows / (cpuNanos / 1e9)};
    }

    /** The engine plans of both sides of one query, for comparing them (bench/sql/run.sh explain). */
    static String explain(Query q) {
        Streams s = new Streams(Eddy.builder().clock(new ManualClock(0)).build());
        return "== " + q.name() + " SQL ==\n" + s.sql().stream(q.sql()).explain() + "\n== " + q.name() + " Java ==\n"
                + q.java().apply(s.inputs()).explain();
    }

    /** The three Nexmark memory streams of one session, each with a 5 s watermark on its event time. */
    static final class Streams {
        private final Eddy eddy;
        private final MemoryStream bid;
        private final MemoryStream person;
        private final MemoryStream auction;
        private final Inputs inputs;

        Streams(Eddy eddy) {
            this.eddy = eddy;
            this.bid = eddy.memoryStream(Nexmark.BID);
            this.person = eddy.memoryStream(Nexmark.PERSON);
            this.auction = eddy.memoryStream(Nexmark.AUCTION);
            this.inputs = new Inputs(
                    bid.toDF().withWatermark("dateTime", "5 seconds"),
                    person.toDF().withWatermark("dateTime", "5 seconds"),
                    auction.toDF().withWatermark("dateTime", "5 seconds"));
        }

        MemoryStream bid() {
            return bid;
        }

        MemoryStream person() {
            return person;
        }

        MemoryStream auction() {
            return auction;
        }

        Inputs inputs() {
            return inputs;
        }

        /** A SQL session on this one with the inputs registered as the streams bid, person and auction. */
        Sql sql() {
            Sql sql = new Sql(eddy);
            sql.catalog().registerStream("bid", inputs.bid());
            sql.catalog().registerStream("person", inputs.person());
            sql.catalog().registerStream("auction", inputs.auction());
            return sql;
        }
    }
}
