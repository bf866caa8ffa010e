package dev.eddy.streaming.exec;

import static dev.eddy.streaming.api.expr.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.Trigger;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trigger.AvailableNow as in Spark: sources that support it fix their end when the run starts and then plan each
 * batch with their usual per-trigger limit; a query with a source that does not support it runs one batch with
 * everything available, as Trigger.once does.
 */
class AvailableNowTriggerTest {
    private static final Schema N = Schema.of(Field.of("n", DataType.LONG));
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final Eddy eddy = Eddy.builder().clock(clock).build();

    @TempDir
    Path dir;

    private int files;

    @AfterEach
    void stopAll() {
        eddy.streams().stopAll();
    }

    private void write(long... values) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (long v : values) {
            sb.append("{\"n\":").append(v).append("}\n");
        }
        Path p = Files.writeString(dir.resolve("f" + files + ".json"), sb);
        Files.setLastModifiedTime(p, FileTime.fromMillis(1_000_000L + 1000L * files++));
    }

    private Dataset files(String maxFilesPerTrigger) {
        return eddy.readStream()
                .format("json")
                .schema(N)
                .option("path", dir.toString())
                .option("maxFilesPerTrigger", maxFilesPerTrigger)
                .load()
                .select("n");
    }

    /** Runs {@code d} with {@code trigger} to its end; returns each batch's values of n, in order. */
    private static List<List<Object>> batches(Dataset d, Trigger trigger) throws InterruptedException {
        List<List<Object>> out = new CopyOnWriteArrayList<>();
        StreamingQuery q = d.writeStream()
                .trigger(trigger)
                .foreachBatch((t, id) -> {
                    List<Object> rows = new ArrayList<>();
                    for (int r = 0; r < t.rowCount(); r++) {
                        rows.add(t.column("n").get(r));
                    }
                    out.add(rows);
                })
                .start();
        assertThat(q.awaitTermination(10_000)).as("the query ended by itself").isTrue();
        assertThat(q.exception()).isEmpty();
        return out;
    }

    @Test
    void when_availableNowWithMaxFilesPerTrigger_then_eachBatchTakesThatManyFiles() throws Exception {
        write(1, 2);
        write(3);
        write(4, 5, 6);
        assertThat(batches(files("1"), Trigger.availableNow()))
                .containsExactly(List.of(1L, 2L), List.of(3L), List.of(4L, 5L, 6L));
    }

    @Test
    void when_onceWithMaxFilesPerTrigger_then_oneBatchTakesEveryFile() throws Exception {
        write(1, 2);
        write(3);
        assertThat(batches(files("1"), Trigger.once())).containsExactly(List.of(1L, 2L, 3L));
    }

    @Test
    void when_aSourceCannotPlanAvailableNow_then_theQueryRunsOneBatchWithEverything() throws Exception {
        write(1);
        write(2);
        MemoryStream mem = eddy.memoryStream(N);
        mem.addData(new Object[] {10L});
        List<List<Object>> out = batches(files("1").union(mem.toDF()), Trigger.availableNow());
        assertThat(out).hasSize(1);
        assertThat(out.get(0)).containsExactlyInAnyOrder(1L, 2L, 10L);
    }

    @Test
    void when_availableNowOnRatePerBatch_then_exactlyOneBatchRuns() throws Exception {
        Dataset rate = eddy.readStream()
                .format("rate-per-batch")
                .option("rowsPerBatch", "3")
                .load()
                .select(col("value").as("n"));
        assertThat(batches(rate, Trigger.availableNow())).containsExactly(List.of(0L, 1L, 2L));
    }
}
