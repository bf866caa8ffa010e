package dev.eddy.magics.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.magics.api.MagicException;
import dev.eddy.magics.api.render.MimeBundle;
import dev.eddy.magics.internal.sql.SqlMagic;
import dev.eddy.magics.testing.RuntimeSession;
import dev.eddy.streaming.api.QueryState;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Stopped and failed queries stay in {@code %stream list/status/restart} until {@code %stream forget}. */
class EndedQueriesMagicTest extends RuntimeSession {
    private final StreamMagic magic = new StreamMagic(runtime);

    @TempDir
    Path dir;

    private StreamingQuery failingInBatch0() {
        StreamingQuery bad = words.toDF()
                .map(Schema.of(Field.of("n", DataType.INT)), r -> {
                    throw new IllegalStateException("cannot count " + r.get(0));
                })
                .writeStream()
                .memory("bad")
                .start();
        words.addData(new Object[] {"a"});
        assertThatThrownBy(bad::awaitTermination).hasMessageContaining("failed in batch 0");
        return bad;
    }

    private String text(String args) throws Exception {
        return ((MimeBundle) magic.run(args, ctx)).plainText();
    }

    @Test
    void when_queryFailedInItsFirstBatch_then_listAndStatusShowItsErrorAndBatch_untilForgotten() throws Exception {
        StreamingQuery stopped = words.toDF().writeStream().memory("stopped").start();
        stopped.stop();
        StreamingQuery bad = failingInBatch0();

        Table list = (Table) magic.run("list", ctx);
        assertThat(list.stringColumn("name").asList()).containsExactly("stopped", "bad");
        assertThat(list.stringColumn("state").asList()).containsExactly("TERMINATED", "FAILED");
        assertThat(list.stringColumn("error").get(1))
                .startsWith("batch 0: dev.eddy.streaming.api.RowProcessingException")
                .contains("cannot count a");
        assertThat(list.stringColumn("run").get(1))
                .isEqualTo(bad.runId().toString().substring(0, 8));

        String status = text("status bad");
        assertThat(status)
                .startsWith("bad: FAILED in batch 0 | no batch completed")
                .contains("error in batch 0: dev.eddy.streaming.api.RowProcessingException")
                .contains("cannot count a");

        assertThat(text("forget bad")).isEqualTo("Forgot bad (%stream restart bad still works)");
        assertThatThrownBy(() -> magic.run("status bad", ctx))
                .isInstanceOf(MagicException.class)
                .hasMessageContaining("No query named 'bad'");
        assertThat(text("forget --all")).isEqualTo("Forgot 1 ended query");
        assertThat(((Table) magic.run("list", ctx)).rowCount()).isZero();
    }

    @Test
    void when_forgetNamesARunningQuery_then_itSaysToStopItFirst() {
        words.toDF().writeStream().memory("live").start();

        assertThatThrownBy(() -> magic.run("forget live", ctx))
                .isInstanceOf(MagicException.class)
                .hasMessageContaining("still active")
                .hasMessageContaining("%stream stop live");
    }

    @Test
    void when_queryFailsInBatch0_then_itsLiveViewNamesThatBatch() throws Exception {
        words.toDF().writeStream().memory("w").start(); // keeps the memory stream's first batch for both
        StreamingQuery bad = words.toDF()
                .map(Schema.of(Field.of("n", DataType.INT)), r -> {
                    throw new IllegalStateException("no");
                })
                .writeStream()
                .memory("bad")
                .start();
        magic.run("show bad", ctx);
        words.addData(new Object[] {"a"});

        String view = ctx.awaitUpdate("d1", "FAILED");
        assertThat(bad.state()).isEqualTo(QueryState.FAILED);
        assertThat(view).contains("bad: FAILED in batch 0 | no batch completed");
    }

    @Test
    void when_sqlQueryFailsBeforeItsFirstBatch_then_theCellSaysSo_andStatusAndRestartStillKnowIt() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "not a directory");
        runtime.sql().catalog().registerStream("words", words.toDF());
        SqlMagic sql = new SqlMagic(runtime);

        assertThatThrownBy(() ->
                        sql.run("--name ck_bad --checkpoint " + file.resolve("ck"), "SELECT word FROM words", ctx))
                .isInstanceOf(MagicException.class)
                .hasMessageStartingWith("Query 'ck_bad' failed before its first batch: ");

        assertThat(text("status ck_bad"))
                .startsWith("ck_bad: FAILED in batch 0")
                .contains("error in batch 0: ");
        assertThatThrownBy(() -> magic.run("restart ck_bad", ctx))
                .isInstanceOf(MagicException.class)
                .hasMessageStartingWith("Restarted 'ck_bad', and it failed before its first batch: ");
        assertThat(((Table) magic.run("list", ctx)).stringColumn("state").asList())
                .containsExactly("FAILED");
    }

    @Test
    void when_ratesHaveManyDecimals_then_theListRoundsThemToOne() {
        assertThat(QueryInfo.oneDecimal(10.416666666666666)).isEqualTo(10.4);
        assertThat(QueryInfo.oneDecimal(0.05)).isEqualTo(0.1);
    }
}
