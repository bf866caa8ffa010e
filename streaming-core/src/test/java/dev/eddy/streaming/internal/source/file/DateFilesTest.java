package dev.eddy.streaming.internal.source.file;

import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.date_add;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * DATE and TIMESTAMP columns in text files: read from Spark's default text (ISO) or with Spark's {@code dateFormat}
 * and {@code timestampFormat}, written back as ISO text.
 */
class DateFilesTest {
    private static final Schema SCHEMA = Schema.of(Field.of("name", DataType.STRING), Field.of("day", DataType.DATE));

    @TempDir
    Path in;

    @TempDir
    Path out;

    private final Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();

    @Test
    void when_csvHasDates_then_theyAreReadAsDatesAndJsonLinesWriteThemAsText() throws IOException {
        write("1.csv", "name,day\nann,2024-01-05\nbob,\ncid,2024-1-31\ndan,someday\n");
        Dataset rows = eddy.readStream()
                .format("csv")
                .option("header", "true")
                .schema(SCHEMA)
                .load(in.toString());
        Dataset next = rows.select(col("name"), date_add(col("day"), 1).as("next"));
        try (QueryTestDriver d = QueryTestDriver.start(
                next.writeStream().format("json").option("path", out.toString()).outputMode("append"))) {
            d.runTrigger();
        }
        assertThat(Files.readString(out.resolve("part-00000-00000.json")))
                .isEqualTo("{\"name\":\"ann\",\"next\":\"2024-01-06\"}\n{\"name\":\"bob\"}\n"
                        + "{\"name\":\"cid\",\"next\":\"2024-02-01\"}\n{\"name\":\"dan\"}\n"); // dan's day is malformed
    }

    @Test
    void when_jsonLinesHaveDates_then_theyAreReadAsDatesAndCsvWritesThemAsText() throws IOException {
        write("1.json", "{\"name\":\"ann\",\"day\":\"2024-02-29\"}\n{\"name\":\"bob\",\"day\":null}\n");
        Dataset rows = eddy.readStream().format("json").schema(SCHEMA).load(in.toString());
        try (QueryTestDriver d = QueryTestDriver.start(rows.select("name", "day")
                .writeStream()
                .format("csv")
                .option("path", out.toString())
                .outputMode("append"))) {
            d.runTrigger();
        }
        assertThat(Files.readString(out.resolve("part-00000-00000.csv")))
                .contains("ann,2024-02-29")
                .contains("bob,");
    }

    @Test
    void when_csvIsReadWithDateAndTimestampFormats_then_matchingTextIsReadAndTheRestIsACorruptRecord()
            throws IOException {
        write("1.csv", "ann,05/01/2024,05/01/2024 10:15:30.5\nbob,2024-01-05,05/01/2024 10:15\ncid,,\n");
        Schema schema = Schema.of(
                Field.of("name", DataType.STRING),
                Field.of("day", DataType.DATE),
                Field.of("at", DataType.TIMESTAMP),
                Field.of("_corrupt_record", DataType.STRING));
        Dataset rows = eddy.readStream()
                .format("csv")
                .option("dateFormat", "dd/MM/yyyy")
                .option("timestampFormat", "dd/MM/yyyy HH:mm[:ss.SSS]")
                .schema(schema)
                .load(in.toString());
        try (QueryTestDriver d = QueryTestDriver.start(
                rows.writeStream().format("json").option("path", out.toString()).outputMode("append"))) {
            d.runTrigger();
        }
        assertThat(Files.readString(out.resolve("part-00000-00000.json")))
                .isEqualTo("{\"name\":\"ann\",\"day\":\"2024-01-05\",\"at\":\"2024-01-05T10:15:30.500Z\"}\n"
                        // an ISO date does not match the pattern: corrupt, its other values kept (Spark's partial
                        // results)
                        + "{\"name\":\"bob\",\"at\":\"2024-01-05T10:15:00Z\",\"_corrupt_record\":\"bob,2024-01-05,05/01/2024"
                        + " 10:15\"}\n"
                        + "{\"name\":\"cid\"}\n");
    }

    @Test
    void when_jsonLinesAreReadWithFormatsInDropMalformedMode_then_unparsableRecordsAreLeftOut() throws IOException {
        write(
                "1.json",
                "{\"name\":\"ann\",\"day\":\"20240105\"}\n{\"name\":\"bob\",\"day\":\"2024-01-05\"}\n"
                        + "{\"name\":\"cid\",\"day\":null}\n");
        Dataset rows = eddy.readStream()
                .format("json")
                .option("dateFormat", "yyyyMMdd")
                .option("mode", "DROPMALFORMED")
                .schema(SCHEMA)
                .load(in.toString());
        try (QueryTestDriver d = QueryTestDriver.start(rows.select("name", "day")
                .writeStream()
                .format("csv")
                .option("path", out.toString())
                .outputMode("append"))) {
            d.runTrigger();
        }
        assertThat(Files.readString(out.resolve("part-00000-00000.csv"))).isEqualTo("name,day\nann,2024-01-05\ncid,\n");
    }

    /**
     * Spark reads a TIMESTAMP of a time alone (no timestampFormat) on the current day, in the value's zone; Eddy on the
     * day of the engine clock when the file is read (a stream) or of the session clock read once (eddy.read()), never
     * the wall clock. Checked against Spark by SparkFormatsDifferentialIT, which draws such values.
     */
    @Test
    void when_aTimestampIsATimeAlone_then_itIsOnTheClocksDayInItsZone() throws IOException {
        write(
                "1.csv",
                "ann,10:15:30\nbob,T07:05\ncid,23:00:00-05:00\ndan,10:15:30.5Z\neve,1:2\nfay,10\ngus,25:00\nhal,T10\nivy, T10:15\n");
        Schema schema = Schema.of(
                Field.of("name", DataType.STRING),
                Field.of("at", DataType.TIMESTAMP),
                Field.of("_corrupt_record", DataType.STRING));
        // 02:00 UTC on 7 December is 21:00 on 6 December in -05:00
        Eddy at = Eddy.builder()
                .clock(new ManualClock(Instant.parse("2026-12-07T02:00:00Z").toEpochMilli()))
                .build();
        Dataset rows = at.readStream().format("csv").schema(schema).load(in.toString());
        try (QueryTestDriver d = QueryTestDriver.start(
                rows.writeStream().format("json").option("path", out.toString()).outputMode("append"))) {
            d.runTrigger();
        }
        assertThat(Files.readString(out.resolve("part-00000-00000.json")))
                .isEqualTo("{\"name\":\"ann\",\"at\":\"2026-12-07T10:15:30Z\"}\n"
                        + "{\"name\":\"bob\",\"at\":\"2026-12-07T07:05:00Z\"}\n"
                        + "{\"name\":\"cid\",\"at\":\"2026-12-07T04:00:00Z\"}\n"
                        + "{\"name\":\"dan\",\"at\":\"2026-12-07T10:15:30.500Z\"}\n"
                        + "{\"name\":\"eve\",\"at\":\"2026-12-07T01:02:00Z\"}\n"
                        + "{\"name\":\"fay\",\"_corrupt_record\":\"fay,10\"}\n"
                        + "{\"name\":\"gus\",\"_corrupt_record\":\"gus,25:00\"}\n"
                        + "{\"name\":\"hal\",\"at\":\"2026-12-07T10:00:00Z\"}\n"
                        // a blank before the T: no time in Spark (formats differential, seed 20261206 case 127)
                        + "{\"name\":\"ivy\",\"_corrupt_record\":\"ivy, T10:15\"}\n");
        Table batch = at.read().format("csv").schema(schema).load(in.toString());
        assertThat(batch.column("at").getString(0)).isEqualTo("2026-12-07T10:15:30.000Z");
        assertThat(batch.column("at").getString(2)).isEqualTo("2026-12-07T04:00:00.000Z");
    }

    private void write(String name, String content) throws IOException {
        Path p = in.resolve(name);
        Files.writeString(p, content);
        Files.setLastModifiedTime(p, FileTime.fromMillis(1_000_000L));
    }
}
