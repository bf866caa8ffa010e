package dev.eddy.magics.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.magics.testing.RuntimeSession;
import dev.eddy.streaming.api.QueryState;
import dev.eddy.streaming.api.StreamingQuery;
import org.junit.jupiter.api.Test;

/** Running a {@code %%sql --name X} cell again (a notebook's second Run All). */
class SqlMagicRerunTest extends RuntimeSession {
    private final SqlMagic magic = new SqlMagic(runtime);

    @Test
    void when_namedCellRunsAgain_then_theOldQueryStops_itsViewSaysItWasReplaced_andTheNewOneTakesTheName()
            throws Exception {
        runtime.sql().catalog().registerStream("words", words.toDF());
        magic.run("--name x", "SELECT word FROM words", ctx);
        StreamingQuery first = eddy.streams().get("x").orElseThrow();

        magic.run("--name x", "SELECT UPPER(word) AS word FROM words", ctx);
        StreamingQuery second = eddy.streams().get("x").orElseThrow();

        assertThat(second).isNotSameAs(first);
        assertThat(first.state()).isEqualTo(QueryState.TERMINATED);
        assertThat(ctx.displayed).hasSize(2); // one live view per run
        String oldView = ctx.awaitUpdate(
                "d1",
                "Replaced by a new run of 'x' (run " + second.runId().toString().substring(0, 8) + ")");
        assertThat(oldView).contains("x: TERMINATED");
        words.addData(new Object[] {"a"});
        second.processAllAvailable();
        assertThat(eddy.table("x").stringColumn("word").get(0)).isEqualTo("A");
    }

    @Test
    void when_unnamedCellRunsAgainInTheSameNotebookCell_then_itReplacesItsOwnQuery_andOtherCellsKeepTheirs()
            throws Exception {
        runtime.sql().catalog().registerStream("words", words.toDF());
        ctx.cellId = "cell-a";
        magic.run("", "SELECT word FROM words", ctx);
        StreamingQuery first = eddy.streams().active().get(0);
        ctx.cellId = "cell-b";
        magic.run("", "SELECT word FROM words", ctx); // the same SELECT in another cell: a query of its own
        StreamingQuery other =
                eddy.streams().get(first.name().equals("q1") ? "q2" : "q1").orElseThrow();

        ctx.cellId = "cell-a";
        magic.run("", "SELECT UPPER(word) AS word FROM words", ctx);
        StreamingQuery again = eddy.streams().get(first.name()).orElseThrow();

        assertThat(again).isNotSameAs(first);
        assertThat(first.state()).isEqualTo(QueryState.TERMINATED);
        assertThat(other.isActive()).isTrue();
        assertThat(eddy.streams().active()).containsExactlyInAnyOrder(again, other);
        ctx.awaitUpdate(
                "d1",
                "Replaced by a new run of '" + first.name() + "' (run "
                        + again.runId().toString().substring(0, 8) + ")");
        words.addData(new Object[] {"a"});
        again.processAllAvailable();
        assertThat(eddy.table(first.name()).stringColumn("word").get(0)).isEqualTo("A");
    }

    @Test
    void when_clientNamesNoCell_then_eachRunOfAnUnnamedSelectIsANewQuery() throws Exception {
        runtime.sql().catalog().registerStream("words", words.toDF());
        magic.run("", "SELECT word FROM words", ctx);
        magic.run("", "SELECT word FROM words", ctx);

        assertThat(eddy.streams().active()).hasSize(2);
        assertThat(eddy.streams().active().stream().map(StreamingQuery::name)).doesNotHaveDuplicates();
    }
}
