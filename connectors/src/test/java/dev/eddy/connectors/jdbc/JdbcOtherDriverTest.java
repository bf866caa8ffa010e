package dev.eddy.connectors.jdbc;

import static dev.eddy.streaming.api.expr.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Another driver on the class path (DuckDB's) through the same sink: batched inserts and ON CONFLICT upserts. */
class JdbcOtherDriverTest {
    private static final Schema CLICKS = Schema.of(Field.of("user", DataType.STRING), Field.of("n", DataType.LONG));

    @TempDir
    Path tmp;

    private List<String> rows(String url, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return out;
    }

    @Test
    void when_theSinkWritesToDuckDb_then_appendInsertsAndUpdateUpsertsExactlyOnce() throws Exception {
        String url = "jdbc:duckdb:" + tmp.resolve("db.duckdb");
        Eddy eddy = Eddy.create();
        MemoryStream in = eddy.memoryStream(CLICKS);
        StreamingQuery raw = in.toDF()
                .writeStream()
                .format("jdbc")
                .option("url", url)
                .option("dbtable", "clicks")
                .option("batchsize", "2")
                .checkpointLocation(tmp.resolve("c1").toString())
                .start();
        StreamingQuery totals = in.toDF()
                .groupBy(col("user"))
                .count()
                .writeStream()
                .format("jdbc")
                .outputMode("update")
                .option("url", url)
                .option("table", "totals")
                .checkpointLocation(tmp.resolve("c2").toString())
                .start();
        try {
            in.addData(new Object[] {"ann", 1L}, new Object[] {"bob", 2L}, new Object[] {"ann", 3L});
            raw.processAllAvailable();
            totals.processAllAvailable();
            in.addData(new Object[] {"bob", 4L});
            raw.processAllAvailable();
            totals.processAllAvailable();
        } finally {
            raw.stop();
            totals.stop();
        }
        assertThat(raw.exception()).isEmpty();
        assertThat(totals.exception()).isEmpty();
        assertThat(rows(url, "SELECT \"user\", n FROM clicks ORDER BY n"))
                .containsExactly("ann 1", "bob 2", "ann 3", "bob 4");
        assertThat(rows(url, "SELECT \"user\", count FROM totals ORDER BY 1")).containsExactly("ann 2", "bob 2");
        assertThat(rows(url, "SELECT sink_table, batch_id FROM eddy_sink_progress ORDER BY 1"))
                .containsExactly("clicks 1", "totals 1");
    }
}
