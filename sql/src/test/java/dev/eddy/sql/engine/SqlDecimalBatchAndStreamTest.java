package dev.eddy.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.sql.api.Sql;
import dev.eddy.sql.api.SqlResult;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * DECIMAL arithmetic means the same in a streaming query as in a batch query: Spark's quotient at its precision and
 * scale, rounded HALF_UP (not a double quotient), and a cast to DECIMAL rounded to its scale.
 */
class SqlDecimalBatchAndStreamTest {
    private static final String QUERY = "SELECT id, 10.0 / id AS q1, CAST(price AS DECIMAL(10, 2)) / 3 AS q2,"
            + " CAST(price AS DECIMAL(12, 3)) / 7 AS q3, CAST(price AS DECIMAL(10, 1)) AS r1, 1.5 / (id + 1) AS q4"
            + " FROM bids";
    private static final long[] IDS = {1, 2, 3};
    private static final double[] PRICES = {5.0, 50.125, 7.35};

    @Test
    void when_decimalsAreDividedInAStream_then_theAnswersAreTheBatchAnswersWhichAreSparks() {
        List<List<Double>> batch = batch();
        List<List<Double>> stream = stream();
        assertThat(stream).isEqualTo(batch);
        // Spark 4: 10.0 / id is DECIMAL(24, 22) (3.3333333333333333333333), 50.13 / 3 is 16.710000, 50.125 / 7 is
        // 7.160714, 50.125 as
        // DECIMAL(10, 1) is 50.1, 7.35 is 7.4 (HALF_UP), 1.5 / 4 is 0.375
        assertThat(batch.get(2)).containsExactly(3.0, 10.0 / 3, 2.45, 1.05, 7.4, 0.375);
        assertThat(batch.get(1)).containsExactly(2.0, 5.0, 16.71, 7.160714, 50.1, 0.5);
        assertThat(batch.get(0)).containsExactly(1.0, 10.0, 1.666667, 0.714286, 5.0, 0.75);
    }

    private static List<List<Double>> batch() {
        Sql sql = new Sql(Eddy.builder().clock(new ManualClock(0)).build());
        sql.catalog()
                .registerTable(
                        "bids",
                        Table.create("bids", LongColumn.create("id", IDS), DoubleColumn.create("price", PRICES)));
        Table t = ((SqlResult.Rows) sql.execute(QUERY + " ORDER BY id")).table();
        List<List<Double>> out = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            List<Double> row = new ArrayList<>();
            for (int c = 0; c < t.columnCount(); c++) {
                row.add(((Number) t.column(c).get(r)).doubleValue());
            }
            out.add(row);
        }
        return out;
    }

    private static List<List<Double>> stream() {
        Eddy eddy =
                Eddy.builder().clock(new ManualClock(0)).noDataBatches(false).build();
        Sql sql = new Sql(eddy).startInserts(false);
        MemoryStream bids =
                eddy.memoryStream(Schema.of(Field.of("id", DataType.LONG), Field.of("price", DataType.DOUBLE)));
        sql.catalog().registerStream("bids", bids.toDF());
        List<List<Double>> out = new ArrayList<>();
        try (QueryTestDriver d =
                QueryTestDriver.start(sql.stream(QUERY).writeStream().outputMode("append"))) {
            for (int i = 0; i < IDS.length; i++) {
                bids.addData(new Object[] {IDS[i], PRICES[i]});
            }
            for (Row r : d.runTrigger().newRows()) {
                List<Double> row = new ArrayList<>();
                for (int c = 0; c < r.size(); c++) {
                    row.add(((Number) r.get(c)).doubleValue());
                }
                out.add(row);
            }
        }
        out.sort((a, b) -> Double.compare(a.get(0), b.get(0)));
        return out;
    }
}
