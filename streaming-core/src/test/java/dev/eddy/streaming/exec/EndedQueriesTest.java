package dev.eddy.streaming.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.QueryState;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.StreamingQueryException;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopped and failed queries stay listed by {@code streams().all()} and found by name until forgotten. */
class EndedQueriesTest extends WordStreamSession {

    @TempDir
    Path dir;

    @Test
    void when_queriesStopOrFail_then_allStillListsThem_findFindsThem_untilForgotten() throws Exception {
        StreamingQuery running = words.toDF().writeStream().memory("running").start();
        StreamingQuery stopped = words.toDF().writeStream().memory("stopped").start();
        stopped.stop();
        StreamingQuery bad = words.toDF()
                .map(Schema.of(Field.of("n", DataType.INT)), r -> {
                    throw new IllegalStateException("no " + r.get(0));
                })
                .writeStream()
                .memory("bad")
                .start();
        words.addData(new Object[] {"a"});
        assertThatThrownBy(bad::awaitTermination).hasMessageContaining("failed in batch 0");

        assertThat(eddy.streams().active()).containsExactly(running);
        assertThat(eddy.streams().all()).containsExactly(running, stopped, bad);
        assertThat(eddy.streams().find("bad")).containsSame(bad);
        assertThat(bad.state()).isEqualTo(QueryState.FAILED);
        assertThat(bad.exception().orElseThrow().batchId()).isZero();
        assertThat(eddy.streams().get("bad"))
                .as("get stays Spark's: active only")
                .isEmpty();

        assertThatThrownBy(() -> eddy.streams().forget("running")).hasMessageContaining("still active");
        assertThat(eddy.streams().forget("stopped")).isTrue();
        assertThat(eddy.streams().all()).containsExactly(running, bad);
        assertThat(eddy.streams().forgetEnded()).isEqualTo(1);
        assertThat(eddy.streams().all()).containsExactly(running);
        assertThat(eddy.streams().restartable()).contains("bad", "stopped");
    }

    @Test
    void when_aNameRunsAgain_then_onlyItsLatestRunIsListed() {
        StreamingQuery first = words.toDF().writeStream().memory("x").start();
        first.stop();
        StreamingQuery second = words.toDF().writeStream().memory("x").start();

        assertThat(eddy.streams().all()).containsExactly(second);
    }

    @Test
    void when_checkpointCannotBeUsed_then_startFailsAndTheFailedQueryStaysFindable() throws Exception {
        Path notADir = Files.writeString(dir.resolve("file"), "x");

        assertThatThrownBy(() -> words.toDF()
                        .writeStream()
                        .memory("ck_bad")
                        .checkpointLocation(notADir.resolve("sub").toString())
                        .start())
                .isInstanceOf(StreamingQueryException.class)
                .hasMessageContaining("could not start");

        StreamingQuery q = eddy.streams().find("ck_bad").orElseThrow();
        assertThat(q.state()).as("failed before start() returned").isEqualTo(QueryState.FAILED);
        assertThat(q.exception()).isPresent();
        assertThat(eddy.streams().restartable()).contains("ck_bad");
    }
}
