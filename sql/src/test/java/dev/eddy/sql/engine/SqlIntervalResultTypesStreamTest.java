package dev.eddy.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.sql.api.Sql;
import dev.eddy.sql.api.SqlResult;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * A streaming result column of every interval form is typed and shown as Spark types and shows it, as the batch result
 * of the same query is: {@code INTERVAL '3' HOUR} is an {@code interval hour} shown {@code INTERVAL '03' HOUR}, not the
 * DAY TO SECOND the engine holds it in. The memory sink (what a live view and {@code %%sql} show), the JSON and CSV
 * sinks and a restart from a checkpoint all keep it. Spark 4.2's answers (the stream differential draws these columns).
 */
class SqlIntervalResultTypesStreamTest {
    private static final Schema T =
            Schema.of(Field.of("s", DataType.STRING), Field.of("a", DataType.INT), Field.of("x", DataType.DOUBLE));

    @TempDir
    Path dir;

    private final Eddy eddy =
            Eddy.builder().clock(new ManualClock(0)).noDataBatches(false).build();
    private final Sql sql = new Sql(eddy).startInserts(false);
    private final MemoryStream t = eddy.memoryStream(T);

    SqlIntervalResultTypesStreamTest() {
        sql.catalog().registerStream("t", t.toDF());
    }

    @Test
    void when_aDayTimeIntervalOfOtherFieldsIsSelected_then_theStreamShowsAndTypesItAsSparkAndAsTheBatchQuery()
            throws InterruptedException {
        assertStreamAndBatch("INTERVAL '3' HOUR", "interval hour", "INTERVAL '03' HOUR", "INTERVAL '03' HOUR");
        assertStreamAndBatch(
                "(to_date(s) - DATE '2024-01-01') + INTERVAL '1' HOUR",
                "interval day to hour",
                "INTERVAL '30 01' DAY TO HOUR",
                "INTERVAL '59 01' DAY TO HOUR");
        assertStreamAndBatch(
                "INTERVAL 1 DAY 2 HOURS",
                "interval day to hour",
                "INTERVAL '1 02' DAY TO HOUR",
                "INTERVAL '1 02' DAY TO HOUR");
        assertStreamAndBatch(
                "CAST(make_dt_interval(a, 0, 1) AS INTERVAL MINUTE)",
                "interval minute",
                "INTERVAL '1441' MINUTE",
                "INTERVAL '2881' MINUTE");
        assertStreamAndBatch(
                "CAST(to_timestamp(s) - to_date(s) AS INTERVAL MINUTE TO SECOND)",
                "interval minute to second",
                "INTERVAL '00:00' MINUTE TO SECOND",
                "INTERVAL '630:15.5' MINUTE TO SECOND");
        // the engine's own types are shown as before
        assertStreamAndBatch(
                "to_date(s) - DATE '2024-01-01'", "interval day", "INTERVAL '30' DAY", "INTERVAL '59' DAY");
        assertStreamAndBatch(
                "INTERVAL '3' HOUR * a",
                "interval day to second",
                "INTERVAL '0 03:00:00' DAY TO SECOND",
                "INTERVAL '0 06:00:00' DAY TO SECOND");
    }

    @Test
    void when_aYearMonthIntervalOfOneFieldIsSelected_then_theStreamShowsItAsSpark() throws InterruptedException {
        assertStreamAndBatch("INTERVAL '2' YEAR", "interval year", "INTERVAL '2' YEAR", "INTERVAL '2' YEAR");
        assertStreamAndBatch(
                "make_ym_interval(0, a + 12)",
                "interval year to month",
                "INTERVAL '1-1' YEAR TO MONTH",
                "INTERVAL '1-2' YEAR TO MONTH");
        assertStreamAndBatch(
                "CAST(make_ym_interval(0, a + 12) AS INTERVAL MONTH)",
                "interval month",
                "INTERVAL '13' MONTH",
                "INTERVAL '14' MONTH");
    }

    @Test
    void when_anIntervalOfOtherFieldsIsSummedInAStream_then_theSumKeepsItsFields() throws InterruptedException {
        rows();
        String query = "SELECT SUM(INTERVAL '3' HOUR) AS h, MAX(CAST(make_dt_interval(a) AS INTERVAL HOUR)) AS m,"
                + " SUM(INTERVAL '1' MONTH) AS mo FROM t";
        assertThat(streamingSchema(query).toString())
                .isEqualTo("[h: interval hour, m: interval hour, mo: interval month]");
        Table batch =
                ((SqlResult.Rows) sql.execute(query.replace(" FROM t", " FROM (VALUES (1), (2)) AS v(a)"))).table();
        StreamingQuery q = sql.stream(query)
                .writeStream()
                .outputMode("complete")
                .memory("sums")
                .start();
        try {
            q.processAllAvailable();
        } finally {
            q.stop();
        }
        Table stream = eddy.table("sums");
        for (Table result : List.of(stream, batch)) {
            assertThat(result.getString(0, "h")).isEqualTo("INTERVAL '06' HOUR");
            assertThat(result.getString(0, "m")).isEqualTo("INTERVAL '48' HOUR");
            assertThat(result.getString(0, "mo")).isEqualTo("INTERVAL '2' MONTH");
        }
    }

    @Test
    void when_aStreamWritesJsonAndCsv_then_theFilesHoldSparksTextOfTheIntervalsFields()
            throws IOException, InterruptedException {
        rows();
        String query = "SELECT a, INTERVAL '3' HOUR * 1 AS wide, INTERVAL '3' HOUR AS h, INTERVAL 1 DAY 2 HOURS AS dh,"
                + " INTERVAL '14' MONTH AS mo FROM t";
        for (String format : List.of("json", "csv")) {
            Path out = dir.resolve(format);
            StreamingQuery q = sql.stream(query)
                    .writeStream()
                    .format(format)
                    .option("checkpointLocation", dir.resolve(format + "-ck").toString())
                    .start(out.toString());
            try {
                q.processAllAvailable();
            } finally {
                q.stop();
            }
            String text = filesText(out, "." + format);
            if (format.equals("json")) {
                assertThat(text)
                        .contains("{\"a\":1,\"wide\":\"INTERVAL '0 03:00:00' DAY TO SECOND\",\"h\":\"INTERVAL '03'"
                                + " HOUR\",\"dh\":\"INTERVAL '1 02' DAY TO HOUR\",\"mo\":\"INTERVAL '14' MONTH\"}");
            } else {
                assertThat(text)
                        .contains("a,wide,h,dh,mo")
                        .contains("2,INTERVAL '0 03:00:00' DAY TO SECOND,INTERVAL '03' HOUR,INTERVAL '1 02' DAY TO"
                                + " HOUR,INTERVAL '14' MONTH");
            }
        }
    }

    @Test
    void when_aStreamRestartsFromItsCheckpoint_then_itsStateGoesOnAndTheSumKeepsItsFields()
            throws InterruptedException {
        String query = "SELECT s, SUM(INTERVAL '3' HOUR) AS h, SUM(CAST(make_dt_interval(a) AS INTERVAL DAY TO HOUR))"
                + " AS d FROM t GROUP BY s";
        Path ck = dir.resolve("ck");
        t.addData(new Object[] {"k", 1, 0.0});
        run(query, ck);
        assertThat(eddy.table("restarted").getString(0, "h")).isEqualTo("INTERVAL '03' HOUR");
        t.addData(new Object[] {"k", 2, 0.0});
        StreamingQuery again = run(query, ck);
        assertThat(again.lastProgress().batchId()).isEqualTo(1);
        Table result = eddy.table("restarted");
        assertThat(result.rowCount()).isEqualTo(1);
        assertThat(result.getString(0, "h")).isEqualTo("INTERVAL '06' HOUR");
        assertThat(result.getString(0, "d")).isEqualTo("INTERVAL '3 00' DAY TO HOUR");
    }

    private StreamingQuery run(String query, Path checkpoint) throws InterruptedException {
        StreamingQuery q = sql.stream(query)
                .writeStream()
                .outputMode("complete")
                .memory("restarted")
                .checkpointLocation(checkpoint.toString())
                .start();
        try {
            q.processAllAvailable();
        } finally {
            q.stop();
        }
        return q;
    }

    private void rows() {
        t.addData(new Object[] {"2024-01-31", 1, 1.5}, new Object[] {"2024-02-29 10:30:15.5", 2, 2.5});
    }

    /**
     * {@code SELECT expression AS c FROM t} over two rows: its streaming schema names {@code type}, and the streaming
     * query's memory table and the batch query show each row as {@code shown} (the rows in order).
     */
    private void assertStreamAndBatch(String expression, String type, String... shown) throws InterruptedException {
        String query = "SELECT a, " + expression + " AS c FROM t";
        assertThat(streamingSchema(query).field("c").typeName()).as(expression).isEqualTo(type);
        Table batch = ((SqlResult.Rows) new Sql(Eddy.builder().build())
                        .execute(query.replace(
                                " FROM t",
                                " FROM (VALUES ('2024-01-31', 1), ('2024-02-29 10:30:15.5', 2)) AS t(s, a)")))
                .table();
        String name = "q" + Math.abs(expression.hashCode());
        MemoryStream in = eddy.memoryStream(T);
        in.addData(new Object[] {"2024-01-31", 1, 1.5}, new Object[] {"2024-02-29 10:30:15.5", 2, 2.5});
        Sql own = new Sql(eddy).startInserts(false);
        own.catalog().registerStream("t", in.toDF());
        StreamingQuery q = own.stream(query).writeStream().memory(name).start();
        try {
            q.processAllAvailable();
        } finally {
            q.stop();
        }
        assertThat(texts(eddy.table(name).sortAscendingOn("a")))
                .as("stream: " + expression)
                .containsExactly(shown);
        assertThat(texts(batch.sortAscendingOn("a"))).as("batch: " + expression).containsExactly(shown);
        assertThat(eddy.table(name).column("c").type())
                .as(expression)
                .isEqualTo(batch.column("c").type());
    }

    private Schema streamingSchema(String query) {
        return ((SqlResult.Streaming) sql.execute(query)).dataset().plan().schema();
    }

    private static List<String> texts(Table table) {
        List<String> out = new ArrayList<>();
        for (int r = 0; r < table.rowCount(); r++) {
            out.add(table.getString(r, "c"));
        }
        return out;
    }

    private static String filesText(Path out, String suffix) throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(out)) {
            for (Path p :
                    files.filter(p -> p.toString().endsWith(suffix)).sorted().toList()) {
                text.append(Files.readString(p));
            }
        }
        return text.toString();
    }
}
