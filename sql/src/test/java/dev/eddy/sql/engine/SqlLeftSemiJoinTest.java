package dev.eddy.sql.engine;

import static dev.eddy.sql.engine.JoinedStreams.BOUND;
import static dev.eddy.sql.engine.JoinedStreams.at;
import static dev.eddy.sql.engine.JoinedStreams.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.sql.api.Sql;
import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.plan.Join;
import dev.eddy.streaming.testing.QueryTestDriver;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Spark SQL's LEFT SEMI JOIN of two streams (checked against Spark 4.2 by SparkStreamDifferentialIT). */
class SqlLeftSemiJoinTest {
    private final JoinedStreams streams = new JoinedStreams();
    private final Sql sql = streams.sql;
    private final MemoryStream lefts = streams.lefts;
    private final MemoryStream rights = streams.rights;

    @Test
    void when_leftRowHasSeveralMatches_then_itComesOutOnceWithTheLeftColumnsOnly() {
        Dataset q = sql.stream("SELECT * FROM lefts AS l LEFT SEMI JOIN rights AS r" + BOUND);
        assertThat(join(q.plan()).type()).isEqualTo(Join.JoinType.LEFT_SEMI);
        assertThat(q.schema().names()).containsExactly("ts", "k", "v");
        try (QueryTestDriver d = QueryTestDriver.start(q.writeStream().outputMode("append"))) {
            lefts.addData(new Object[] {at(1000), "a", 1}, new Object[] {at(1000), "b", 2});
            rights.addData(new Object[] {at(1002), "a", 7}, new Object[] {at(1005), "a", 8});
            assertThat(RowTexts.sorted(d.runTrigger().newRows())).containsExactly("1000000000 a 1");
            rights.addData(new Object[] {at(1006), "a", 9}, new Object[] {at(1009), "b", 9});
            assertThat(RowTexts.sorted(d.runTrigger().newRows())).containsExactly("1000000000 b 2");
        }
    }

    @Test
    void when_semiJoinReadsOnlyTables_then_itIsRefusedWithTheExistsForm() {
        sql.catalog().registerTable("a", Table.create("a", StringColumn.create("k", "x", "y")));
        sql.catalog().registerTable("b", Table.create("b", StringColumn.create("k", "x")));
        assertThatThrownBy(() -> sql.execute("SELECT * FROM a LEFT SEMI JOIN b ON a.k = b.k"))
                .hasMessageContaining("LEFT SEMI JOIN runs on streams only yet")
                .hasMessageContaining("WHERE EXISTS");
    }

    @Test
    void when_semiJoinLacksATimeBound_then_itIsRefusedAsOtherStreamJoinsAre() {
        assertThatThrownBy(() -> sql.stream("SELECT l.k FROM lefts AS l LEFT SEMI JOIN rights AS r ON l.k = r.k"))
                .hasMessageContaining("needs a time bound");
    }

    @Test
    void when_selectReadsTheRightSide_then_theErrorSaysASemiJoinHasLeftColumnsOnly() {
        assertThatThrownBy(() -> QueryTestDriver.start(
                        sql.stream("SELECT l.k, r.v FROM lefts AS l LEFT SEMI JOIN rights AS r" + BOUND)
                                .writeStream()))
                .hasMessageContaining("LEFT SEMI JOIN");
    }
}
