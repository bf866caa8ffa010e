package dev.eddy.bench.sql;

import static dev.eddy.bench.sql.BenchRounds.print;

import dev.eddy.connectors.parquet.api.ParquetFiles;
import dev.eddy.sql.api.Sql;
import dev.eddy.sql.api.SqlResult;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.io.BufferedWriter;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import tech.tablesaw.api.Table;

/**
 * Batch SQL over file tables: the same rows as a CSV table ({@code 'connector' = 'file'}) and as a Parquet table
 * ({@code 'connector' = 'parquet'}), the same queries over both. Each query is timed from {@code execute} to its
 * result (the table is read on every query), best of several rounds with the two formats alternating; allocation
 * per row is that of one run (all threads). The answers of both tables must be equal, or the run stops.
 */
public final class TableScanBench {
    static final Schema SCHEMA = Schema.of(
            Field.of("id", DataType.LONG),
            Field.of("auction", DataType.LONG),
            Field.of("price", DataType.LONG),
            Field.of("channel", DataType.STRING));
    static final String COLUMNS = "(id BIGINT, auction BIGINT, price BIGINT, channel STRING)";
    static final String[] CHANNELS = {"apple", "google", "facebook", "baidu", "web"};

    /** name, query: one that reads every column, one that reads a single column. */
    static final List<String[]> QUERIES = List.of(
            new String[] {
                "all_columns",
                "SELECT channel, COUNT(*) AS n, SUM(price) AS s, MAX(auction) AS m, MIN(id) AS lo FROM %s"
                        + " GROUP BY channel ORDER BY channel"
            },
            new String[] {"one_column", "SELECT SUM(price) AS s, COUNT(*) AS n FROM %s"});

    private TableScanBench() {}

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("bench.tableRows", 2_000_000);
        Path dir = Files.createTempDirectory("eddy-table-scan");
        try {
            Path csv = dir.resolve("bids.csv");
            Path parquet = dir.resolve("bids.parquet");
            write(rows, csv, parquet);
            print("sql.table_scan.rows", rows, "rows");
            print("sql.table_scan.csv.file_bytes_per_row", (double) Files.size(csv) / rows, "bytes/row");
            print("sql.table_scan.parquet.file_bytes_per_row", (double) Files.size(parquet) / rows, "bytes/row");
            Sql sql = new Sql(Eddy.create());
            sql.execute("CREATE TABLE bids_csv " + COLUMNS + " WITH ('connector' = 'file', 'path' = '" + csv
                    + "', 'format' = 'csv', 'header' = 'true')");
            sql.execute("CREATE TABLE bids_parquet " + COLUMNS + " WITH ('connector' = 'parquet', 'path' = '" + parquet
                    + "')");
            for (String[] q : QUERIES) {
                String onCsv = String.format(Locale.ROOT, q[1], "bids_csv");
                String onParquet = String.format(Locale.ROOT, q[1], "bids_parquet");
                String a = answer(sql, onCsv);
                String b = answer(sql, onParquet);
                if (!a.equals(b) || a.isEmpty()) {
                    System.err.println(q[0] + ": the CSV and Parquet tables answer differently:\n" + a + "\n" + b);
                    System.exit(1);
                }
                double[][] best = BenchRounds.best(
                        () -> new double[] {rate(sql, onCsv, rows)}, () -> new double[] {rate(sql, onParquet, rows)});
                String f = "sql.table_scan." + q[0];
                print(f + ".csv.rows_per_s", best[0][0], "rows/s");
                print(f + ".parquet.rows_per_s", best[1][0], "rows/s");
                print(f + ".parquet_vs_csv.ratio", best[1][0] / best[0][0], "x");
                print(f + ".csv.alloc_per_row", Allocation.duringQuery(sql, onCsv) / rows, "bytes/row");
                print(f + ".parquet.alloc_per_row", Allocation.duringQuery(sql, onParquet) / rows, "bytes/row");
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted((x, y) -> y.getNameCount() - x.getNameCount())
                        .map(Path::toFile)
                        .forEach(File::delete);
            }
        }
    }

    /** The same rows as a CSV file with a header line and as one snappy Parquet file written by Eddy's writer. */
    static void write(int rows, Path csv, Path parquet) throws Exception {
        BatchBuilder b = Batch.builder(SCHEMA, rows);
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("id,auction,price,channel\n");
            for (int i = 0; i < rows; i++) {
                long auction = 1000 + mix(i) % 10_000;
                long price = 1 + mix(i + 7L) % 100_000;
                String channel = CHANNELS[(int) (mix(i + 13L) % CHANNELS.length)];
                b.setLong(0, i).setLong(1, auction).setLong(2, price).setString(3, channel);
                b.endRow();
                w.write(i + "," + auction + "," + price + "," + channel + "\n");
            }
        }
        ParquetFiles.write(b.build(), parquet, "snappy");
    }

    private static long mix(long i) {
        long x = i * 0x9E3779B97F4A7C15L;
        x ^= x >>> 31;
        return x & Long.MAX_VALUE;
    }

    static String answer(Sql sql, String query) {
        Table t = ((SqlResult.Rows) sql.execute(query)).table();
        StringBuilder s = new StringBuilder();
        for (int r = 0; r < t.rowCount(); r++) {
            for (int c = 0; c < t.columnCount(); c++) {
                s.append(t.column(c).getString(r)).append(c + 1 < t.columnCount() ? "|" : "\n");
            }
        }
        return s.toString();
    }

    private static double rate(Sql sql, String query, int rows) {
        long t = System.nanoTime();
        int n = ((SqlResult.Rows) sql.execute(query)).table().rowCount();
        long ns = System.nanoTime() - t;
        if (n == 0) {
            throw new IllegalStateException("no rows from " + query);
        }
        return rows * 1e9 / ns;
    }
}
