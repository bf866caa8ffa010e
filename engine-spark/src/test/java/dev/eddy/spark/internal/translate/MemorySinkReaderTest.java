package dev.eddy.spark.internal.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.sql.api.Sql;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.plan.LogicalPlan;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** How Spark's memory sink rows become the result table of update mode (no server needed). */
class MemorySinkReaderTest {
    private final Eddy eddy = Eddy.create();
    private final Sql sql = new Sql(eddy).startInserts(false);

    private LogicalPlan plan(String select) {
        sql.execute("CREATE STREAM ticks (ts TIMESTAMP(3), v BIGINT, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)"
                + " WITH ('connector' = 'rate')");
        return sql.stream(select).plan();
    }

    @Test
    void when_theWindowIsProjectedToItsStart_then_itStaysPartOfTheUpsertKey() {
        LogicalPlan p = plan("SELECT window.start AS window_start, v, COUNT(*) AS n FROM ticks"
                + " GROUP BY window(ts, '10 seconds'), v");
        assertThat(MemorySinkReader.keyColumns(p)).containsExactly(0, 1);
    }

    @Test
    void when_aQueryHasNoAggregation_then_ithasNoKeyAndEveryRowIsKept() {
        assertThat(MemorySinkReader.keyColumns(plan("SELECT v FROM ticks WHERE v > 1")))
                .isEmpty();
    }

    @Test
    void when_updatesOfOneKeyArrive_then_theLatestWinsAndTheKeyKeepsItsFirstPlace() {
        LogicalPlan p = plan("SELECT v, COUNT(*) AS n FROM ticks GROUP BY v");
        MemorySinkReader reader = new MemorySinkReader(null, "t", p, OutputMode.UPDATE);
        List<Row> rows = List.of(RowFactory.create(1L, 1L), RowFactory.create(2L, 1L), RowFactory.create(1L, 3L));
        assertThat(reader.latestPerKey(rows)).containsExactly(RowFactory.create(1L, 3L), RowFactory.create(2L, 1L));
    }
}
