package dev.eddy.streaming.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.QueryState;
import dev.eddy.streaming.api.StreamingQuery;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code writeStream().replace()}: a second start under an active name stops the first, only when asked. */
class QueryReplaceTest extends WordStreamSession {

    @TempDir
    Path dir;

    @Test
    void when_nameIsActiveAndReplaceIsNotAsked_then_startRefusesAsSparkDoes_andTheFirstRunsOn() {
        StreamingQuery first =
                words.toDF().writeStream().queryName("x").memory("x").start();

        assertThatThrownBy(() -> words.toDF().writeStream().memory("x").start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot start query with name x as a query with that name is already active")
                .hasMessageContaining(".replace()");
        assertThat(first.isActive()).isTrue();
        assertThat(eddy.streams().get("x")).containsSame(first);
    }

    @Test
    void when_replaceIsAsked_then_theOldRunStopsSayingWhichRunReplacedIt_andTheNewOneTakesTheName() throws Exception {
        StreamingQuery first = words.toDF().writeStream().memory("x").start();

        StreamingQuery second = words.toDF().writeStream().memory("x").replace().start();

        assertThat(first.state()).isEqualTo(QueryState.TERMINATED);
        assertThat(first.status().message())
                .startsWith("Replaced by a new run of 'x' (run "
                        + second.runId().toString().substring(0, 8) + ") started ");
        assertThat(second.isActive()).isTrue();
        assertThat(eddy.streams().get("x")).containsSame(second);
        words.addData(new Object[] {"a"});
        second.processAllAvailable();
        assertThat(eddy.memoryTable("x").numRows()).isEqualTo(1);
    }

    @Test
    void when_replaceIsAskedWithTheSameCheckpoint_then_theNewRunResumesWhereTheOldCommitted() throws Exception {
        StreamingQuery first = words.toDF()
                .groupBy("word")
                .count()
                .writeStream()
                .outputMode("complete")
                .memory("counts")
                .checkpointLocation(dir.toString())
                .start();
        words.addData(new Object[] {"a"});
        first.processAllAvailable();

        StreamingQuery second = words.toDF()
                .groupBy("word")
                .count()
                .writeStream()
                .outputMode("complete")
                .memory("counts")
                .checkpointLocation(dir.toString())
                .option("replace", "true")
                .start();
        words.addData(new Object[] {"a"});
        second.processAllAvailable();

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.runId()).isNotEqualTo(first.runId());
        assertThat(eddy.table("counts").column("count").get(0)).isEqualTo(2L);
    }

    @Test
    void when_replacingQueryCannotBePlanned_then_theActiveOneKeepsRunning() {
        StreamingQuery first = words.toDF().writeStream().memory("x").start();

        // complete mode without an aggregation is refused while planning, before anything is stopped
        assertThatThrownBy(() -> words.toDF()
                        .writeStream()
                        .outputMode("complete")
                        .memory("x")
                        .replace()
                        .start())
                .isInstanceOf(RuntimeException.class);
        assertThat(first.isActive()).isTrue();
    }
}
