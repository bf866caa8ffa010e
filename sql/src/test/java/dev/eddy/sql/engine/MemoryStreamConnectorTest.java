package dev.eddy.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.sql.api.Sql;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A memory stream made in Java is read by SQL through 'connector' = 'memory' and its public id. */
class MemoryStreamConnectorTest {
    private final Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
    private final Schema schema = Schema.of(Field.of("ts", DataType.TIMESTAMP), Field.of("page", DataType.STRING));

    private long countHome(Sql sql, MemoryStream in) {
        try (QueryTestDriver d =
                QueryTestDriver.start(sql.stream("SELECT page, COUNT(*) AS n FROM clicks GROUP BY page")
                        .writeStream()
                        .outputMode("complete"))) {
            in.addData(
                    new Object[] {Instant.ofEpochSecond(1), "home"}, new Object[] {Instant.ofEpochSecond(2), "home"});
            d.runTrigger();
            return d.result().stream()
                    .filter(r -> r.getString("page").equals("home"))
                    .findFirst()
                    .orElseThrow()
                    .getLong("n");
        }
    }

    @Test
    void when_aMemoryStreamHasAChosenId_then_sqlReadsItByThatId() {
        MemoryStream in = eddy.memoryStream("clicks_in", schema);
        assertThat(in.id()).isEqualTo("clicks_in");
        Sql sql = new Sql(eddy);
        sql.execute("CREATE STREAM clicks (ts TIMESTAMP, page STRING, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)"
                + " WITH ('connector' = 'memory', 'id' = 'clicks_in')");
        assertThat(countHome(sql, in)).isEqualTo(2);
    }

    @Test
    void when_twoWatermarkedStreamsAreUnioned_then_theWatermarkWaitsForBothAsInSpark() {
        MemoryStream a = eddy.memoryStream("union_a", schema);
        MemoryStream b = eddy.memoryStream("union_b", schema);
        Sql sql = new Sql(eddy);
        for (String name : new String[] {"a", "b"}) {
            sql.execute(
                    "CREATE STREAM s_" + name + " (ts TIMESTAMP, page STRING, WATERMARK FOR ts AS ts - INTERVAL '10'"
                            + " SECOND) WITH ('connector' = 'memory', 'id' = 'union_" + name + "')");
        }
        try (QueryTestDriver d =
                QueryTestDriver.start(sql.stream("SELECT ts, page FROM s_a UNION ALL SELECT ts, page FROM s_b")
                        .writeStream()
                        .outputMode("append"))) {
            a.addData(new Object[] {Instant.ofEpochSecond(100), "home"});
            d.runTrigger();
            assertThat(d.watermark()).as("s_b has no data yet").contains(Instant.EPOCH);
            b.addData(new Object[] {Instant.ofEpochSecond(60), "cart"});
            d.runTrigger();
            assertThat(d.watermark()).as("min(90, 50)").contains(Instant.ofEpochSecond(50));
        }
    }

    @Test
    void when_aMemoryStreamHasAGeneratedId_then_itsPublicIdWorksTheSame() {
        MemoryStream in = eddy.memoryStream(schema);
        Sql sql = new Sql(eddy);
        sql.execute("CREATE STREAM clicks (ts TIMESTAMP, page STRING) WITH ('connector' = 'memory', 'id' = '" + in.id()
                + "')");
        assertThat(countHome(sql, in)).isEqualTo(2);
    }
}
