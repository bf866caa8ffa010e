package dev.eddy.streaming.ops;

import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.max;
import static dev.eddy.streaming.api.expr.Functions.min;
import static dev.eddy.streaming.api.expr.Functions.to_date;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.IntervalFields;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.internal.table.Tables;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark's ANSI intervals in streaming queries and the Java API: DATE - DATE is an INTERVAL DAY, TIMESTAMP - TIMESTAMP
 * an INTERVAL DAY TO SECOND (microseconds), shown, cast to text, compared, added to a timestamp and aggregated as in
 * Spark 4.2.
 */
class IntervalTypeTest {
    private final SingleStream input = new SingleStream(
            Field.of("t1", DataType.TIMESTAMP), Field.of("t2", DataType.TIMESTAMP), Field.of("k", DataType.INT));

    @TempDir
    Path dir;

    private static Object[] row(String t1, String t2, int k) {
        return new Object[] {t1 == null ? null : Instant.parse(t1), t2 == null ? null : Instant.parse(t2), k};
    }

    @Test
    void when_sparksIntervalTextIsAskedFor_then_eachFieldRangeShowsAsSparkShowsIt() {
        long micros = ((3L * 24 + 1) * 3600 + 2 * 60 + 3) * 1_000_000L + 500_000L; // 3 days 01:02:03.5
        assertThat(IntervalFields.DAY.format(3L * IntervalFields.MICROS_PER_DAY))
                .isEqualTo("INTERVAL '3' DAY");
        assertThat(IntervalFields.DAY.format(-3L * IntervalFields.MICROS_PER_DAY))
                .isEqualTo("INTERVAL '-3' DAY");
        assertThat(IntervalFields.DAY_TO_SECOND.format(micros)).isEqualTo("INTERVAL '3 01:02:03.5' DAY TO SECOND");
        assertThat(IntervalFields.DAY_TO_SECOND.format(-micros)).isEqualTo("INTERVAL '-3 01:02:03.5' DAY TO SECOND");
        assertThat(IntervalFields.DAY_TO_SECOND.format(3_600_000_000L))
                .isEqualTo("INTERVAL '0 01:00:00' DAY TO SECOND");
        assertThat(IntervalFields.HOUR.format(3 * 3_600_000_000L)).isEqualTo("INTERVAL '03' HOUR");
        assertThat(IntervalFields.DAY_TO_HOUR.format(micros)).isEqualTo("INTERVAL '3 01' DAY TO HOUR");
        assertThat(IntervalFields.HOUR_TO_SECOND.format(micros)).isEqualTo("INTERVAL '73:02:03.5' HOUR TO SECOND");
        assertThat(IntervalFields.SECOND.format(1_500_000L)).isEqualTo("INTERVAL '01.5' SECOND");
        assertThat(IntervalFields.YEAR_TO_MONTH.format(14)).isEqualTo("INTERVAL '1-2' YEAR TO MONTH");
        assertThat(IntervalFields.YEAR_TO_MONTH.format(-14)).isEqualTo("INTERVAL '-1-2' YEAR TO MONTH");
        assertThat(IntervalFields.MONTH.format(14)).isEqualTo("INTERVAL '14' MONTH");
        assertThat(IntervalFields.YEAR.format(24)).isEqualTo("INTERVAL '2' YEAR");
        assertThat(IntervalFields.DAY_TO_SECOND.format(Long.MIN_VALUE))
                .isEqualTo("INTERVAL '-106751991 04:00:54.775808' DAY TO SECOND");
        assertThat(IntervalFields.DAY_TO_SECOND.sparkName()).isEqualTo("interval day to second");
    }

    @Test
    void when_timesAreSubtractedInTheJavaApi_then_theAnswerIsSparksIntervalType() {
        Dataset d = input.in
                .toDF()
                .select(
                        col("t2").minus(col("t1")).as("span"),
                        to_date(col("t2")).minus(to_date(col("t1"))).as("days"),
                        col("t2").minus(col("t1")).cast(DataType.STRING).as("text"),
                        col("t1").plus(col("t2").minus(col("t1"))).as("moved"),
                        col("t2")
                                .minus(col("t1"))
                                .gt(col("t2").minus(col("t2")))
                                .as("later"));
        assertThat(d.schema().field("span").type()).isEqualTo(DataType.INTERVAL_DAY_TO_SECOND);
        assertThat(d.schema().field("days").type()).isEqualTo(DataType.INTERVAL_DAY);
        List<Row> rows = input.run(
                d,
                "append",
                row("2024-01-01T23:00:00Z", "2024-01-04T00:00:00.25Z", 1),
                row("2024-01-02T00:00:00Z", "2024-01-01T23:00:00Z", 2),
                row(null, "2024-01-01T23:00:00Z", 3));
        assertThat(rows.get(0).get("span")).isEqualTo((2L * 86_400 + 3600) * 1_000_000L + 250_000L);
        assertThat(rows.get(0).get("days")).isEqualTo(3L * IntervalFields.MICROS_PER_DAY);
        assertThat(rows.get(0).getString("text")).isEqualTo("INTERVAL '2 01:00:00.25' DAY TO SECOND");
        assertThat(rows.get(0).getTimestamp("moved")).isEqualTo(Instant.parse("2024-01-04T00:00:00.25Z"));
        assertThat(rows.get(0).get("later")).isEqualTo(true);
        assertThat(rows.get(1).getString("text")).isEqualTo("INTERVAL '-0 01:00:00' DAY TO SECOND");
        assertThat(rows.get(1).get("later")).isEqualTo(false);
        assertThat(rows.get(2).get("span")).isNull();
    }

    @Test
    void when_anIntervalColumnBecomesATable_then_itHoldsMicrosecondsAndPrintsSparksText() {
        Dataset d = input.in.toDF().select(col("t2").minus(col("t1")).as("span"));
        List<Row> rows =
                input.run(d, "append", row("2024-01-01T00:00:00Z", "2024-01-03T01:00:00Z", 1), row(null, null, 1));
        var batch = Batch.builder(d.schema(), 2);
        rows.forEach(batch::addRow);
        var table = Tables.toTable("t", batch.build());
        assertThat(table.longColumn("span").get(0)).isEqualTo((2L * 86_400 + 3600) * 1_000_000L);
        assertThat(table.longColumn("span").getString(0)).isEqualTo("INTERVAL '2 01:00:00' DAY TO SECOND");
        assertThat(table.longColumn("span").isMissing(1)).isTrue();
    }

    @Test
    void when_intervalsAreGroupedAndAggregated_then_minAndMaxKeepTheirType() {
        Dataset d = input.in
                .toDF()
                .groupBy(to_date(col("t2")).minus(to_date(col("t1"))).as("days"))
                .agg(
                        min(col("t2").minus(col("t1"))).as("lo"),
                        max(col("t2").minus(col("t1"))).as("hi"));
        assertThat(d.schema().field("days").type()).isEqualTo(DataType.INTERVAL_DAY);
        assertThat(d.schema().field("lo").type()).isEqualTo(DataType.INTERVAL_DAY_TO_SECOND);
        List<Row> rows = input.run(
                d,
                "complete",
                row("2024-01-01T00:00:00Z", "2024-01-02T01:00:00Z", 1),
                row("2024-01-01T12:00:00Z", "2024-01-02T00:00:00Z", 2),
                row("2024-01-01T00:00:00Z", "2024-01-01T05:00:00Z", 3));
        assertThat(rows).hasSize(2);
        Row oneDay = rows.stream()
                .filter(r -> r.get("days").equals(IntervalFields.MICROS_PER_DAY))
                .findFirst()
                .orElseThrow();
        assertThat(oneDay.get("lo")).isEqualTo(12 * 3_600_000_000L);
        assertThat(oneDay.get("hi")).isEqualTo(25 * 3_600_000_000L);
    }
}
