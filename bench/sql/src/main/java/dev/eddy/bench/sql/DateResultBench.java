package dev.eddy.bench.sql;

import static dev.eddy.bench.sql.BenchRounds.print;

import dev.eddy.sql.api.Sql;
import dev.eddy.sql.api.SqlCatalog;
import dev.eddy.sql.api.SqlResult;
import dev.eddy.streaming.api.Eddy;
import java.time.LocalDate;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Collecting a batch query's DATE result: {@code SELECT d FROM t} (a DATE column of ordinary dates) against its peer
 * {@code SELECT i FROM t} (an INT column of the same rows) over one static table, in the same JVM, alternating
 * rounds, best round of each; allocation per row of one run of each (all threads). The DATE/INT ratio is what
 * compares between builds: load moves both sides alike. Both results must have every row, or the run stops.
 */
public final class DateResultBench {
    private DateResultBench() {}

    public static void main(String[] args) {
        int rows = Integer.getInteger("bench.dateRows", 1_000_000);
        Table t = Table.create("t", IntColumn.create("i"), DateColumn.create("d"));
        IntColumn ints = t.intColumn("i");
        DateColumn dates = t.dateColumn("d");
        LocalDate first = LocalDate.of(1990, 1, 1);
        for (int r = 0; r < rows; r++) {
            int days = (int) ((r * 2_654_435_761L) % 20_000); // 1990 to 2044, scattered
            ints.append(days);
            dates.append(first.plusDays(days));
        }
        SqlCatalog catalog = new SqlCatalog();
        catalog.registerTable("t", t);
        Sql sql = new Sql(Eddy.create(), catalog);
        String onDates = "SELECT d FROM t";
        String onInts = "SELECT i FROM t";
        check(sql, onDates, rows);
        check(sql, onInts, rows);
        double[][] best = BenchRounds.best(
                () -> new double[] {rate(sql, onDates, rows)}, () -> new double[] {rate(sql, onInts, rows)});
        print("sql.date_result.rows", rows, "rows");
        print("sql.date_result.date.rows_per_s", best[0][0], "rows/s");
        print("sql.date_result.int.rows_per_s", best[1][0], "rows/s");
        print("sql.date_result.date_vs_int.ratio", best[0][0] / best[1][0], "x");
        print("sql.date_result.date.alloc_per_row", Allocation.duringQuery(sql, onDates) / rows, "bytes/row");
        print("sql.date_result.int.alloc_per_row", Allocation.duringQuery(sql, onInts) / rows, "bytes/row");
    }

    private static void check(Sql sql, String query, int rows) {
        Table result = ((SqlResult.Rows) sql.execute(query)).table();
        if (result.rowCount() != rows || result.column(0).countMissing() != 0) {
            System.err.println(query + ": " + result.rowCount() + " rows, "
                    + result.column(0).countMissing() + " missing; expected " + rows + " values");
            System.exit(1);
        }
    }

    private static double rate(Sql sql, String query, int rows) {
        long t = System.nanoTime();
        ((SqlResult.Rows) sql.execute(query)).table();
        return rows * 1e9 / (System.nanoTime() - t);
    }
}
