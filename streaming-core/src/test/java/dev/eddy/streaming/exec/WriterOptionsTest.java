package dev.eddy.streaming.exec;

import static dev.eddy.streaming.api.expr.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.checkpoint.CheckpointInfo;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spark's writer options either work or are refused by name at start; none is silently ignored. */
class WriterOptionsTest {
    private final Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
    private final MemoryStream in = eddy.memoryStream(Schema.of(Field.of("word", DataType.STRING)));

    @TempDir
    Path dir;

    private Dataset counts() {
        return in.toDF().groupBy(col("word")).count();
    }

    @Test
    void when_checkpointLocationIsGivenAsAnOption_then_theQueryCheckpointsAndResumesWithItsId() throws Exception {
        in.addData(new Object[] {"a"}, new Object[] {"b"});
        StreamingQuery q = counts().writeStream()
                .outputMode("complete")
                .format("memory")
                .option("queryName", "wc")
                .option("checkpointLocation", dir.toString())
                .start();
        try {
            q.processAllAvailable();
        } finally {
            q.stop();
        }
        assertThat(q.name()).isEqualTo("wc");
        assertThat(eddy.table("wc").rowCount()).isEqualTo(2);
        assertThat(dir.resolve("metadata")).exists();
        assertThat(CheckpointInfo.open(dir).queryId()).isEqualTo(q.id());
        in.addData(new Object[] {"a"});
        StreamingQuery again = counts().writeStream()
                .outputMode("complete")
                .memory("wc")
                .option("checkpointLocation", dir.toString())
                .start();
        try {
            again.processAllAvailable();
        } finally {
            again.stop();
        }
        assertThat(again.id()).isEqualTo(q.id());
        assertThat(again.lastProgress().batchId()).isEqualTo(1);
        assertThat(eddy.table("wc").longColumn("count").asList()).containsExactlyInAnyOrder(2L, 1L);
    }

    @Test
    void when_aFileSinkStartsWithAPath_then_itWritesThere() throws Exception {
        in.addData(new Object[] {"a"});
        Path out = dir.resolve("out");
        StreamingQuery q = in.toDF()
                .writeStream()
                .format("json")
                .option("checkpointLocation", dir.resolve("ck").toString())
                .start(out.toString());
        try {
            q.processAllAvailable();
        } finally {
            q.stop();
        }
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.filter(p -> p.toString().endsWith(".json")).toList())
                    .isNotEmpty();
        }
    }

    @Test
    void when_anOptionNoOneReadsIsGiven_then_startFailsNamingIt() {
        assertThatThrownBy(() -> counts().writeStream()
                        .outputMode("complete")
                        .memory("typo")
                        .option("checkpointLocaton", dir.toString())
                        .start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("option 'checkpointlocaton' is not an option of the memory sink");
        assertThatThrownBy(() -> counts().writeStream()
                        .outputMode("complete")
                        .console(System.out)
                        .option("numRow", "5")
                        .start())
                .hasMessageContaining("'numrow'")
                .hasMessageContaining("numRows");
        assertThatThrownBy(() -> in.toDF()
                        .writeStream()
                        .format("kafka")
                        .option("kafka.bootstrap.servers", "localhost:1")
                        .option("topik", "t")
                        .start())
                .hasMessageContaining("option 'topik' is not an option of the 'kafka' sink");
        assertThatThrownBy(() -> counts().writeStream()
                        .outputMode("complete")
                        .foreachBatch((t, id) -> {})
                        .option("path", "/tmp/x")
                        .start())
                .hasMessageContaining("option 'path' is not an option of the foreachBatch sink");
        assertThat(eddy.streams().active()).isEmpty();
    }

    @Test
    void when_checkpointLocationIsGivenTwiceDifferently_then_startFails() {
        assertThatThrownBy(() -> counts().writeStream()
                        .outputMode("complete")
                        .memory("twice")
                        .checkpointLocation(dir.resolve("a").toString())
                        .option("checkpointLocation", dir.resolve("b").toString())
                        .start())
                .hasMessageContaining("checkpointLocation is given twice");
    }
}
