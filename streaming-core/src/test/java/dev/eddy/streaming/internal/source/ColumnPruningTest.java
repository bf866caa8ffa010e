package dev.eddy.streaming.internal.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.DataStreamReader;
import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.Providers;
import dev.eddy.streaming.api.spi.Source;
import dev.eddy.streaming.api.spi.SourceContext;
import dev.eddy.streaming.api.spi.TriggerContext;
import dev.eddy.streaming.api.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Column pruning changes no answer: random queries over the embedded topic (JSON values and raw records) and over
 * JSON and CSV files, on random records with bad values in read and in unread columns and malformed records, give
 * the same rows trigger by trigger with pruning and without ({@code columnPruning=false}), side by side.
 */
class ColumnPruningTest {
    private static final Schema VALUES = PruningCheck.VALUES;
    private static final int QUERIES = 40;

    private final ManualClock clock = new ManualClock(1_000);
    private final Eddy eddy = Eddy.builder().clock(clock).build();
    private final PruningCheck check = new PruningCheck(clock);

    /** Topic "t" (two partitions) in a registry of its own, and a stream reader of it from the earliest offsets. */
    private record FreshTopic(Topics topics, DataStreamReader reader) {}

    private FreshTopic freshTopic() {
        String registry = "prune-" + UUID.randomUUID();
        Topics topics = new Topics(clock).registerAs(registry);
        topics.create("t", 2);
        DataStreamReader reader = eddy.readStream()
                .format("topic")
                .option("topics", registry)
                .option("topic", "t")
                .option("startingOffsets", "earliest");
        return new FreshTopic(topics, reader);
    }

    @Test
    void when_randomQueriesReadJsonFromTheTopic_then_pruningChangesNoAnswer() {
        for (int q = 0; q < QUERIES; q++) {
            Random rnd = new Random(1600 + q);
            FreshTopic t = freshTopic();
            Topics topics = t.topics();
            Dataset in = t.reader().option("valueFormat", "json").schema(VALUES).load();
            check.compare(in, rnd, step -> {
                for (int i = 0; i < 30; i++) {
                    topics.send("t", rnd.nextInt(4) == 0 ? null : "k" + rnd.nextInt(5), PruningCheck.jsonRecord(rnd));
                }
                return null;
            });
        }
        assertThat(check.pruned()).isGreaterThan(QUERIES / 2);
    }

    @Test
    void when_randomQueriesReadRawTopicRecords_then_pruningChangesNoAnswer() {
        for (int q = 0; q < QUERIES; q++) {
            Random rnd = new Random(2600 + q);
            FreshTopic t = freshTopic();
            Topics topics = t.topics();
            Dataset in = t.reader().load();
            check.compare(in, rnd, step -> {
                for (int i = 0; i < 30; i++) {
                    topics.producer("t")
                            .send(
                                    rnd.nextInt(4) == 0 ? null : "k" + rnd.nextInt(5),
                                    PruningCheck.jsonRecord(rnd),
                                    1_000L * rnd.nextInt(60));
                }
                return null;
            });
        }
        assertThat(check.pruned()).isGreaterThan(QUERIES / 2);
    }

    @Test
    void when_randomQueriesReadJsonFiles_then_pruningChangesNoAnswer(@TempDir Path dir) throws IOException {
        files(dir, "json", PruningCheck::jsonRecord);
    }

    @Test
    void when_randomQueriesReadCsvFiles_then_pruningChangesNoAnswer(@TempDir Path dir) throws IOException {
        files(dir, "csv", PruningCheck::csvRecord);
    }

    private void files(Path root, String format, Function<Random, String> record) throws IOException {
        for (int q = 0; q < QUERIES; q++) {
            Random rnd = new Random(3600 + q);
            Path dir = Files.createDirectory(root.resolve("q" + q));
            Dataset in = eddy.readStream()
                    .format(format)
                    .option("path", dir.toString())
                    .schema(VALUES)
                    .load();
            check.compare(in, rnd, step -> {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < 30; i++) {
                    sb.append(record.apply(rnd)).append('\n');
                }
                try {
                    Files.writeString(dir.resolve("part-" + step + "." + format), sb);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            });
        }
        assertThat(check.pruned()).isGreaterThan(QUERIES / 2);
    }

    @Test
    void when_aTopicSourceIsPruned_then_theUnreadColumnsAreNotBuilt_andTheReadOnesAreAsBefore() {
        String registry = "prune-" + UUID.randomUUID();
        Topics topics = new Topics(clock).registerAs(registry);
        topics.create("t", 1);
        topics.send("t", "k", "{\"user\":\"ann\",\"price\":5,\"note\":\"n\"}");
        topics.send("t", "k", "{\"user\":\"bob\",\"price\":\"bad\"}");
        Source s = Providers.source("topic")
                .createSource(new SourceContext(
                        Map.of("topics", registry, "topic", "t", "startingoffsets", "earliest", "valueformat", "json"),
                        Optional.of(VALUES),
                        clock,
                        Optional.empty()));
        s.pruneColumns(Set.of("price", "offset"));
        Batch b = s.getBatch(s.initialOffset(), s.latestOffset(s.initialOffset(), new TriggerContext(0, 0, false)));
        assertThat(b.schema().names())
                .containsExactly(
                        "user",
                        "price",
                        "qty",
                        "ts",
                        "note",
                        "_corrupt_record",
                        "key",
                        "topic",
                        "partition",
                        "offset",
                        "timestamp");
        for (int c = 0; c < b.numColumns(); c++) {
            String name = b.schema().field(c).name();
            List<Object> values = List.of(
                    String.valueOf(b.column(c).get(0)),
                    String.valueOf(b.column(c).get(1)));
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
        Source s = Providers.source("json")
                .createSource(new SourceContext(
                        Map.of("path", dir.toString()), Optional.of(VALUES), clock, Optional.empty()));
        s.pruneColumns(Set.of("user", "_corrupt_record"));
        Batch b = s.getBatch(s.initialOffset(), s.latestOffset(s.initialOffset(), new TriggerContext(0, 0, false)));
        assertThat(b.toRows())
                .extracting(r -> Arrays.asList(r.values()))
                .containsExactly(
                        Arrays.asList("ann", null, null, null, null, null),
                        // Spark's partial results: the value that parsed is kept next to the record's text
                        Arrays.asList("1.5", null, null, null, null, "{\"user\":1.5,\"qty\":\"x\"}"));
        s.stop();
    }
}
