package dev.eddy.connectors.jdbc;

import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.to_date;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A DATE column through the JDBC sink into a database's DATE column (DuckDB's driver; PostgreSQL in JdbcSinkIT). */
class JdbcDateTest {
    @TempDir
    Path tmp;

    @Test
    void when_aDateColumnIsWritten_then_theTableHasADateColumnWithTheDays() throws Exception {
        String url = "jdbc:duckdb:" + tmp.resolve("db.duckdb");
        Eddy eddy = Eddy.create();
        MemoryStream in =
                eddy.memoryStream(Schema.of(Field.of("id", DataType.LONG), Field.of("ts", DataType.TIMESTAMP)));
        StreamingQuery q = in.toDF()
                .select(col("id"), to_date(col("ts")).as("day"))
                .writeStream()
                .format("jdbc")
                .option("url", url)
                .option("dbtable", "days")
                .checkpointLocation(tmp.resolve("c").toString())
                .start();
        try {
            in.addData(new Object[] {1L, Instant.parse("2024-01-05T23:59:59Z")}, new Object[] {2L, null});
            q.processAllAvailable();
        } finally {
            q.stop();
        }
        assertThat(q.exception()).isEmpty();
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, day, typeof(day) FROM days ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getLong(1) + " " + rs.getString(2) + " " + rs.getString(3));
            }
        }
        assertThat(rows).containsExactly("1 2024-01-05 DATE", "2 null DATE");
    }
}
