package dev.eddy.connectors.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.connectors.parquet.api.ParquetFiles;
import dev.eddy.sql.api.Sql;
import dev.eddy.sql.api.SqlResult;
import dev.eddy.streaming.api.DataStreamWriter;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.Trigger;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** readStream().format("parquet"): new files per trigger, exactly once across restarts, corrupt files per option. */
class ParquetSourceTest {
    static final Schema SCHEMA = Schema.of(Field.of("id", DataType.LONG), Field.of("dt", DataType.STRING));

    @TempDir
    Path tmp;

    final Eddy eddy = Eddy.create();
    final List<StreamingQuery> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(StreamingQuery::stop);
    }

    @Test
    void when_aSinkKeepsWriting_then_theStreamReadsEachCommittedFileOnce_withPartitionColumns() throws Exception {
        Path dir = tmp.resolve("archive");
        MemoryStream in = eddy.memoryStream(SCHEMA);
        StreamingQuery writer = start(in.toDF().writeStream().format("parquet").partitionBy("dt"), dir.toString());
        in.addData(new Object[] {1L, "a"}, new Object[] {2L, "b"});
        writer.processAllAvailable();

        StreamingQuery reader = start(
                eddy.readStream()
                        .format("parquet")
                        .load(dir.toString())
                        .writeStream()
                        .memory("copy"),
                null);
        reader.processAllAvailable();
        assertThat(ids("copy")).containsExactlyInAnyOrder("1 a", "2 b");
        assertThat(eddy.table("copy").columnNames()).containsExactly("id", "dt");

        in.addData(new Object[] {3L, "a"});
        writer.processAllAvailable();
        // a file that is not in the sink's commit log (a crashed batch) is never taken
        Files.copy(
                dir.resolve("dt=a/part-00000-00000.snappy.parquet"),
                dir.resolve("dt=a/part-00009-00000.snappy.parquet"));
        reader.processAllAvailable();
        assertThat(ids("copy")).containsExactlyInAnyOrder("1 a", "2 b", "3 a");
    }

    /** A plain directory of three files of two ids each (0-1, 10-11, 20-21), the newest first by name. */
    private Path threeFiles(String name) throws Exception {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        try (DuckDb duck = new DuckDb()) {
            for (int i = 0; i < 3; i++) {
                duck.execute("COPY (SELECT range AS id, 'x' AS dt FROM range(" + (i * 10) + ", " + (i * 10 + 2)
                        + ")) TO '" + dir.resolve("f" + i + ".parquet") + "' (FORMAT PARQUET)");
                Files.setLastModifiedTime(
                        dir.resolve("f" + i + ".parquet"),
                        FileTime.fromMillis(1_000_000L * (3 - i))); // newest first by name
            }
        }
        return dir;
    }

    @Test
    void when_maxFilesPerTriggerIsOne_then_eachBatchTakesOneNewFileOfAPlainDirectory() throws Exception {
        Path dir = threeFiles("plain");
        StreamingQuery q = start(
                eddy.readStream()
                        .format("parquet")
                        .option("maxFilesPerTrigger", 1)
                        .load(dir.toString())
                        .writeStream()
                        .memory("one_by_one"),
                null);
        q.processAllAvailable();
        assertThat(q.recentProgress()).extracting(p -> p.numInputRows()).containsExactly(2L, 2L, 2L);
        assertThat(eddy.table("one_by_one").longColumn("id").asList())
                .as("oldest file first")
                .containsExactly(20L, 21L, 10L, 11L, 0L, 1L);
    }

    @Test
    void when_maxBytesPerTriggerFitsTwoFiles_then_batchesTakeFilesWhileTheirSizesFitAndLatestFirstReverses()
            throws Exception {
        Path dir = threeFiles("bytes");
        long twoFiles = Files.size(dir.resolve("f2.parquet")) + Files.size(dir.resolve("f1.parquet"));
        StreamingQuery q = start(
                eddy.readStream()
                        .format("parquet")
                        .option("maxBytesPerTrigger", twoFiles)
                        .load(dir.toString())
                        .writeStream()
                        .memory("by_bytes"),
                null);
        q.processAllAvailable();
        assertThat(q.recentProgress()).extracting(p -> p.numInputRows()).containsExactly(4L, 2L);
        StreamingQuery newest = start(
                eddy.readStream()
                        .format("parquet")
                        .option("maxFilesPerTrigger", 1)
                        .option("latestFirst", true)
                        .load(dir.toString())
                        .writeStream()
                        .memory("newest_first"),
                null);
        newest.processAllAvailable();
        assertThat(eddy.table("newest_first").longColumn("id").asList()).containsExactly(0L, 1L, 10L, 11L, 20L, 21L);
        assertThatThrownBy(() -> eddy.readStream()
                        .format("parquet")
                        .option("maxBytesPerTrigger", 100)
                        .option("maxFilesPerTrigger", 1)
                        .load(dir.toString()))
                .hasMessageContaining("can't be both set at the same time");
    }

    @Test
    void when_availableNowWithMaxFilesPerTrigger_then_itTakesOneFileABatchAndStops() throws Exception {
        Path dir = threeFiles("now");
        StreamingQuery q = start(
                eddy.readStream()
                        .format("parquet")
                        .option("maxFilesPerTrigger", 1)
                        .load(dir.toString())
                        .writeStream()
                        .trigger(Trigger.availableNow())
                        .memory("now_one_by_one"),
                null);
        assertThat(q.awaitTermination(60_000)).isTrue();
        assertThat(q.recentProgress()).extracting(p -> p.numInputRows()).containsExactly(2L, 2L, 2L);
        assertThat(eddy.table("now_one_by_one").longColumn("id").asList())
                .as("oldest file first")
                .containsExactly(20L, 21L, 10L, 11L, 0L, 1L);
    }

    @Test
    void when_aFileIsCorrupt_then_theQueryFailsNamingIt_orSkipsItWithIgnoreCorruptFiles() throws Exception {
        Path dir = tmp.resolve("dir");
        Files.createDirectories(dir);
        ParquetFiles.write(Batch.builder(SCHEMA).addRow(1L, "a").build(), dir.resolve("a.parquet"), "snappy");
        Files.writeString(dir.resolve("b.parquet"), "not parquet at all");
        Files.setLastModifiedTime(dir.resolve("a.parquet"), FileTime.fromMillis(1000));

        StreamingQuery failing = start(
                eddy.readStream()
                        .format("parquet")
                        .schema(SCHEMA)
                        .load(dir.toString())
                        .writeStream()
                        .memory("strict"),
                null);
        assertThatThrownBy(() -> failing.awaitTermination(60_000))
                .hasMessageContaining(
                        "cannot read Parquet file " + dir.resolve("b.parquet") + ": it is not a Parquet file")
                .hasMessageContaining("ignoreCorruptFiles");
        assertThat(failing.exception()).isPresent();

        StreamingQuery lenient = start(
                eddy.readStream()
                        .format("parquet")
                        .schema(SCHEMA)
                        .option("ignoreCorruptFiles", "true")
                        .load(dir.toString())
                        .writeStream()
                        .memory("lenient"),
                null);
        lenient.processAllAvailable();
        assertThat(ids("lenient")).containsExactly("1 a");
        assertThat(lenient.status().message() + " " + lenient.lastProgress().json())
                .contains("b.parquet");
    }

    @Test
    void when_theQueryRestartsFromItsCheckpoint_then_noFileIsReadTwiceAndNoneIsMissed() throws Exception {
        Path dir = tmp.resolve("in");
        Path out = tmp.resolve("out");
        Path ckpt = tmp.resolve("ckpt");
        MemoryStream in = eddy.memoryStream(SCHEMA);
        StreamingQuery writer = start(in.toDF().writeStream().format("parquet"), dir.toString());
        in.addData(new Object[] {1L, "a"});
        writer.processAllAvailable();

        StreamingQuery copy = copy(dir, out, ckpt);
        copy.processAllAvailable();
        copy.stop();
        in.addData(new Object[] {2L, "b"});
        writer.processAllAvailable();
        in.addData(new Object[] {3L, "c"});
        writer.processAllAvailable();
        StreamingQuery again = copy(dir, out, ckpt);
        again.processAllAvailable();
        assertThat(again.exception()).isEmpty();
        assertThat(ParquetFiles.read(out, "id").toRows())
                .extracting(r -> r.get(0))
                .containsExactlyInAnyOrder(1L, 2L, 3L);
    }

    @Test
    void when_aStreamIsDeclaredInSql_then_insertIntoReadsTheNewFiles() throws Exception {
        Path dir = tmp.resolve("in");
        MemoryStream in = eddy.memoryStream(SCHEMA);
        StreamingQuery writer = start(in.toDF().writeStream().format("parquet").partitionBy("dt"), dir.toString());
        Sql sql = new Sql(eddy);
        sql.execute("CREATE STREAM events (id BIGINT, dt STRING) WITH ('connector' = 'parquet', 'path' = '" + dir
                + "', 'partitionBy' = 'dt', 'maxFilesPerTrigger' = '10')");
        sql.execute("CREATE STREAM seen (id BIGINT, dt STRING) WITH ('connector' = 'memory')");
        StreamingQuery q =
                ((SqlResult.Streaming) sql.execute("INSERT INTO seen SELECT id, dt FROM events WHERE id > 1")).query();
        started.add(q);
        in.addData(new Object[] {1L, "a"}, new Object[] {2L, "b"}, new Object[] {3L, "a"});
        writer.processAllAvailable();
        q.processAllAvailable();
        assertThat(ids("seen")).containsExactlyInAnyOrder("2 b", "3 a");
    }

    private StreamingQuery copy(Path dir, Path out, Path ckpt) {
        return start(
                eddy.readStream()
                        .format("parquet")
                        .load(dir.toString())
                        .writeStream()
                        .format("parquet")
                        .checkpointLocation(ckpt.toString()),
                out.toString());
    }

    private StreamingQuery start(DataStreamWriter w, String path) {
        StreamingQuery q = path == null ? w.start() : w.start(path);
        started.add(q);
        return q;
    }

    private List<String> ids(String table) {
        Table t = eddy.table(table);
        List<String> out = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            out.add(t.column("id").getString(r) + " " + t.column("dt").getString(r));
        }
        return out;
    }
}
