package dev.eddy.sql.internal.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.sql.api.Sql;
import dev.eddy.sql.api.SqlCatalog;
import dev.eddy.sql.api.SqlResult;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.ExactDateColumn;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * SQL's CSV tables read by the engine's CSV parser: the same rows as Tablesaw's CSV reader (the path before) on
 * random well-formed files, and Spark's options for the rest (mode, corrupt-record column, null value, escape).
 */
class CsvTablesTest {
    private static final Schema SCHEMA = Schema.of(List.of(
            Field.of("id", DataType.INT),
            Field.of("n", DataType.LONG),
            Field.of("x", DataType.DOUBLE),
            Field.of("ok", DataType.BOOLEAN),
            Field.of("ts", DataType.TIMESTAMP),
            Field.of("s", DataType.STRING)));
    private final Sql sql = new Sql(new SqlCatalog());

    @Test
    void when_wellFormedFilesAreRead_then_theRowsEqualTablesawsReader(@TempDir Path dir) throws IOException {
        Random rnd = new Random(5);
        int rows = 0;
        for (int i = 0; i < 60; i++) {
            boolean header = rnd.nextBoolean();
            Path file = dir.resolve("t" + i + ".csv");
            Files.writeString(file, randomFile(rnd, header));
            Table got = CsvTables.reader("t", Map.of("path", file.toString()), SCHEMA, header)
                    .get();
            assertThat(values(got)).as(Files.readString(file)).isEqualTo(values(tablesaw(file, header)));
            rows += got.rowCount();
        }
        assertThat(rows).isGreaterThan(1_000);
    }

    @Test
    void when_aRecordIsMalformed_then_modePermissiveKeepsItsParsedValuesAndItsTextInTheDeclaredCorruptColumn(
            @TempDir Path dir) throws IOException {
        Path file = dir.resolve("p.csv");
        Files.writeString(file, "id,name\n1,ann\nx,bob\n3,NA\n");
        sql.execute("CREATE TABLE people (id INT, name STRING, bad STRING) WITH ('connector' = 'file', 'path' = '"
                + file + "', 'columnNameOfCorruptRecord' = 'bad', 'nullValue' = 'NA')");
        Table t = rows("SELECT id, name, bad FROM people ORDER BY bad NULLS FIRST, id");
        assertThat(t.intColumn("id").asList()).containsExactly(1, 3, null);
        assertThat(t.stringColumn("name").asList())
                .as("Spark's partial results: the malformed record keeps the values that parsed")
                .containsExactly("ann", "", "bob");
        assertThat(t.stringColumn("bad").asList()).containsExactly("", "", "x,bob");
    }

    @Test
    void when_aTableHasDateAndTimestampFormats_then_valuesAreReadWithSparksPatterns(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("d.csv");
        Files.writeString(file, "1,05/01/2024,05/01/2024 10:15:30.25 +01:00\n2,2024-01-05,05/01/2024 10:15:30 Z\n");
        sql.execute("CREATE TABLE days (id INT, d DATE, ts TIMESTAMP, _corrupt_record STRING) WITH ('connector' ="
                + " 'file', 'header' = 'false', 'path' = '" + file + "', 'dateFormat' = 'dd/MM/yyyy',"
                + " 'timestampFormat' = 'dd/MM/yyyy HH:mm:ss[.SSS] XXX')");
        Table t = rows("SELECT id, CAST(d AS STRING) AS d, ts, _corrupt_record FROM days ORDER BY id");
        assertThat(t.column("d").getString(0)).isEqualTo("2024-01-05");
        assertThat(t.column("d").isMissing(1)).isTrue();
        assertThat(t.column("ts").getString(0)).isEqualTo("2024-01-05T09:15:30.250Z");
        assertThat(t.column("ts").getString(1)).isEqualTo("2024-01-05T10:15:30.000Z");
        assertThat(t.column("_corrupt_record").isMissing(0)).isTrue();
        assertThat(t.column("_corrupt_record").getString(1))
                .as("an ISO date does not match dd/MM/yyyy: the record is corrupt, its other values kept")
                .isEqualTo("2,2024-01-05,05/01/2024 10:15:30 Z");
        assertThatThrownBy(() -> sql.execute("CREATE TABLE bad (d DATE) WITH ('connector' = 'file', 'path' = '" + file
                        + "', 'dateFormat' = 'YYYY-MM-dd')"))
                .hasMessageContaining("option 'dateFormat': Fail to recognize 'YYYY-MM-dd' pattern");
    }

    /**
     * A time alone in a TIMESTAMP column is on the day of the query's session clock (read once), as Spark reads it on
     * the current day; dates past Tablesaw's years or before year 1000 are shown as Spark shows them (values from Spark
     * 4.2: SparkFormatsDifferentialIT draws both).
     */
    @Test
    void when_aTableHoldsATimeAloneAndFarDates_then_theyReadAsSparkReadsThem(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.csv");
        Files.writeString(file, "1,123456,10:15:30\n2,-29981,T23:00:00-05:00\n3,0999,1:2\n4,2024-01-05,10\n");
        Sql session = new Sql(Eddy.builder()
                .clock(new ManualClock(Instant.parse("2026-12-07T02:00:00Z").toEpochMilli()))
                .build());
        session.execute("CREATE TABLE times (id INT, d DATE, ts TIMESTAMP, _corrupt_record STRING) WITH ('connector'"
                + " = 'file', 'header' = 'false', 'path' = '" + file + "')");
        Table t = ((SqlResult.Rows) session.execute("SELECT d, ts, _corrupt_record FROM times ORDER BY id")).table();
        assertThat(t.column("ts").getString(0)).isEqualTo("2026-12-07T10:15:30.000Z");
        assertThat(t.column("ts").getString(1))
                .as("21:00 on 6 December in -05:00")
                .isEqualTo("2026-12-07T04:00:00.000Z");
        assertThat(t.column("ts").getString(2)).isEqualTo("2026-12-07T01:02:00.000Z");
        assertThat(t.column("ts").isMissing(3)).isTrue();
        assertThat(t.column("_corrupt_record").getString(3)).isEqualTo("4,2024-01-05,10");
        assertThat(t.column("d")).isInstanceOf(ExactDateColumn.class);
        assertThat(t.column("d").getString(0)).isEqualTo("+123456-01-01");
        assertThat(t.column("d").getString(1)).isEqualTo("-29981-01-01");
        assertThat(t.column("d").getString(2)).isEqualTo("0999-01-01");
        assertThat(t.column("d").getString(3)).isEqualTo("2024-01-05");
    }

    @Test
    void when_modeIsDropMalformed_then_theTableLeavesTheRecordOut(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("p.csv");
        Files.writeString(file, "1;\"a;b\"\nx;bob\n3;\"say \\\"hi\\\"\"\n");
        sql.execute("CREATE TABLE people (id INT, name STRING) WITH ('connector' = 'file', 'path' = '" + file
                + "', 'header' = 'false', 'sep' = ';', 'escape' = '\\', 'mode' = 'DROPMALFORMED')");
        Table t = rows("SELECT id, name FROM people ORDER BY id");
        assertThat(t.intColumn("id").asList()).containsExactly(1, 3);
        assertThat(t.stringColumn("name").asList()).containsExactly("a;b", "say \"hi\"");
    }

    @Test
    void when_modeIsFailFast_then_theQueryFailsWithOneLineNamingTheRecord(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("p.csv");
        Files.writeString(file, "id,name\n1,ann\nx,bob\n");
        sql.execute("CREATE TABLE people (id INT, name STRING) WITH ('connector' = 'file', 'path' = '" + file
                + "', 'mode' = 'failfast')");
        assertThatThrownBy(() -> sql.execute("SELECT * FROM people"))
                .hasMessageContaining("malformed CSV record 2 (mode FAILFAST): x,bob");
    }

    @Test
    void when_theModeIsUnknown_then_createSaysSoWithThePosition(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("p.csv");
        Files.writeString(file, "id\n1\n");
        assertThatThrownBy(() -> sql.execute("CREATE TABLE people (id INT) WITH ('connector' = 'file', 'path' = '"
                        + file + "', 'mode' = 'lenient')"))
                .hasMessageContaining("table 'people': option 'mode' must be PERMISSIVE, DROPMALFORMED or FAILFAST");
    }

    private Table rows(String text) {
        return ((SqlResult.Rows) sql.execute(text)).table();
    }

    /** The reader CSV tables used before: Tablesaw's, with the declared types, columns renamed by position. */
    private static Table tablesaw(Path file, boolean header) {
        ColumnType[] types = {
            ColumnType.INTEGER,
            ColumnType.LONG,
            ColumnType.DOUBLE,
            ColumnType.BOOLEAN,
            ColumnType.LOCAL_DATE_TIME,
            ColumnType.STRING
        };
        return Table.read()
                .usingOptions(CsvReadOptions.builder(file.toFile())
                        .header(header)
                        .columnTypes(types)
                        .tableName("t"));
    }

    /** Cell values, a missing one as null, timestamps as instants (Tablesaw's local date-times are read as UTC). */
    private static List<List<Object>> values(Table t) {
        List<List<Object>> out = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            List<Object> row = new ArrayList<>();
            for (int c = 0; c < t.columnCount(); c++) {
                Object v = t.column(c).isMissing(r) ? null : t.column(c).get(r);
                row.add(v instanceof LocalDateTime l ? l.toInstant(ZoneOffset.UTC) : v);
            }
            out.add(row);
        }
        return out;
    }

    private static String randomFile(Random rnd, boolean header) {
        StringBuilder sb = new StringBuilder(header ? "id,n,x,ok,ts,s\n" : "");
        int rows = 1 + rnd.nextInt(60);
        boolean crlf = rnd.nextInt(4) == 0; // one line ending per file: Tablesaw's reader splits mixed ones wrongly
        for (int r = 0; r < rows; r++) {
            sb.append(maybe(rnd, Integer.toString(rnd.nextInt())))
                    .append(',')
                    .append(maybe(rnd, Long.toString(rnd.nextLong() >> rnd.nextInt(64))))
                    .append(',')
                    .append(maybe(rnd, rnd.nextInt(100_000) / 100.0 + ""))
                    .append(',')
                    .append(maybe(rnd, Boolean.toString(rnd.nextBoolean())))
                    .append(',')
                    .append(maybe(
                            rnd,
                            Instant.ofEpochSecond(1_700_000_000L + rnd.nextInt(100_000_000))
                                    .toString()
                                    .replace("Z", "")))
                    .append(',')
                    .append(maybe(
                            rnd,
                            switch (rnd.nextInt(4)) {
                                case 0 -> "\"a,b\"";
                                case 1 -> "\"x y\"";
                                case 2 -> "zo\u00eb";
                                default -> "s" + rnd.nextInt(1000);
                            }))
                    .append(crlf ? "\r\n" : "\n");
        }
        return sb.toString();
    }

    private static String maybe(Random rnd, String value) {
        return rnd.nextInt(8) == 0 ? "" : value;
    }
}
