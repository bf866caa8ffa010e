package dev.eddy.streaming.ops;

import static dev.eddy.streaming.api.expr.Functions.add_months;
import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.count;
import static dev.eddy.streaming.api.expr.Functions.date_add;
import static dev.eddy.streaming.api.expr.Functions.date_sub;
import static dev.eddy.streaming.api.expr.Functions.datediff;
import static dev.eddy.streaming.api.expr.Functions.last_day;
import static dev.eddy.streaming.api.expr.Functions.lit;
import static dev.eddy.streaming.api.expr.Functions.make_date;
import static dev.eddy.streaming.api.expr.Functions.max;
import static dev.eddy.streaming.api.expr.Functions.min;
import static dev.eddy.streaming.api.expr.Functions.next_day;
import static dev.eddy.streaming.api.expr.Functions.to_date;
import static dev.eddy.streaming.api.expr.Functions.trunc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.ExactDateColumn;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.internal.table.Tables;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DateColumn;

/** Spark's DATE in streaming queries: days since the epoch, its casts, functions, grouping and checkpoints. */
class DateTypeTest {
    private final SingleStream input = new SingleStream(
            Field.of("ts", DataType.TIMESTAMP), Field.of("s", DataType.STRING), Field.of("n", DataType.INT));
    private final MemoryStream in = input.in;

    @TempDir
    Path dir;

    private static Object[] row(String instant, String s, Integer n) {
        return new Object[] {instant == null ? null : Instant.parse(instant), s, n};
    }

    @Test
    void when_aTimestampIsCastToDate_then_itIsItsUtcDayAndPrintsAsSparkPrintsIt() {
        Dataset d = in.toDF()
                .select(
                        to_date(col("ts")).as("d"),
                        col("ts").cast(DataType.DATE).as("c"),
                        col("ts").cast(DataType.DATE).cast(DataType.STRING).as("text"),
                        col("ts").cast(DataType.DATE).cast(DataType.TIMESTAMP).as("midnight"));
        assertThat(d.schema().field("d").type()).isEqualTo(DataType.DATE);
        List<Row> rows =
                input.run(d, "append", row("2024-01-05T23:59:59.999Z", null, 1), row("1969-12-31T12:00:00Z", null, 1));
        assertThat(rows.get(0).getDate("d")).isEqualTo(LocalDate.of(2024, 1, 5));
        assertThat(rows.get(0).getDate("c")).isEqualTo(LocalDate.of(2024, 1, 5));
        assertThat(rows.get(0).getString("text")).isEqualTo("2024-01-05");
        assertThat(rows.get(0).getTimestamp("midnight")).isEqualTo(Instant.parse("2024-01-05T00:00:00Z"));
        assertThat(rows.get(1).getDate("d"))
                .as("before the epoch the day rounds down")
                .isEqualTo(LocalDate.of(1969, 12, 31));
    }

    @Test
    void when_textIsCastToDate_then_sparksFormsAreReadAndOtherTextIsNull() {
        Dataset d = in.toDF().select(col("s"), to_date(col("s")).as("d"));
        List<Row> rows = input.run(
                d,
                "append",
                row(null, "2024-01-05", 1),
                row(null, " 2024-1-5 ", 1),
                row(null, "2024-02", 1),
                row(null, "2024", 1),
                row(null, "2024-01-05 10:30:00", 1),
                row(null, "2024-01-05T10:30", 1),
                row(null, "2024-02-30", 1),
                row(null, "05/01/2024", 1),
                row(null, "x", 1));
        Map<String, LocalDate> byText = new TreeMap<>();
        rows.forEach(r -> byText.put(r.getString("s"), r.getDate("d")));
        assertThat(byText)
                .containsEntry("2024-01-05", LocalDate.of(2024, 1, 5))
                .containsEntry(" 2024-1-5 ", LocalDate.of(2024, 1, 5))
                .containsEntry("2024-02", LocalDate.of(2024, 2, 1))
                .containsEntry("2024", LocalDate.of(2024, 1, 1))
                .containsEntry("2024-01-05 10:30:00", LocalDate.of(2024, 1, 5))
                .containsEntry("2024-01-05T10:30", LocalDate.of(2024, 1, 5))
                .containsEntry("2024-02-30", null)
                .containsEntry("05/01/2024", null)
                .containsEntry("x", null);
    }

    @Test
    void when_dateFunctionsRun_then_theyAnswerAsSpark() {
        Dataset d = in.toDF()
                .select(
                        date_add(col("ts"), 30).as("add"),
                        date_sub(col("s"), col("n")).as("sub"),
                        add_months(col("ts"), 1).as("months"),
                        last_day(col("ts")).as("last"),
                        next_day(col("ts"), "Mon").as("next"),
                        make_date(lit(2024), lit(2), col("n")).as("made"),
                        trunc(col("ts"), "quarter").as("quarter"),
                        trunc(col("ts"), "week").as("week"),
                        datediff(col("s"), col("ts")).as("diff"),
                        to_date(col("ts")).plus(1).as("plus"));
        Row r = input.run(d, "append", row("2024-01-31T08:00:00Z", "2024-03-01", 29))
                .get(0);
        assertThat(r.getDate("add")).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(r.getDate("sub")).isEqualTo(LocalDate.of(2024, 2, 1));
        assertThat(r.getDate("months")).as("clipped to February's last day").isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(r.getDate("last")).isEqualTo(LocalDate.of(2024, 1, 31));
        assertThat(r.getDate("next")).as("2024-01-31 is a Wednesday").isEqualTo(LocalDate.of(2024, 2, 5));
        assertThat(r.getDate("made")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(r.getDate("quarter")).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(r.getDate("week")).isEqualTo(LocalDate.of(2024, 1, 29));
        assertThat(r.getInt("diff")).isEqualTo(30);
        assertThat(r.getDate("plus")).isEqualTo(LocalDate.of(2024, 2, 1));
    }

    @Test
    void when_makeDateIsOutOfRange_then_theQueryFailsAsSparksAnsiMode() {
        Dataset d = in.toDF().select(make_date(lit(2024), lit(2), col("n")).as("made"));
        assertThatThrownBy(() -> input.run(d, "append", row(null, null, 30)))
                .hasStackTraceContaining("[DATETIME_FIELD_OUT_OF_BOUNDS]");
    }

    @Test
    void when_datesAreCompared_then_theyOrderByDayAndMeetTimestampsAndText() {
        Dataset d = in.toDF()
                .filter(to_date(col("ts"))
                        .geq(lit(LocalDate.of(2024, 1, 5)))
                        .and(to_date(col("ts")).lt("2024-01-07"))
                        .and(to_date(col("ts")).leq(col("ts"))))
                .select(col("n"));
        List<Row> rows = input.run(
                d,
                "append",
                row("2024-01-04T23:00:00Z", null, 1),
                row("2024-01-05T00:00:00Z", null, 2),
                row("2024-01-06T23:00:00Z", null, 3),
                row("2024-01-07T00:00:00Z", null, 4));
        assertThat(rows).extracting(r -> r.getInt("n")).containsExactly(2, 3);
    }

    @Test
    void when_groupedByTheDayOfATimestamp_then_minMaxAndCountArePerDay() {
        Dataset d = in.toDF()
                .groupBy(to_date(col("ts")).as("day"))
                .agg(
                        count(col("n")).as("c"),
                        min(to_date(col("s"))).as("lo"),
                        max(to_date(col("s"))).as("hi"));
        List<Row> rows = input.run(
                d,
                "complete",
                row("2024-01-05T01:00:00Z", "2023-12-31", 1),
                row("2024-01-05T23:00:00Z", "2024-02-01", 2),
                row("2024-01-06T00:00:00Z", null, 3),
                row(null, "2024-01-01", 4));
        Map<LocalDate, String> byDay = new TreeMap<>(Comparator.nullsFirst(Comparator.<LocalDate>naturalOrder()));
        rows.forEach(r -> byDay.put(r.getDate("day"), r.get("c") + " " + r.get("lo") + " " + r.get("hi")));
        assertThat(byDay)
                .containsEntry(LocalDate.of(2024, 1, 5), "2 2023-12-31 2024-02-01")
                .containsEntry(LocalDate.of(2024, 1, 6), "1 null null")
                .containsEntry(null, "1 2024-01-01 2024-01-01")
                .hasSize(3);
    }

    @Test
    void when_aQueryWithADateKeyRestarts_then_itsStateIsRestoredFromTheCheckpoint() {
        Dataset d = in.toDF().groupBy(to_date(col("ts")).as("day")).count();
        try (QueryTestDriver q =
                QueryTestDriver.start(d.writeStream().outputMode("complete").checkpointLocation(dir.toString()))) {
            in.addData(row("2024-01-05T01:00:00Z", null, 1), row("2024-01-06T01:00:00Z", null, 1));
            q.runTrigger();
        }
        in.addData(row("2024-01-05T09:00:00Z", null, 1));
        try (QueryTestDriver q =
                QueryTestDriver.start(d.writeStream().outputMode("complete").checkpointLocation(dir.toString()))) {
            assertThat(q.stateRows(0)).hasSize(2);
            q.runTrigger();
            Map<LocalDate, Long> counts = new TreeMap<>();
            q.result().forEach(r -> counts.put(r.getDate("day"), r.getLong("count")));
            assertThat(counts).isEqualTo(Map.of(LocalDate.of(2024, 1, 5), 2L, LocalDate.of(2024, 1, 6), 1L));
        }
    }

    @Test
    void when_aDateColumnBecomesATable_then_itIsALocalDateColumnPrintedAsSparkPrintsIt() {
        Dataset d = in.toDF().select(to_date(col("ts")).as("d"));
        List<Row> rows = input.run(d, "append", row("2024-01-05T10:00:00Z", null, 1), row(null, null, 1));
        var batch = Batch.builder(d.schema(), 2);
        rows.forEach(batch::addRow);
        var table = Tables.toTable("t", batch.build());
        assertThat(table.dateColumn("d").get(0)).isEqualTo(LocalDate.of(2024, 1, 5));
        assertThat(table.dateColumn("d").getString(0))
                .as("as a live view prints it")
                .isEqualTo("2024-01-05");
        assertThat(table.dateColumn("d").isMissing(1)).isTrue();
        assertThat(Tables.schemaOf(table).field("d").type()).isEqualTo(DataType.DATE);
    }

    /**
     * A result table (memory sink, foreachBatch, CSV table) holds any of Spark's dates and shows Spark's text: a year
     * past Tablesaw's (Spark's date_add(d, 2147483647)) or before 1000 is an ExactDateColumn, ordinary dates stay in
     * a DateColumn.
     */
    @Test
    void when_aResultDateIsPastTablesawsYears_then_theTableKeepsAndShowsIt() {
        Schema s = Schema.of(Field.of("d", DataType.DATE));
        var far = Batch.builder(s, 3);
        far.setValue(0, LocalDate.parse("-5877587-06-21")).endRow();
        far.setValue(0, LocalDate.of(1, 1, 15)).endRow();
        far.setNull(0).endRow();
        var table = Tables.toTable("t", far.build());
        assertThat(table.column("d")).isInstanceOf(ExactDateColumn.class);
        assertThat(table.column("d").getString(0)).isEqualTo("-5877587-06-21");
        assertThat(table.column("d").getString(1)).isEqualTo("0001-01-15");
        assertThat(table.column("d").isMissing(2)).isTrue();
        assertThat(Tables.schemaOf(table).field("d").type()).isEqualTo(DataType.DATE);
        assertThat(Tables.fromTable(table).column(0).get(0)).isEqualTo(LocalDate.parse("-5877587-06-21"));
        var near = Batch.builder(s, 1);
        near.setValue(0, LocalDate.of(2024, 1, 5)).endRow();
        assertThat(Tables.toTable("t", near.build()).column("d")).isInstanceOf(DateColumn.class);
    }

    @Test
    void when_aDateIsUsedWhereANumberIsNeeded_then_theErrorSaysSo() {
        assertThatThrownBy(() -> in.toDF()
                        .select(date_add(col("n"), 1))
                        .writeStream()
                        .outputMode("append")
                        .start())
                .hasMessageContaining("date_add() needs a date, timestamp or date text");
    }
}
