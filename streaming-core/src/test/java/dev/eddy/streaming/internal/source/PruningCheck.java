package dev.eddy.streaming.internal.source;

import static dev.eddy.streaming.api.expr.Functions.alias;
import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.count;
import static dev.eddy.streaming.api.expr.Functions.gt;
import static dev.eddy.streaming.api.expr.Functions.isNotNull;
import static dev.eddy.streaming.api.expr.Functions.length;
import static dev.eddy.streaming.api.expr.Functions.lit;
import static dev.eddy.streaming.api.expr.Functions.sum;
import static dev.eddy.streaming.api.expr.Functions.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.internal.exec.Planner;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * Runs a random query with column pruning and without ({@code columnPruning=false}), side by side over the same
 * source, and asserts the same rows after every trigger; also makes the random records (JSON and CSV, with bad
 * values in every column and malformed records) the sources read.
 */
public final class PruningCheck {
    public static final Schema VALUES = Schema.of(
            Field.of("user", DataType.STRING),
            Field.of("price", DataType.LONG),
            Field.of("qty", DataType.INT),
            Field.of("ts", DataType.TIMESTAMP),
            Field.of("note", DataType.STRING));

    private final ManualClock clock;
    /** Queries whose source had columns pruned (the comparison is not vacuous). */
    private int pruned;

    public PruningCheck(ManualClock clock) {
        this.clock = clock;
    }

    /** How many of the queries compared so far had columns pruned from their source. */
    public int pruned() {
        return pruned;
    }

    /** Runs a random query on {@code in} with and without pruning, side by side, for three triggers of new data. */
    public void compare(Dataset in, Random rnd, IntFunction<Void> addData) {
        RandomQuery query = RandomQuery.of(in, rnd);
        var readColumns = Planner.plan(query.dataset.plan(), OutputMode.parse(query.mode), clock)
                .readColumns(0);
        if (readColumns != null) {
            pruned++;
        }
        try (QueryTestDriver on =
                        QueryTestDriver.start(query.dataset.writeStream().outputMode(query.mode));
                QueryTestDriver off = QueryTestDriver.start(
                        query.dataset.writeStream().outputMode(query.mode).option("columnPruning", "false"))) {
            for (int step = 0; step < 3; step++) {
                addData.apply(step);
                List<String> withPruning = sorted(on.runTrigger().newRows());
                List<String> without = sorted(off.runTrigger().newRows());
                assertThat(withPruning).as("%s, trigger %d", query, step).isEqualTo(without);
            }
        }
    }

    private static List<String> sorted(List<Row> rows) {
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(Arrays.deepToString(r.values()));
        }
        out.sort(null);
        return out;
    }

    /** A random query over the columns of a source: projections, filters, aggregates, windows, deduplication. */
    private record RandomQuery(Dataset dataset, String mode, String text) {
        static RandomQuery of(Dataset in, Random rnd) {
            List<String> cols = in.schema().names();
            String a = pick(cols, rnd);
            String b = pick(cols.stream().filter(c -> !c.equals(a)).toList(), rnd);
            String num = in.schema().indexOf("price") >= 0 ? "price" : "offset";
            String time = in.schema().indexOf("ts") >= 0 ? "ts" : "timestamp";
            return switch (rnd.nextInt(6)) {
                case 0 -> new RandomQuery(in.select(a, b), "append", "select " + a + ", " + b);
                case 1 ->
                    new RandomQuery(
                            in.filter(isNotNull(col(a))).select(b),
                            "append",
                            "select " + b + " where " + a + " is not null");
                case 2 ->
                    new RandomQuery(
                            in.filter(gt(col(num), lit(50L)))
                                    .select(
                                            col(a),
                                            length(col(b).cast(DataType.STRING)).as("len")),
                            "append",
                            "select " + a + ", length(" + b + ") where " + num + " > 50");
                case 3 ->
                    new RandomQuery(
                            in.groupBy(a).agg(alias(count(), "n"), alias(sum(col(num)), "s")),
                            "update",
                            "count, sum(" + num + ") group by " + a);
                case 4 ->
                    new RandomQuery(
                            in.withWatermark(time, "5 seconds")
                                    .groupBy(window(col(time), "10 seconds"))
                                    .agg(alias(count(), "n"), alias(count(col(b)), "m")),
                            "update",
                            "count, count(" + b + ") group by window(" + time + ")");
                // On both columns: dropDuplicates(a) alone keeps whichever row of a duplicate came first, and rows of
                // two Kafka partitions may come in either order, so its answer is not one answer to compare.
                default ->
                    new RandomQuery(
                            in.dropDuplicates(a, b).select(a, b),
                            "append",
                            "select " + a + ", " + b + " after dropDuplicates(" + a + ", " + b + ")");
            };
        }

        private static String pick(List<String> cols, Random rnd) {
            return cols.get(rnd.nextInt(cols.size()));
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private static final String[] USERS = {
        "\"ann\"", "\"bob\"", "7", "null", "\"zo\u00eb\"", "\"a\\\"b\"", "true", "{\"x\":1}", "\"\\u00e9\""
    };
    // a large price, not Long.MAX_VALUE: the sum of several of them must not overflow (a SUM that does fails the
    // query with [ARITHMETIC_OVERFLOW], as Spark's ANSI SUM does)
    private static final String[] PRICES = {"1", "20", "60", "99", "-3", "1.5", "\"x\"", "null", "9223372036854775"};
    private static final String[] QTYS = {"0", "2", "5", "3000000000", "\"3\"", "null"};
    private static final String[] TIMES = {
        "1000", "4000", "12000", "25000", "\"1970-01-01T00:00:31Z\"", "\"bad\"", "null", "59000"
    };
    private static final String[] NOTES = {"\"\"", "\"hello\"", "\"tab\\there\"", "\"caf\u00e9\"", "42", "null"};
    private static final String[] MALFORMED = {"{\"user\":", "not json", "", "[1,2]", "{\"price\":1}}"};

    public static String jsonRecord(Random rnd) {
        if (rnd.nextInt(12) == 0) {
            return MALFORMED[rnd.nextInt(MALFORMED.length)];
        }
        List<String> fields = new ArrayList<>();
        add(fields, rnd, "user", USERS);
        add(fields, rnd, "price", PRICES);
        add(fields, rnd, "qty", QTYS);
        add(fields, rnd, "ts", TIMES);
        add(fields, rnd, "note", NOTES);
        if (rnd.nextInt(4) == 0) {
            fields.add("\"other\":[1,{\"y\":2}]");
        }
        Collections.shuffle(fields, rnd);
        return "{" + String.join(",", fields) + "}";
    }

    private static void add(List<String> fields, Random rnd, String name, String[] values) {
        if (rnd.nextInt(6) != 0) {
            fields.add("\"" + name + "\":" + values[rnd.nextInt(values.length)]);
        }
    }

    private static final String[] CSV_USERS = {"ann", "bob", "", "\"a,b\"", "\"q\"\"x\"", "zo\u00eb"};
    private static final String[] CSV_PRICES = {"1", "20", "60", "", "1.5", "x"};
    private static final String[] CSV_QTYS = {"0", "5", "", "3000000000"};
    private static final String[] CSV_TIMES = {
        "1970-01-01T00:00:01Z", "1970-01-01T00:00:25Z", "", "bad", "1970-01-01 00:00:40"
    };

    static String csvRecord(Random rnd) {
        if (rnd.nextInt(12) == 0) {
            return rnd.nextBoolean() ? "ann,1" : "\"open,2,3,x,y";
        }
        return CSV_USERS[rnd.nextInt(CSV_USERS.length)] + "," + CSV_PRICES[rnd.nextInt(CSV_PRICES.length)] + ","
                + CSV_QTYS[rnd.nextInt(CSV_QTYS.length)] + "," + CSV_TIMES[rnd.nextInt(CSV_TIMES.length)] + ","
                + CSV_USERS[rnd.nextInt(CSV_USERS.length)];
    }
}
