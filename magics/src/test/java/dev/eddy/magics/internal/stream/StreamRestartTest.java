package dev.eddy.magics.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.magics.api.MagicException;
import dev.eddy.magics.api.render.MimeBundle;
import dev.eddy.magics.testing.RuntimeSession;
import dev.eddy.streaming.api.StreamingQuery;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code %stream restart} on queries a Java cell started. */
class StreamRestartTest extends RuntimeSession {
    private final StreamMagic magic = new StreamMagic(runtime);

    @TempDir
    Path dir;

    private long count(String table, String word) {
        var t = eddy.table(table);
        for (int i = 0; i < t.rowCount(); i++) {
            if (word.equals(t.stringColumn("word").get(i))) {
                return ((Number) t.column("count").get(i)).longValue();
            }
        }
        return 0;
    }

    /** A Java cell's query "counts" (word counts, complete mode, checkpointed in {@link #dir}) after one "a". */
    private StreamingQuery countsWithCheckpointAfterOneWord() throws InterruptedException {
        StreamingQuery q = words.toDF()
                .groupBy("word")
                .count()
                .writeStream()
                .outputMode("complete")
                .queryName("counts")
                .memory("counts")
                .checkpointLocation(dir.toString())
                .start();
        words.addData(new Object[] {"a"});
        q.processAllAvailable();
        return q;
    }

    @Test
    void when_javaQueryWithCheckpointIsRestarted_then_itResumesWithItsStateAndANewLiveView() throws Exception {
        StreamingQuery first = countsWithCheckpointAfterOneWord();

        Object answer = magic.run("restart counts", ctx);
        StreamingQuery again = eddy.streams().get("counts").orElseThrow();
        words.addData(new Object[] {"a"});
        again.processAllAvailable();

        assertThat(again).isNotSameAs(first);
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(first.isActive()).isFalse();
        assertThat(count("counts", "a")).isEqualTo(2);
        assertThat(((MimeBundle) answer).plainText()).contains("Restarted counts from its checkpoint");
        assertThat(ctx.displayed).hasSize(1); // the new live view
        assertThat(runtime.liveViews().openViews()).isEqualTo(1);
    }

    @Test
    void when_stoppedJavaQueryWithoutCheckpointIsRestarted_then_theAnswerSaysItStartsFresh() throws Exception {
        StreamingQuery first = words.toDF().writeStream().memory("seen").start();
        first.stop();

        Object answer = magic.run("restart seen", ctx);

        StreamingQuery again = eddy.streams().get("seen").orElseThrow();
        assertThat(again.isActive()).isTrue();
        assertThat(again.id()).isNotEqualTo(first.id());
        assertThat(((MimeBundle) answer).plainText())
                .contains("without a checkpoint")
                .contains("fresh");
        assertThat(magic.completeArgs("restart ")).containsExactly("seen");
    }

    @Test
    void when_restartNameIsMistyped_then_nearestStartedQueryIsSuggested() {
        words.toDF().writeStream().memory("clicks").start().stop();
        assertThatThrownBy(() -> magic.run("restart clics", ctx))
                .isInstanceOf(MagicException.class)
                .hasMessageContaining("Did you mean 'clicks'");
    }

    @Test
    void when_checkpointOfStoppedJavaQueryIsShown_then_itListsCommittedBatchesAndState() throws Exception {
        StreamingQuery q = countsWithCheckpointAfterOneWord();
        q.stop();

        String text = ((MimeBundle) magic.run("checkpoint counts", ctx)).plainText();

        assertThat(text)
                .contains("checkpoint " + dir)
                .contains("query id " + q.id())
                .contains("batch 0 committed")
                .contains("state ");
        words.toDF().writeStream().memory("plain").start().stop();
        assertThat(((MimeBundle) magic.run("checkpoint plain", ctx)).plainText())
                .contains("has no checkpoint");
    }

    @Test
    void when_runningQueryIsStarted_then_theErrorSaysItRuns_andAStoppedOneStartsAgain() throws Exception {
        StreamingQuery first = countsWithCheckpointAfterOneWord();

        assertThatThrownBy(() -> magic.run("start counts", ctx))
                .isInstanceOf(MagicException.class)
                .hasMessage("Query 'counts' is already running (ACTIVE, run "
                        + first.runId().toString().substring(0, 8) + "): nothing to start. %stream restart counts"
                        + " stops it and starts it again; %stream show counts opens its live view");
        assertThat(first.isActive()).isTrue();

        first.stop();
        Object answer = magic.run("start counts", ctx);
        StreamingQuery again = eddy.streams().get("counts").orElseThrow();
        assertThat(again.isActive()).isTrue();
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(((MimeBundle) answer).plainText()).contains("Restarted counts from its checkpoint");
    }
}
