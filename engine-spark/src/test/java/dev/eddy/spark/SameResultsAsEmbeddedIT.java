package dev.eddy.spark;

import static dev.eddy.spark.testing.BothEngines.batchAndRows;
import static dev.eddy.spark.testing.BothEngines.event;
import static dev.eddy.spark.testing.BothEngines.json;
import static dev.eddy.spark.testing.BothEngines.rows;
import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.count;
import static dev.eddy.streaming.api.expr.Functions.sum;
import static dev.eddy.streaming.api.expr.Functions.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.spark.api.RemoteQuery;
import dev.eddy.spark.api.SparkConnection;
import dev.eddy.spark.testing.SparkConnectTestServer;
import dev.eddy.sql.api.Sql;
import dev.eddy.streaming.api.DataStreamWriter;
import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.Trigger;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.internal.exec.QuerySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same query (the same writer settings, built once in SQL or in Java) runs on the embedded engine and on a
 * real Spark Connect server over the same JSON files, and ends with the same result table, in each output mode.
 * Four files, one per micro-batch (maxFilesPerTrigger = 1, availableNow), with a late row in the last one: both
 * engines also cut the same batches (input rows per batch, in order).
 */
class SameResultsAsEmbeddedIT {
    private static SparkConnection spark;
    private static Path input;
    private static int files;

    @BeforeAll
    static void connectAndWriteInput() throws IOException {
        SparkConnectTestServer server = SparkConnectTestServer.shared();
        spark = SparkConnection.connect(server.url());
        input = Files.createDirectories(server.workDir().resolve("events-" + UUID.randomUUID()));
        write("1.json", event("a", 1, "00:00:01"), event("b", 2, "00:00:03"), event("a", 3, "00:00:12"));
        write("2.json", event("b", 4, "00:00:14"), event("a", 5, "00:00:26"), "{not json");
        // 00:00:45 moves the watermark past the 00:00:20 window
        write("3.json", event("b", 7, "00:00:45"));
        // late: both engines drop a late row by the watermark the batch before used (00:00:16 here; Spark 4's rule)
        write("4.json", event("a", 6, "00:00:02"));
    }

    @AfterAll
    static void close() {
        spark.close();
    }

    private static void write(String file, String... lines) throws IOException {
        Path f = Files.writeString(input.resolve(file), String.join("\n", lines) + "\n");
        // both engines take files in modification-time order: make it the order of the batches
        Files.setLastModifiedTime(f, FileTime.fromMillis(1_700_000_000_000L + 10_000L * ++files));
    }

    private static Sql sqlOn(Eddy eddy) {
        return sqlOn(eddy, 1);
    }

    private static Sql sqlOn(Eddy eddy, int maxFilesPerTrigger) {
        return sqlWith(eddy, "'maxFilesPerTrigger' = '" + maxFilesPerTrigger + "'");
    }

    /** The events stream with these file source options (SQL WITH entries). */
    private static Sql sqlWith(Eddy eddy, String options) {
        Sql sql = new Sql(eddy).startInserts(false);
        sql.execute("CREATE STREAM events (player STRING, n BIGINT, ts TIMESTAMP(3), _corrupt_record STRING,"
                + " WATERMARK FOR ts AS ts - INTERVAL '10' SECOND) WITH ('connector' = 'file', 'path' = '"
                + input + "', 'format' = 'json', " + options + ")");
        return sql;
    }

    private static Dataset javaQuery(Eddy eddy) {
        Dataset events = eddy.readStream()
                .format("json")
                .option("path", input.toString())
                .option("maxFilesPerTrigger", "1")
                .schema(Schema.of(
                        Field.of("player", DataType.STRING),
                        Field.of("n", DataType.LONG),
                        Field.of("ts", DataType.TIMESTAMP)))
                .load()
                .withWatermark("ts", "10 seconds");
        return events.groupBy(window(col("ts"), "10 seconds"), col("player"))
                .agg(count().as("rows"), sum(col("n")).as("total"));
    }

    /**
     * Runs {@code spec} on the embedded engine and on Spark, checks that both cut the same batches; returns both final
     * tables as sorted row strings and the embedded engine's batches.
     */
    private static List<List<String>> bothEngines(Eddy eddy, DataStreamWriter writer) throws InterruptedException {
        QuerySpec spec = writer.spec();
        StreamingQuery local = writer.start();
        local.awaitTermination();
        List<String> embedded = rows(eddy.table(spec.queryName()));
        RemoteQuery remote = spark.start(spec);
        assertThat(remote.awaitTermination(180_000))
                .as("the Spark query ended (availableNow)")
                .isTrue();
        assertThat(remote.error()).isNull();
        List<String> onSpark = rows(remote.result());
        List<String> localBatches =
                local.recentProgress().stream().map(p -> inputRows(p.json())).toList();
        List<String> remoteBatches = remote.recentProgressJson().stream()
                .map(SameResultsAsEmbeddedIT::inputRows)
                .toList();
        assertThat(remoteBatches)
                .as("Spark's batches (availableNow, maxFilesPerTrigger)")
                .isEqualTo(localBatches);
        return List.of(embedded, onSpark, localBatches);
    }

    /** One batch of a progress report: its id and input rows. */
    private static String inputRows(String progressJson) {
        return batchAndRows(json(progressJson));
    }

    private static DataStreamWriter spec(Dataset d, String mode, String name) {
        return d.writeStream().outputMode(mode).trigger(Trigger.availableNow()).queryName(name + "_" + mode);
    }

    @Test
    void when_sqlWindowedCountRunsInAppendUpdateAndComplete_then_sparkEndsWithTheEmbeddedEnginesTables()
            throws Exception {
        for (String mode : List.of("append", "update", "complete")) {
            Eddy eddy = Eddy.create();
            Dataset q =
                    sqlOn(eddy).stream("SELECT window.start AS window_start, player, COUNT(*) AS cnt, SUM(n) AS total"
                            + " FROM events GROUP BY window(ts, '10 seconds'), player");
            List<List<String>> both = bothEngines(eddy, spec(q, mode, "sql_counts"));
            assertThat(both.get(1)).as("Spark, " + mode).isEqualTo(both.get(0)).isNotEmpty();
            assertThat(both.get(2))
                    .as("one file a batch, " + mode)
                    .startsWith("batch 0: 3 rows", "batch 1: 3 rows", "batch 2: 1 rows", "batch 3: 1 rows");
            if (mode.equals("append")) {
                assertThat(both.get(0))
                        .as("without the late row")
                        .contains("window_start=2026-01-01T00:00:00Z, player=a, cnt=1, total=1");
            }
        }
    }

    @Test
    void when_javaDatasetQueryRunsInAppendUpdateAndComplete_then_sparkEndsWithTheEmbeddedEnginesTables()
            throws Exception {
        for (String mode : List.of("append", "update", "complete")) {
            Eddy eddy = Eddy.create();
            List<List<String>> both = bothEngines(eddy, spec(javaQuery(eddy), mode, "java_counts"));
            assertThat(both.get(1)).as("Spark, " + mode).isEqualTo(both.get(0)).isNotEmpty();
        }
    }

    @Test
    void when_maxFilesPerTriggerIsTwo_then_bothEnginesReadTheFilesInTheSameTwoBatches() throws Exception {
        Eddy eddy = Eddy.create();
        Dataset q = sqlOn(eddy, 2).stream("SELECT player, n FROM events WHERE _corrupt_record IS NULL");
        List<List<String>> both = bothEngines(eddy, spec(q, "append", "two_files"));
        assertThat(both.get(1)).isEqualTo(both.get(0)).hasSize(7);
        assertThat(both.get(2)).as("files 1 and 2, then 3 and 4").containsExactly("batch 0: 6 rows", "batch 1: 2 rows");
    }

    @Test
    void when_aRowIsNotJson_then_bothEnginesKeepItInCorruptRecord() throws Exception {
        Eddy eddy = Eddy.create();
        Dataset q =
                sqlOn(eddy).stream("SELECT player, n, _corrupt_record FROM events WHERE _corrupt_record IS NOT NULL");
        List<List<String>> both = bothEngines(eddy, spec(q, "append", "corrupt"));
        assertThat(both.get(1)).isEqualTo(both.get(0)).containsExactly("player=, n=null, _corrupt_record={not json");
    }

    /**
     * Spark 4's maxBytesPerTrigger: files in order while their total fits (the cap is exactly files 1 and 2), so both
     * engines cut the same two batches.
     */
    @Test
    void when_maxBytesPerTriggerFitsTwoFiles_then_bothEnginesCutTheSameBatches() throws Exception {
        long cap = Files.size(input.resolve("1.json")) + Files.size(input.resolve("2.json"));
        Eddy eddy = Eddy.create();
        Dataset q = sqlWith(eddy, "'maxBytesPerTrigger' = '" + cap + "'").stream(
                "SELECT player, n FROM events WHERE _corrupt_record IS NULL");
        List<List<String>> both = bothEngines(eddy, spec(q, "append", "max_bytes"));
        assertThat(both.get(1)).isEqualTo(both.get(0)).hasSize(7);
        assertThat(both.get(2)).as("files 1 and 2, then 3 and 4").containsExactly("batch 0: 6 rows", "batch 1: 2 rows");
    }

    @Test
    void when_latestFirstTakesOneFileABatch_then_bothEnginesReadTheNewestFileFirst() throws Exception {
        Eddy eddy = Eddy.create();
        Dataset q = sqlWith(eddy, "'maxFilesPerTrigger' = '1', 'latestFirst' = 'true'").stream(
                "SELECT player, n FROM events WHERE _corrupt_record IS NULL");
        List<List<String>> both = bothEngines(eddy, spec(q, "append", "latest_first"));
        assertThat(both.get(1)).isEqualTo(both.get(0)).hasSize(7);
        assertThat(both.get(2))
                .as("files 4, 3, 2, 1")
                .containsExactly("batch 0: 1 rows", "batch 1: 1 rows", "batch 2: 3 rows", "batch 3: 3 rows");
    }

    @Test
    void when_modeIsDropMalformed_then_bothEnginesLeaveTheLineOutOfTheSameBatch() throws Exception {
        Eddy eddy = Eddy.create();
        Dataset q = sqlWith(eddy, "'maxFilesPerTrigger' = '1', 'mode' = 'DROPMALFORMED'").stream(
                "SELECT player, n, _corrupt_record FROM events");
        List<List<String>> both = bothEngines(eddy, spec(q, "append", "drop_malformed"));
        assertThat(both.get(1)).isEqualTo(both.get(0)).hasSize(7).noneMatch(r -> r.contains("not json"));
        assertThat(both.get(2)).startsWith("batch 0: 3 rows", "batch 1: 2 rows");
    }
}
