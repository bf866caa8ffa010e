package dev.eddy.streaming.internal.sink.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.BatchCommitLog;
import dev.eddy.streaming.api.spi.Providers;
import dev.eddy.streaming.api.spi.Sink;
import dev.eddy.streaming.api.spi.SinkContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkTest {
    @TempDir
    Path dir;

    private final Schema schema = Schema.of(
            Field.of("k", DataType.STRING),
            Field.of("n", DataType.LONG),
            Field.of("ts", DataType.TIMESTAMP),
            Field.struct("window", Field.of("start", DataType.TIMESTAMP), Field.of("end", DataType.TIMESTAMP)));

    private Sink sink(String format) {
        return Providers.sink(format)
                .createSink(new SinkContext(
                        Map.of("path", dir.toString()),
                        schema,
                        OutputMode.APPEND,
                        List.of(),
                        Optional.empty(),
                        new ManualClock(0),
                        Optional.empty()));
    }

    private Batch batch(String k, long n) {
        return Batch.builder(schema)
                .addRow(k, n, 1_000_000L, new Object[] {0L, 10_000_000L})
                .build();
    }

    private List<String> dataFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("part-"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void when_committedBatchIdIsWrittenAgain_then_nothingIsWrittenTwice() throws IOException {
        Sink first = sink("json");
        first.addBatch(0, batch("a", 1), OutputMode.APPEND);
        first.addBatch(1, batch("b", 2), OutputMode.APPEND);
        first.stop();
        Sink rerun = sink("json"); // a restarted query replays batch 1, then goes on
        rerun.addBatch(1, batch("b-replayed", 2), OutputMode.APPEND);
        rerun.addBatch(2, batch("c", 3), OutputMode.APPEND);
        assertThat(dataFiles())
                .containsExactly("part-00000-00000.json", "part-00001-00000.json", "part-00002-00000.json");
        assertThat(Files.readString(dir.resolve("part-00001-00000.json")))
                .isEqualTo(
                        "{\"k\":\"b\",\"n\":2,\"ts\":\"1970-01-01T00:00:01Z\",\"window\":{\"start\":\"1970-01-01T00:00:00Z\","
                                + "\"end\":\"1970-01-01T00:00:10Z\"}}\n");
        BatchCommitLog log = new BatchCommitLog(dir.resolve("_eddy_log"));
        assertThat(log.lastCommitted()).isEqualTo(2);
        assertThat(log.files(1)).containsExactly("part-00001-00000.json");
    }

    @Test
    void when_batchWasWrittenButNotCommitted_then_replayOverwritesTheSameFile() throws IOException {
        Files.writeString(dir.resolve("part-00000-00000.csv"), "half written");
        sink("csv").addBatch(0, batch("x,y", 7), OutputMode.APPEND);
        assertThat(Files.readString(dir.resolve("part-00000-00000.csv")))
                .isEqualTo(
                        "k,n,ts,window.start,window.end\n\"x,y\",7,1970-01-01T00:00:01Z,1970-01-01T00:00:00Z,1970-01-01T00:00:10Z\n");
    }

    @Test
    void when_batchIsEmpty_then_noFileButTheIdIsCommitted() throws IOException {
        sink("json").addBatch(0, Batch.empty(schema), OutputMode.APPEND);
        assertThat(dataFiles()).isEmpty();
        assertThat(new BatchCommitLog(dir.resolve("_eddy_log")).isCommitted(0)).isTrue();
    }
}
