package dev.eddy.connectors.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.connectors.parquet.api.ParquetFiles;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sink's commit log makes a replayed batch write nothing twice, and readers see only committed files. */
class ParquetExactlyOnceTest {
    static final Schema SCHEMA = Schema.of(Field.of("id", DataType.LONG), Field.of("name", DataType.STRING));

    @TempDir
    Path tmp;

    @Test
    void when_theEngineReplaysABatchAfterARestart_then_noFileOrRowIsWrittenTwice() throws Exception {
        Path out = tmp.resolve("out");
        Path checkpoint = tmp.resolve("ckpt");
        Eddy eddy = Eddy.create();
        MemoryStream in = eddy.memoryStream(SCHEMA);
        StreamingQuery q = start(in, out, checkpoint);
        try {
            in.addData(new Object[] {1L, "a"}, new Object[] {2L, "b"});
            q.processAllAvailable();
            in.addData(new Object[] {3L, "c"});
            q.processAllAvailable();
        } finally {
            q.stop();
        }
        assertThat(q.exception()).isEmpty();
        Path part1 = out.resolve("part-00001-00000.snappy.parquet");
        FileTime marked = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(part1, marked);

        // as if the query had died after writing batch 1 but before committing it in the checkpoint
        Files.delete(checkpoint.resolve("commits").resolve("1"));
        StreamingQuery again = start(in, out, checkpoint);
        try {
            again.processAllAvailable();
            assertThat(again.lastProgress()).isNotNull();
            assertThat(again.lastProgress().batchId()).isEqualTo(1L);
        } finally {
            again.stop();
        }
        assertThat(again.exception()).isEmpty();
        assertThat(Files.exists(checkpoint.resolve("commits").resolve("1")))
                .as("batch 1 replayed")
                .isTrue();
        assertThat(Files.getLastModifiedTime(part1))
                .as("the replay did not rewrite the file")
                .isEqualTo(marked);
        assertThat(ParquetSinkTest.names(out))
                .containsExactly("_eddy_log", "part-00000-00000.snappy.parquet", "part-00001-00000.snappy.parquet");
        try (DuckDb duck = new DuckDb()) {
            assertThat(duck.query("SELECT id, name FROM " + DuckDb.glob(out) + " ORDER BY id"))
                    .containsExactly(List.of("1", "a"), List.of("2", "b"), List.of("3", "c"));
        }
    }

    @Test
    void when_aFileIsNotInTheCommitLog_then_theReaderIgnoresIt() throws Exception {
        Path out = tmp.resolve("out");
        Eddy eddy = Eddy.create();
        MemoryStream in = eddy.memoryStream(SCHEMA);
        StreamingQuery q = in.toDF().writeStream().format("parquet").start(out.toString());
        try {
            in.addData(new Object[] {1L, "a"});
            q.processAllAvailable();
        } finally {
            q.stop();
        }
        // a batch written but never committed (crash before the log entry), and a temp file left half-written
        Files.copy(out.resolve("part-00000-00000.snappy.parquet"), out.resolve("part-00001-00000.snappy.parquet"));
        Files.writeString(out.resolve(".part-00002-00000.snappy.parquet.tmp"), "partial");
        assertThat(ParquetFiles.read(out).toRows()).extracting(r -> r.get(0)).containsExactly(1L);
    }

    private static StreamingQuery start(MemoryStream in, Path out, Path checkpoint) {
        return in.toDF()
                .writeStream()
                .format("parquet")
                .option("path", out.toString())
                .checkpointLocation(checkpoint.toString())
                .start();
    }
}
