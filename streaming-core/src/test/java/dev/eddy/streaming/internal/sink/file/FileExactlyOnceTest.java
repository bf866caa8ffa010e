package dev.eddy.streaming.internal.sink.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.checkpoint.InMemoryCheckpointStore;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File source -> file sink across a crash between the sink's write and the engine's commit: the restarted query
 * re-runs the batch with the same offsets, and the sink's commit log keeps it from being written twice.
 */
class FileExactlyOnceTest {
    @TempDir
    Path in;

    @TempDir
    Path out;

    @Test
    void when_queryCrashesAfterTheSinkWroteABatch_then_theRerunWritesNothingTwice() throws IOException {
        write("1.json", "{\"n\":1}\n{\"n\":2}\n", 1);
        InMemoryCheckpointStore checkpoint = new InMemoryCheckpointStore();
        Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
        Dataset q = eddy.readStream().format("json").load(in.toString()).select("n");
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream()
                .format("json")
                .option("path", out.toString())
                .checkpointStore(new CrashBeforeCommitStore(checkpoint))
                .outputMode("append"))) {
            d.runTrigger(); // batch 0: offsets logged, file written, engine commit lost
        }
        assertThat(checkpoint.lastCommittedBatch()).isEmpty();
        Path first = out.resolve("part-00000-00000.json");
        FileTime writtenAt = FileTime.fromMillis(42_000); // a mark a rewrite would replace
        Files.setLastModifiedTime(first, writtenAt);
        write("2.json", "{\"n\":3}\n", 2);
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream()
                .format("json")
                .option("path", out.toString())
                .checkpointStore(checkpoint)
                .outputMode("append"))) {
            assertThat(d.runTrigger().progress().batchId()).as("batch 0 re-run").isEqualTo(0);
            assertThat(d.runTrigger().progress().batchId()).isEqualTo(1);
        }
        assertThat(dataFiles()).containsExactly("part-00000-00000.json", "part-00001-00000.json");
        assertThat(Files.getLastModifiedTime(first))
                .as("batch 0 not written again")
                .isEqualTo(writtenAt);
        assertThat(Files.readString(first)).isEqualTo("{\"n\":1}\n{\"n\":2}\n");
        assertThat(Files.readString(out.resolve("part-00001-00000.json"))).isEqualTo("{\"n\":3}\n");
    }

    private List<String> dataFiles() throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("part-"))
                    .sorted()
                    .toList();
        }
    }

    private void write(String name, String content, int order) throws IOException {
        Path p = in.resolve(name);
        Files.writeString(p, content);
        Files.setLastModifiedTime(p, FileTime.fromMillis(1_000_000L * order));
    }
}
