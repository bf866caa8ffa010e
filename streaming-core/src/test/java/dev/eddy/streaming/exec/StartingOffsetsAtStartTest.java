package dev.eddy.streaming.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.topic.Topics;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code start()} returns once the sources' starting offsets are resolved, so "latest" is the moment the caller
 * started the query: what the caller produces next is read, however late the query thread gets going.
 */
class StartingOffsetsAtStartTest {
    private final Eddy eddy = Eddy.builder().build();
    private final String registry = "start-" + UUID.randomUUID();
    private final Topics topics = new Topics(eddy.clock()).registerAs(registry);

    @AfterEach
    void stopAll() {
        eddy.streams().stopAll();
    }

    @Test
    void when_recordsAreProducedRightAfterStartFromLatest_then_everyOneIsRead() throws Exception {
        topics.create("clicks", 3);
        topics.send("clicks", "old", "before the query"); // before "latest": never read
        for (int round = 0; round < 20; round++) {
            String table = "latest_" + round;
            StreamingQuery q = eddy.readStream()
                    .format("topic")
                    .option("topic", "clicks")
                    .option("topics", registry)
                    .option("startingOffsets", "latest")
                    .load()
                    .select("value")
                    .writeStream()
                    .memory(table)
                    .start();
            topics.send("clicks", "k" + round, "v" + round);
            q.processAllAvailable();
            q.stop();
            assertThat(eddy.memoryTable(table).toRows())
                    .extracting(r -> r.getString("value"))
                    .as("round %d", round)
                    .containsExactly("v" + round);
        }
    }
}
