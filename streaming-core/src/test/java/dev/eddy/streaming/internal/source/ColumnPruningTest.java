package dev.eddy.streaming.internal.source;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.Providers;
import dev.eddy.streaming.api.spi.Source;
import dev.eddy.streaming.api.spi.SourceContext;
import dev.eddy.streaming.api.spi.TriggerContext;
import dev.eddy.streaming.api.topic.Topics;
import dev.eddy.streaming.testing.QueryTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntFunction;

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

/**
 * Column pruning changes no answer: random queries over the embedded topic (JSON values and raw records) and over
 * JSON and CSV files, on random records with bad values in read and in unread columns and malformed records, give
 * the same rows trigger by trigger with pruning and without ({@code columnPruning=false}), side by side.
 */
class ColumnPruningTest {
    private static final Schema VALUES = Schema.of(Field.of("user", DataType.STRING), Field.of("price", DataType.LONG),
            Field.of("qty", DataType.INT), Field.of("ts", DataType.TIMESTAMP), Field.of("note", DataType.STRING));
    private static final int QUERIES = 40;

    private final ManualClock clock = new ManualClock(1_000);
    private final Eddy eddy = Eddy.builder().clock(clock).build();
    private int pruned;

    @Test
    void when_randomQueriesReadJsonFromTheTopic_then_pruningChangesNoAnswer() {
        for (int q = 0; q < QUERIES; q++) {
            Random rnd = new Random(1600 + q);
            String registry = "prune-" + UUID.randomUUID();
            Topics topics = new Topics(clock).registerAs(registry);
            topics.create("t", 2);
            Dataset in = eddy.readStream().format("topic").option("topics", registry).option("topic", "t")
                    .option("startingOffsets", "earliest").option("valueFormat", "json").schema(VALUES).load();
            compare(in, rnd, step -> {
                for (int i = 0; i < 30; i++) {
                    topics.send("t", rnd.nextInt(4) == 0 ? null : "k" + rnd.nextInt(5), jsonRecord(rnd));
                }
                return null;
            });
        }
        assertThat(pruned).isGreaterThan(QUERIES / 2);
    }

    @Test
    void when_randomQueriesReadRawTopicRecords_then_pruningChangesNoAnswer() {
        for (int q = 0; q < QUERIES; q++) {
            Random rnd = new Random(2600 + q);
            String registry = "prune-" + UUID.randomUUID();
            Topics topics = new Topics(clock).registerAs(registry);
            topics.create("t", 2);
            Dataset in = eddy.readStream().format("topic").option("topics", registry).option("topic", "t")
                    .option("startingOffsets", "earliest").load();
            compare(in, rnd, step -> {
                for (int i = 0; i < 30; i++) {
                    topics.producer("t").send(rnd.nextInt(4) == 0 ? null : "k" + rnd.nextInt(5), jsonRecord(rnd),
                            1_000L * rnd.nextInt(60));
                }
                return null;
            });
        }
        assertThat(pruned).isGreaterThan(QUERIES / 2);
    }

    @Test
    void when_randomQueriesReadJsonFiles_then_pruningChangesNoAnswer(@TempDir Path dir) throws IOException {
        files(dir, "json", rnd -> jsonRecord(rnd));
    }

    @Test
    void when_randomQueriesReadCsvFiles_then_pruningChangesNoAnswer(@TempDir Path dir) throws IOException {
        files(dir, "csv", ColumnPruningTest::csvRecord);
    }

    private void files(Path root, String format, java.util.function.Function<Random, String> record) throws IOException {
        for (int q = 0; q < QUERIES; q++) {
            Random rnd = new Random(3600 + q);
            Path dir = Files.createDirectory(root.resolve("q" + q));
            Dataset in = eddy.readStream().format(format).option("path", dir.toString()).schema(VALUES).load();
            compare(in, rnd, step -> {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < 30; i++) {
                    sb.append(record.apply(rnd)).append('\n');
                }
                try {
                    Files.writeString(dir.resolve("part-" + step + "." + format), sb);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return null;
            });
        }
        assertThat(pruned).isGreaterThan(QUERIES / 2);
    }

    @Test
    void when_aTopicSourceIsPruned_then_theUnreadColumnsAreNotBuilt_andTheReadOnesAreAsBefore() {
        String registry = "prune-" + UUID.randomUUID();
        Topics topics = new Topics(clock).registerAs(registry);
        topics.create("t", 1);
        topics.send("t", "k", "{\"user\":\"ann\",\"price\":5,\"note\":\"n\"}");
        topics.send("t", "k", "{\"user\":\"bob\",\"price\":\"bad\"}");
        Source s = Providers.source("topic").createSource(new SourceContext(Map.of("topics", registry, "topic", "t",
                "startingoffsets", "earliest", "valueformat", "json"), Optional.of(VALUES), clock, Optional.empty()));
        s.pruneColumns(Set.of("price", "offset"));
        Batch b = s.getBatch(s.initialOffset(), s.latestOffset(s.initialOffset(), new TriggerContext(0, 0, false)));
        assertThat(b.schema().names()).containsExactly("user", "price", "qty", "ts", "note", "_corrupt_record", "key",
                "topic", "partition", "offset", "timestamp");
        for (int c = 0; c < b.numColumns(); c++) {
            String name = b.schema().field(c).name();
            List<Object> values = List.of(String.valueOf(b.column(c).get(0)), String.valueOf(b.column(c).get(1)));
            switch (name) {
                case "price" -> assertThat(values).containsExactly("5", "null"); // the bad record stays corrupt
                case "offset" -> assertThat(values).containsExactly("0", "1");
                default -> assertThat(values).as(name).containsExactly("null", "null");
            }
        }
        s.stop();
    }

    @Test
    void when_aJsonFileSourceIsPruned_then_theUnreadColumnsAreNotBuilt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.json"), "{\"user\":\"ann\",\"price\":5}\n{\"user\":1.5,\"qty\":\"x\"}\n");
        Source s = Providers.source("json").createSource(new SourceContext(Map.of("path", dir.toString()),
                Optional.of(VALUES), clock, Optional.empty()));
        s.pruneColumns(Set.of("user", "_corrupt_record"));
        Batch b = s.getBatch(s.initialOffset(), s.latestOffset(s.initialOffset(), new TriggerContext(0, 0, false)));
        assertThat(b.toRows()).extracting(r -> Arrays.asList(r.values())).containsExactly(
                Arrays.asList("ann", null, null, null, null, null),
                Arrays.asList(null, null, null, null, null, "{\"user\":1.5,\"qty\":\"x\"}"));
        s.stop();
    }

    /** Runs a random query on {@code in} with and without pruning, side by side, for three triggers of new data. */
    private void compare(Dataset in, Random rnd, IntFunction<Void> addData) {
        RandomQuery query = RandomQuery.of(in, rnd);
        var readColumns = dev.eddy.streaming.internal.exec.Planner.plan(query.dataset.plan(),
                dev.eddy.streaming.api.OutputMode.parse(query.mode), clock).readColumns(0);
        if (readColumns != null) {
            pruned++;
        }
        try (QueryTestDriver on = QueryTestDriver.start(query.dataset.writeStream().outputMode(query.mode));
             QueryTestDriver off = QueryTestDriver.start(query.dataset.writeStream().outputMode(query.mode)
                     .option("columnPruning", "false"))) {
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
                case 1 -> new RandomQuery(in.filter(isNotNull(col(a))).select(b), "append",
                        "select " + b + " where " + a + " is not null");
                case 2 -> new RandomQuery(in.filter(gt(col(num), lit(50L))).select(col(a), length(col(b).cast(
                        DataType.STRING)).as("len")), "append", "select " + a + ", length(" + b + ") where " + num
                        + " > 50");
                case 3 -> new RandomQuery(in.groupBy(a).agg(alias(count(), "n"), alias(sum(col(num)), "s")),
                        "update", "count, sum(" + num + ") group by " + a);
                case 4 -> new RandomQuery(in.withWatermark(time, "5 seconds")
                        .groupBy(window(col(time), "10 seconds")).agg(alias(count(), "n"), alias(count(col(b)), "m")),
                        "update", "count, count(" + b + ") group by window(" + time + ")");
                default -> new RandomQuery(in.dropDuplicates(a).select(a, b), "append",
                        "select " + a + ", " + b + " after dropDuplicates(" + a + ")");
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

    private static final String[] USERS = {"\"ann\"", "\"bob\"", "7", "null", "\"zo\u00eb\"", "\"a\\\"b\"", "true",
            "{\"x\":1}", "\"\\u00e9\""};
    private static final String[] PRICES = {"1", "20", "60", "99", "-3", "1.5", "\"x\"", "null", "9223372036854775807"};
    private static final String[] QTYS = {"0", "2", "5", "3000000000", "\"3\"", "null"};
    private static final String[] TIMES = {"1000", "4000", "12000", "25000", "\"1970-01-01T00:00:31Z\"", "\"bad\"",
            "null", "59000"};
    private static final String[] NOTES = {"\"\"", "\"hello\"", "\"tab\\there\"", "\"caf\u00e9\"", "42", "null"};
    private static final String[] MALFORMED = {"{\"user\":", "not json", "", "[1,2]", "{\"price\":1}}"};

    static String jsonRecord(Random rnd) {
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
        java.util.Collections.shuffle(fields, rnd);
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
    private static final String[] CSV_TIMES = {"1970-01-01T00:00:01Z", "1970-01-01T00:00:25Z", "", "bad",
            "1970-01-01 00:00:40"};

    static String csvRecord(Random rnd) {
        if (rnd.nextInt(12) == 0) {
            return rnd.nextBoolean() ? "ann,1" : "\"open,2,3,x,y";
        }
        return CSV_USERS[rnd.nextInt(CSV_USERS.length)] + "," + CSV_PRICES[rnd.nextInt(CSV_PRICES.length)] + ","
                + CSV_QTYS[rnd.nextInt(CSV_QTYS.length)] + "," + CSV_TIMES[rnd.nextInt(CSV_TIMES.length)] + ","
                + CSV_USERS[rnd.nextInt(CSV_USERS.length)];
    }
}
