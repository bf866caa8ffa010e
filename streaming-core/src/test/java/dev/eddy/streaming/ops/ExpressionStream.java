package dev.eddy.streaming.ops;

import static dev.eddy.streaming.api.expr.Functions.alias;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A memory stream on a manual clock for the expression tests: the rows added so far selected through expressions in
 * one trigger of a new query, answered as row texts or expected to fail the query with given messages.
 */
final class ExpressionStream {
    final Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
    final MemoryStream in;

    ExpressionStream(Field... fields) {
        in = eddy.memoryStream(Schema.of(fields));
    }

    /** The rows of one trigger of {@code SELECT exprs} over the stream, as {@link Row#toString()} texts. */
    List<String> run(Expr... exprs) {
        Dataset q = in.toDF().select(exprs);
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream())) {
            return d.runTrigger().newRows().stream().map(Row::toString).collect(Collectors.toList());
        }
    }

    /** The trigger of {@code SELECT e AS c} fails; the messages of the error and its causes hold each of {@code message}. */
    void fails(Expr e, String... message) {
        Dataset q = in.toDF().select(alias(e, "c"));
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream())) {
            assertThatThrownBy(d::runTrigger)
                    .hasStackTraceContaining(message[0])
                    .satisfies(t -> {
                        for (String m : message) {
                            assertThat(allMessages(t)).contains(m);
                        }
                    });
        }
    }

    /** The messages of {@code t} and its causes, a line each. */
    static String allMessages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        return all.toString();
    }
}
