package dev.eddy.streaming.kafka;

import static dev.eddy.streaming.api.expr.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.StreamingQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The exactly-once Kafka sink skips a batch whose transaction Kafka already committed, by the marker that
 * transaction left for the sink's transactional id. A marker another query left under the same transactional id
 * is not this query's progress: a query on a fresh checkpoint writes every batch. (Before markers named their
 * query, the second query here skipped every batch the first had committed and wrote nothing: the cause of the
 * empty output topic KafkaSinkKillIT saw when its two fetcher runs shared one transactional id on one broker.)
 */
class KafkaSinkMarkerIT extends KafkaFixture {
    @Test
    void when_twoQueriesShareATransactionalId_then_eachWritesAllItsRows() throws Exception {
        BROKER.createTopic("marker-in-a", 1);
        BROKER.createTopic("marker-out-a", 1);
        BROKER.createTopic("marker-in-b", 1);
        BROKER.createTopic("marker-out-b", 1);
        KafkaData.produce(BROKER, "marker-in-a", "a1", "a2");
        KafkaData.produce(BROKER, "marker-in-b", "b1", "b2");

        copy("marker-in-a", "marker-out-a", tmp.resolve("a"), "shared-id");
        copy("marker-in-b", "marker-out-b", tmp.resolve("b"), "shared-id");

        assertThat(KafkaData.readCommittedAtLeast(BROKER, "marker-out-a", 2)).containsExactly("a1", "a2");
        assertThat(KafkaData.readCommittedAtLeast(BROKER, "marker-out-b", 2)).containsExactly("b1", "b2");
    }

    @Test
    void when_theCheckpointIsDeletedAndTheQueryRunsAgain_then_itWritesItsRowsAgain() throws Exception {
        BROKER.createTopic("marker-in-c", 1);
        BROKER.createTopic("marker-out-c", 1);
        KafkaData.produce(BROKER, "marker-in-c", "c1", "c2");
        Path ckpt = tmp.resolve("ckpt");

        copy("marker-in-c", "marker-out-c", ckpt, null); // transactional id derived from the location
        deleteTree(ckpt);
        copy("marker-in-c", "marker-out-c", ckpt, null); // a new query at the same location reads from earliest

        assertThat(KafkaData.readCommittedAtLeast(BROKER, "marker-out-c", 4)).containsExactly("c1", "c2", "c1", "c2");
    }

    /** Runs a checkpointed Kafka-to-Kafka copy until it has read everything, then stops it. */
    private void copy(String in, String out, Path ckpt, String transactionalId) throws Exception {
        var writer = toKafka(kafka(in).load().select(col("value")))
                .option("topic", out)
                .checkpointLocation(ckpt.toString());
        if (transactionalId != null) {
            writer = writer.option("transactionalId", transactionalId);
        }
        StreamingQuery q = writer.start();
        q.processAllAvailable();
        q.stop();
        assertThat(q.exception()).isEmpty();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
