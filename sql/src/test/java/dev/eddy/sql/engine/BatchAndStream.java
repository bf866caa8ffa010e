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
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * One query over a table {@code t (s STRING, a INT, x DOUBLE)} run as a batch query and as a streaming query over
 * the same rows, each answer as sorted lines of values (numbers by value: 2, 2.0 and 2L are all "2") or as
 * "error: message" when the query fails.
 */
final class BatchAndStream {
    private final List<Object[]> rows = new ArrayList<>();
    /** The sessions' (manual) clock: the time current_timestamp() answers with. */
    private long clockMillis;

    /** Asserts that the batch and the streaming query both answer exactly {@code expected}. */
    void assertBothAnswer(String query, String... expected) {
        assertThat(batch(query)).as("batch: %s", query).containsExactly(expected);
        assertThat(stream(query)).as("stream: %s", query).containsExactly(expected);
    }

    /**
     * Asserts that the batch and the streaming query both fail with a message containing {@code error}, the streaming
     * query's message also containing each of {@code streamDetails} (the engine names the failing expression).
     */
    void assertBothFail(String query, String error, String... streamDetails) {
        List<String> batch = batch(query);
        List<String> stream = stream(query);
        assertThat(batch).as("batch: %s", query).hasSize(1);
        assertThat(batch.get(0)).as("batch: %s", query).startsWith("error:").contains(error);
        assertThat(stream).as("stream: %s", query).hasSize(1);
        assertThat(stream.get(0)).as("stream: %s", query).startsWith("error:").contains(error);
        for (String detail : streamDetails) {
            assertThat(stream.get(0)).as("stream: %s", query).contains(detail);
        }
    }

    /**
     * A table of cases, each {@link #answers answers(expression, line...)}: {@code SELECT expression AS c FROM t}
     * answers exactly the lines in the batch and the streaming query alike ({@link #assertBothAnswer} for each).
     */
    void assertEachAnswers(String[]... cases) {
        assertEachAnswers("", cases);
    }

    /** As {@link #assertEachAnswers(String[]...)}, over the rows of {@code t} that {@code where} keeps. */
    void assertEachAnswers(String where, String[]... cases) {
        for (String[] c : cases) {
            String[] lines = new String[c.length - 1];
            System.arraycopy(c, 1, lines, 0, lines.length);
            assertBothAnswer(select(c[0], where), lines);
        }
    }

    /** Each {@code SELECT expression AS c FROM t} fails in both with a message containing {@code error}. */
    void assertEachFails(String error, String... expressions) {
        assertEachFailsWhere("", error, expressions);
    }

    /** As {@link #assertEachFails}, over the rows of {@code t} that {@code where} keeps. */
    void assertEachFailsWhere(String where, String error, String... expressions) {
        for (String e : expressions) {
            assertBothFail(select(e, where), error);
        }
    }

    /** One case of {@link #assertEachAnswers}: the expression and the lines it answers. */
    static String[] answers(String expression, String... lines) {
        String[] c = new String[lines.length + 1];
        c[0] = expression;
        System.arraycopy(lines, 0, c, 1, lines.length);
        return c;
    }

    private static String select(String expression, String where) {
        return "SELECT " + expression + " AS c FROM t" + (where.isEmpty() ? "" : " " + where);
    }

    /** Both sessions' clocks stand at {@code millis} (epoch milliseconds). */
    BatchAndStream clockAt(long millis) {
        clockMillis = millis;
        return this;
    }

    BatchAndStream row(String s, Integer a, Double x) {
        rows.add(new Object[] {s, a, x});
        return this;
    }

    List<String> batch(String query) {
        try {
            Table result = batchTable(query);
            List<String> out = new ArrayList<>();
            for (int r = 0; r < result.rowCount(); r++) {
                List<Object> values = new ArrayList<>();
                for (Column<?> c : result.columns()) {
                    values.add(c.isMissing(r) ? null : c.get(r));
                }
                out.add(line(values));
            }
            out.sort(null);
            return out;
        } catch (RuntimeException e) {
            return List.of("error: " + e.getMessage());
        }
    }

    /** The batch query's result table itself (its columns' classes and texts); a failing query throws. */
    Table batchTable(String query) {
        Sql sql = new Sql(Eddy.builder().clock(new ManualClock(clockMillis)).build());
        String[] s = new String[rows.size()];
        int[] a = new int[rows.size()];
        double[] x = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            s[i] = (String) rows.get(i)[0];
            a[i] = rows.get(i)[1] == null ? 0 : (Integer) rows.get(i)[1];
            x[i] = rows.get(i)[2] == null ? 0 : (Double) rows.get(i)[2];
        }
        Table t = Table.create("t", StringColumn.create("s", s), IntColumn.create("a", a), DoubleColumn.create("x", x));
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i)[1] == null) {
                t.intColumn("a").setMissing(i);
            }
            if (rows.get(i)[2] == null) {
                t.doubleColumn("x").setMissing(i);
            }
        }
        sql.catalog().registerTable("t", t);
        return ((SqlResult.Rows) sql.execute(query)).table();
    }

    List<String> stream(String query) {
        Eddy eddy = Eddy.builder()
                .clock(new ManualClock(clockMillis))
                .noDataBatches(false)
                .build();
        Sql sql = new Sql(eddy).startInserts(false);
        MemoryStream t = eddy.memoryStream(
                Schema.of(Field.of("s", DataType.STRING), Field.of("a", DataType.INT), Field.of("x", DataType.DOUBLE)));
        sql.catalog().registerStream("t", t.toDF());
        try (QueryTestDriver d = QueryTestDriver.start(
                sql.stream(query).writeStream().outputMode(query.contains("GROUP BY") ? "complete" : "append"))) {
            for (Object[] r : rows) {
                t.addData(r);
            }
            List<String> out = new ArrayList<>();
            for (Row r : d.runTrigger().newRows()) {
                List<Object> values = new ArrayList<>();
                for (int c = 0; c < r.size(); c++) {
                    values.add(r.get(c));
                }
                out.add(line(values));
            }
            out.sort(null);
            return out;
        } catch (RuntimeException e) {
            Throwable t2 = e;
            while (t2.getCause() != null
                    && t2.getMessage() != null
                    && !t2.getMessage().contains("[")) {
                t2 = t2.getCause();
            }
            return List.of("error: " + t2.getMessage());
        }
    }

    private static String line(List<Object> values) {
        StringBuilder sb = new StringBuilder();
        for (Object v : values) {
            sb.append(sb.length() > 0 ? " " : "").append(text(v));
        }
        return sb.toString();
    }

    private static String text(Object v) {
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15
                    ? String.valueOf((long) d)
                    : String.valueOf(d);
        }
        return String.valueOf(v);
    }
}
