package dev.eddy.streaming.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.QueryState;
import dev.eddy.streaming.api.StreamingQuery;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restarting a query started from Java: the manager keeps what it was started with. */
class QueryRestartTest extends WordStreamSession {
    private final MemoryStream in = words;

    @TempDir
    Path dir;

    private Dataset counts() {
        return in.toDF().groupBy("word").count();
    }

    private Map<String, Long> table(String name) {
        var t = eddy.table(name);
        Map<String, Long> m = new HashMap<>();
        for (int i = 0; i < t.rowCount(); i++) {
            m.put(t.stringColumn("word").get(i), ((Number) t.column("count").get(i)).longValue());
        }
        return m;
    }

    @Test
    void when_runningQueryWithCheckpointIsRestarted_then_itKeepsItsIdAndState() throws Exception {
        StreamingQuery first = counts().writeStream()
                .outputMode("complete")
                .memory("counts")
                .checkpointLocation(dir.resolve("cp").toString())
                .start();
        in.addData(new Object[] {"a"}, new Object[] {"b"});
        first.processAllAvailable();

        assertThat(eddy.streams().hasCheckpoint("counts")).isTrue();
        assertThat(eddy.streams().checkpointLocation("counts"))
                .contains(dir.resolve("cp").toString());
        StreamingQuery again = eddy.streams().restart("counts");
        in.addData(new Object[] {"a"});
        again.processAllAvailable();

        assertThat(first.state()).isEqualTo(QueryState.TERMINATED);
        assertThat(again.isActive()).isTrue();
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.runId()).isNotEqualTo(first.runId());
        assertThat(eddy.streams().get("counts")).containsSame(again);
        assertThat(table("counts")).containsEntry("a", 2L).containsEntry("b", 1L);
    }

    @Test
    void when_stoppedQueryWithCheckpointIsRestarted_then_rowsAddedWhileStoppedAreCountedOnce() throws Exception {
        StreamingQuery first = counts().writeStream()
                .outputMode("complete")
                .memory("counts")
                .checkpointLocation(dir.resolve("cp").toString())
                .start();
        in.addData(new Object[] {"a"});
        first.processAllAvailable();
        first.stop();
        in.addData(new Object[] {"a"}, new Object[] {"c"});

        StreamingQuery again = eddy.streams().restart("counts");
        again.processAllAvailable();

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(table("counts")).containsOnly(Map.entry("a", 2L), Map.entry("c", 1L));
    }

    @Test
    void when_queryWithoutCheckpointIsRestarted_then_itStartsFreshWithANewId() throws Exception {
        StreamingQuery first = in.toDF().writeStream().memory("words").start();
        in.addData(new Object[] {"a"});
        first.processAllAvailable();

        assertThat(eddy.streams().hasCheckpoint("words")).isFalse();
        assertThat(eddy.streams().checkpointLocation("words")).isEmpty();
        StreamingQuery again = eddy.streams().restart("words");
        again.processAllAvailable();

        assertThat(again.id()).isNotEqualTo(first.id());
        assertThat(again.isActive()).isTrue();
        assertThat(eddy.streams().active()).containsExactly(again);
    }

    @Test
    void when_failedOrUnknownQueryIsRestarted_then_unknownNameIsAClearError() {
        assertThatThrownBy(() -> eddy.streams().restart("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nope'");
        assertThat(eddy.streams().restartable()).isEmpty();
    }
}
