package dev.eddy.streaming.checkpoint;

import static dev.eddy.streaming.testing.TimedWords.ev;
import static dev.eddy.streaming.testing.TimedWords.windowedCounts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.checkpoint.CheckpointInfo;
import dev.eddy.streaming.testing.QueryTestDriver;
import dev.eddy.streaming.testing.TimedWords;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class CheckpointInfoTest {
    private final Eddy eddy =
            Eddy.builder().clock(new ManualClock(1_700_000_000_000L)).build();
    private final MemoryStream in = eddy.memoryStream(TimedWords.SCHEMA);

    @TempDir
    Path dir;

    @Test
    void when_checkpointIsInspected_then_batchesOffsetsWatermarkAndStateAreShown() {
        String id;
        try (QueryTestDriver d = QueryTestDriver.start(
                windowedCounts(in.toDF()).writeStream().outputMode("update").checkpointLocation(dir.toString()))) {
            in.addData(ev(100, "cat"), ev(101, "dog"));
            d.runTrigger();
            in.addData(ev(103, "cat"));
            d.runTrigger();
            id = d.lastProgress().id();
        }
        CheckpointInfo ck = CheckpointInfo.open(dir);
        assertThat(ck.queryId().toString()).isEqualTo(id);
        assertThat(ck.batches()).startsWith(0L, 1L);
        assertThat(ck.committedBatches()).isEqualTo(ck.batches());
        assertThat(ck.sourceOffsets(0)).hasSize(1);
        assertThat(ck.watermark(0)).as("Spark's batch 0 runs with watermark 0").contains(Instant.EPOCH);
        assertThat(ck.watermark(1)).contains(Instant.ofEpochSecond(91));
        assertThat(ck.stateSizes()).containsKey("0");
        assertThat(ck.statefulOperators()).singleElement().asString().contains("word");
        Table state = ck.stateTable(0);
        // the operator's raw state: grouping keys (window start, word) and the count accumulator
        assertThat(state.rowCount()).isEqualTo(2);
        assertThat(state.stringColumn("key1").asList()).containsExactlyInAnyOrder("cat", "dog");
        assertThat(state.longColumn("agg0_value").asList()).containsExactlyInAnyOrder(2L, 1L);
        assertThatThrownBy(() -> ck.sourceOffsets(99)).hasMessageContaining("no offsets for batch 99");
    }
}
