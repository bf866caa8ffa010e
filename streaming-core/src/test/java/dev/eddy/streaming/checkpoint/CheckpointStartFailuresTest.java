package dev.eddy.streaming.checkpoint;

import static dev.eddy.streaming.testing.TimedWords.ev;
import static dev.eddy.streaming.testing.TimedWords.windowedCounts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.StreamingQueryException;
import dev.eddy.streaming.api.checkpoint.CheckpointInfo;
import dev.eddy.streaming.api.checkpoint.CorruptCheckpointException;
import dev.eddy.streaming.testing.QueryTestDriver;
import dev.eddy.streaming.testing.TimedWords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint that cannot be resumed makes {@code start()} itself fail (CHECKPOINTS.md), with a message that names the
 * file and the batch the query would have resumed at, and nothing in the checkpoint is rewritten.
 */
class CheckpointStartFailuresTest {
    private final Eddy eddy =
            Eddy.builder().clock(new ManualClock(1_700_000_000_000L)).build();
    private final MemoryStream in = eddy.memoryStream(TimedWords.SCHEMA);

    @TempDir
    Path dir;

    /** Runs {@code triggers} triggers with data, each a data batch and the no-data batch it makes due. */
    private long runBatches(int triggers) {
        try (QueryTestDriver d = QueryTestDriver.start(
                windowedCounts(in.toDF()).writeStream().outputMode("update").checkpointLocation(dir.toString()))) {
            for (int i = 0; i < triggers; i++) {
                in.addData(ev(100 + 20L * i, "w" + (i % 3)));
                d.runTrigger();
            }
        }
        return CheckpointInfo.open(dir).lastCommittedBatch().orElseThrow() + 1;
    }

    private static List<String> files(Path d) throws IOException {
        try (Stream<Path> s = Files.walk(d)) {
            return s.map(p -> p + ":" + p.toFile().length() + ":" + p.toFile().lastModified())
                    .sorted()
                    .toList();
        }
    }

    @Test
    void when_theMetadataFileIsDeleted_then_startRefusesInsteadOfGivingANewQueryId() throws IOException {
        runBatches(3);
        Path metadata = dir.resolve("metadata");
        Files.delete(metadata);
        List<String> before = files(dir);
        assertThatThrownBy(() -> windowedCounts(in.toDF())
                        .writeStream()
                        .outputMode("update")
                        .memory("counts")
                        .checkpointLocation(dir.toString())
                        .start())
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining(metadata.toString())
                .hasMessageContaining("missing")
                .hasMessageContaining("query id");
        assertThat(metadata).doesNotExist();
        assertThat(files(dir)).isEqualTo(before);
        assertThat(eddy.streams().active()).isEmpty();
    }

    @Test
    void when_aStateDeltaIsDamaged_then_startFailsNamingTheFileAndTheBatchItWouldResumeAt() throws IOException {
        long next = runBatches(6);
        assertThat(next).isGreaterThan(5);
        Path delta = dir.resolve("state/0/0/" + (next - 2) + ".delta");
        byte[] bytes = Files.readAllBytes(delta);
        bytes[bytes.length / 2] ^= 0x08;
        Files.write(delta, bytes);
        List<String> before = files(dir);
        in.addData(ev(500, "late"));
        assertThatThrownBy(() -> windowedCounts(in.toDF())
                        .writeStream()
                        .outputMode("update")
                        .memory("counts2")
                        .checkpointLocation(dir.toString())
                        .start())
                .isInstanceOf(StreamingQueryException.class)
                .hasMessageContaining("could not start (it resumes at batch " + next + ")")
                .hasMessageNotContaining("batch 0")
                .hasMessageContaining("corrupted checkpoint file " + delta)
                .hasCauseInstanceOf(CorruptCheckpointException.class);
        assertThat(files(dir)).as("nothing written").isEqualTo(before);
        assertThat(eddy.streams().active()).isEmpty();
    }
}
