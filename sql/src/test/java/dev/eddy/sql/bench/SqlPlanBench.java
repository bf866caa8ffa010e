package dev.eddy.sql.bench;

import dev.eddy.sql.api.Sql;
import dev.eddy.sql.api.SqlCatalog;
import java.util.Arrays;
import java.util.Locale;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Planning cost of the SQL front end, run by bench/sql/run.sh in a fresh JVM: the first query (cold:
 * Calcite's class loading and code generation included) and the median of later ones (warm).
 * Prints "figure value unit" lines.
 */
public final class SqlPlanBench {
    private static final String STREAM = "CREATE STREAM bids (auction BIGINT, price DOUBLE, bidder BIGINT,"
            + " ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'memory')";
    private static final String QUERY = "SELECT window.start, auction, COUNT(*) AS n, MAX(price) AS top"
            + " FROM bids WHERE price > 10 GROUP BY window(ts, '10 seconds', '2 seconds'), auction";
    private static final String BATCH =
            "SELECT k, COUNT(*) AS n, SUM(v) AS s FROM t GROUP BY k ORDER BY n DESC LIMIT 10";

    private SqlPlanBench() {}

    public static void main(String[] args) {
        Sql sql = new Sql(new SqlCatalog());
        long t0 = System.nanoTime();
        sql.execute(STREAM);
        sql.execute(QUERY);
        print("sql.plan_cold.ms", (System.nanoTime() - t0) / 1e6);
        print("sql.plan_warm.ms", median(sql, QUERY, 100, 300));

        int rows = 10_000;
        IntColumn v = IntColumn.create("v");
        StringColumn k = StringColumn.create("k");
        for (int i = 0; i < rows; i++) {
            v.append(i);
            k.append("k" + (i % 100));
        }
        sql.catalog().registerTable("t", Table.create("t", k, v));
        print("sql.batch_10k_rows_warm.ms", median(sql, BATCH, 20, 50));
    }

    private static double median(Sql sql, String query, int warmups, int runs) {
        for (int i = 0; i < warmups; i++) {
            sql.execute(query);
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            sql.execute(query);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }

    private static void print(String figure, double value) {
        System.out.printf(Locale.ROOT, "%s %.2f ms%n", figure, value);
    }
}
