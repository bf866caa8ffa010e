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
}
