package dev.eddy.streaming.reference;

import static dev.eddy.streaming.reference.RefRows.at;
import static dev.eddy.streaming.reference.RefRows.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.checkpoint.InMemoryCheckpointStore;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RT-3 stopped after two triggers and restarted from its checkpoint gives the same third trigger. */
class RestartWithStateTest {

    @Test
    void when_windowedCountRestartsFromCheckpoint_then_stateAndOffsetsCarryOn() {
        Eddy eddy = Eddy.builder()
                .clock(new ManualClock(at("12:00").toEpochMilli()))
                .noDataBatches(false)
                .build();
        MemoryStream in = eddy.memoryStream(
                Schema.of(Field.of("timestamp", DataType.TIMESTAMP), Field.of("word", DataType.STRING)));
        InMemoryCheckpointStore store = new InMemoryCheckpointStore();
        List<Object[][]> input = ReferenceCasesTest.rt3Input(false);
        try (QueryTestDriver d = QueryTestDriver.start(ReferenceCasesTest.watermarkedCount(in)
                .writeStream()
                .outputMode("update")
                .checkpointStore(store))) {
            in.addData(input.get(0));
            d.runTrigger();
            in.addData(input.get(1));
            d.runTrigger();
        }
        in.addData(input.get(2));
        try (QueryTestDriver d = QueryTestDriver.start(ReferenceCasesTest.watermarkedCount(in)
                .writeStream()
                .outputMode("update")
                .checkpointStore(store))) {
            assertThat(d.stateRows(0)).hasSize(7);
            var t = d.runTrigger();
            assertThat(texts(t.newRows()))
                    .containsExactlyInAnyOrder(
                            "[12:00,12:10) dog 2",
                            "[12:05,12:15) dog 3",
                            "[12:05,12:15) owl 2",
                            "[12:10,12:20) cat 1",
                            "[12:10,12:20) owl 1",
                            "[12:15,12:25) cat 1",
                            "[12:15,12:25) owl 1",
                            "[12:20,12:30) owl 1");
            assertThat(t.progress().batchId()).isEqualTo(2);
            assertThat(t.progress().stateOperators().get(0).numRowsTotal()).isEqualTo(12);
        }
    }
}
