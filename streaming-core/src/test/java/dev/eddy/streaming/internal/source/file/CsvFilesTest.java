package dev.eddy.streaming.internal.source.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.internal.format.ColumnSpec;
import dev.eddy.streaming.internal.format.CsvOptions;
import dev.eddy.streaming.internal.format.ParsedRow;
import dev.eddy.streaming.internal.format.TextFormats;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * CSV files read into one batch: the one-pass path (lines without quotes from their bytes straight into the row)
 * against the record path CSV streams took before it (every record decoded, then parsed), on random files with
 * quoted fields over several lines, stray quotes, blank lines, CR/LF, bytes that are not UTF-8 and wrong field
 * counts; and Spark's modes, corrupt-record column and null value.
 */
class CsvFilesTest {
    private static final Schema SCHEMA = Schema.of(List.of(
            Field.of("id", DataType.INT),
            Field.of("n", DataType.LONG),
            Field.of("s", DataType.STRING),
            Field.of("x", DataType.DOUBLE),
            Field.of("b", DataType.BOOLEAN),
            Field.of("ts", DataType.TIMESTAMP),
            Field.of(TextFormats.CORRUPT_RECORD, DataType.STRING)));
    private static final String[] FIELDS = {
        "",
        "7",
        "-12",
        "+5",
        " 5",
        "2147483648",
        "1.5",
        ".5",
        "1e3",
        "true",
        "FALSE",
        "yes",
        "abc",
        "zo\u00eb",
        "2026-01-01T00:00:00Z",
        "\"q\"",
        "\"a,b\"",
        "\"x\ny\"",
        "a\"b",
        "\"\"",
        "\"open",
        "NA",
        "\\",
        "\"say \"\"hi\"\"\""
    };

    @Test
    void when_randomFilesAreRead_then_theOnePassPathAgreesWithTheRecordPath() throws IOException {
        Random rnd = new Random(21);
        long rows = 0;
        for (int i = 0; i < 400; i++) {
            CsvOptions options = CsvOptions.from(
                    Map.of("header", Boolean.toString(rnd.nextBoolean()), "nullValue", rnd.nextBoolean() ? "NA" : ""));
            byte[] file = randomFile(rnd);
            Batch got = CsvFiles.read(new ByteArrayInputStream(file), "f", SCHEMA, options)
                    .batch();
            assertThat(got.toRows())
                    .as("file %d:%n%s", i, new String(file, StandardCharsets.ISO_8859_1))
                    .isEqualTo(recordPath(file, options).toRows());
            rows += got.numRows();
        }
        assertThat(rows).isGreaterThan(10_000);
    }

    @Test
    void when_modeIsPermissive_then_aMalformedRecordIsARowOfNullsWithItsTextInTheDeclaredColumn() throws IOException {
        Schema schema = Schema.of(List.of(
                Field.of("id", DataType.INT), Field.of("bad", DataType.STRING), Field.of("name", DataType.STRING)));
        CsvOptions options = CsvOptions.from(Map.of("columnNameOfCorruptRecord", "bad"));
        CsvFiles.Result r = read("1,ann\nx,bob\n3,cy,extra\n4,dee\n", schema, options);
        assertThat(rows(r.batch()))
                .containsExactly(
                        List.of(1, "null", "ann"),
                        List.of("null", "x,bob", "bob"), // Spark's partial results: the values that parsed
                        List.of(3, "3,cy,extra", "cy"), // another number of fields: Spark's partial row too
                        List.of(4, "null", "dee"));
        assertThat(r.malformed()).isEqualTo(2);
    }

    @Test
    void when_noCorruptColumnIsDeclared_then_aMalformedRecordIsARowOfNulls() throws IOException {
        Schema schema = Schema.of(List.of(Field.of("id", DataType.INT), Field.of("name", DataType.STRING)));
        CsvFiles.Result r = read("1,ann\nx,bob\n", schema, CsvOptions.DEFAULT);
        assertThat(rows(r.batch())).containsExactly(List.of(1, "ann"), List.of("null", "bob"));
    }

    @Test
    void when_modeIsDropMalformed_then_malformedRecordsAreLeftOutAndCounted() throws IOException {
        Schema schema = Schema.of(List.of(Field.of("id", DataType.INT), Field.of("name", DataType.STRING)));
        CsvFiles.Result r = read(
                "1,ann\nx,bob\n\"2\",\"c,d\"\n3,\"open\n", schema, CsvOptions.from(Map.of("mode", "dropmalformed")));
        // a quote never closed runs to the end of its line (multiLine is off): "open" is a value
        assertThat(rows(r.batch())).containsExactly(List.of(1, "ann"), List.of(2, "c,d"), List.of(3, "open"));
        assertThat(r.malformed()).isEqualTo(1);
    }

    @Test
    void when_modeIsFailFast_then_theFirstMalformedRecordStopsTheReadWithItsNumberAndText() {
        Schema schema = Schema.of(List.of(Field.of("id", DataType.INT), Field.of("name", DataType.STRING)));
        assertThatThrownBy(() -> read(
                        "id,name\n1,ann\nx,bob\n",
                        schema,
                        CsvOptions.from(Map.of("mode", "FAILFAST", "header", "true"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("test.csv: malformed CSV record 2 (mode FAILFAST): x,bob");
    }

    @Test
    void when_nullValueAndEscapeAreGiven_then_thatTextIsNullAndEscapedQuotesAreKept() throws IOException {
        Schema schema = Schema.of(List.of(Field.of("id", DataType.INT), Field.of("name", DataType.STRING)));
        CsvFiles.Result r = read(
                "NA,ann\n2,NA\n3,\"say \\\"hi\\\"\"\n",
                schema,
                CsvOptions.from(Map.of("nullvalue", "NA", "escape", "\\")));
        assertThat(rows(r.batch()))
                .containsExactly(List.of("null", "ann"), List.of(2, "null"), List.of(3, "say \"hi\""));
    }

    @Test
    void when_theModeIsUnknown_then_theOptionsSaySo() {
        assertThatThrownBy(() -> CsvOptions.from(Map.of("mode", "lenient")))
                .hasMessage("option 'mode' must be PERMISSIVE, DROPMALFORMED or FAILFAST, got 'lenient'");
    }

    private static CsvFiles.Result read(String text, Schema schema, CsvOptions options) throws IOException {
        return CsvFiles.read(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.csv", schema, options);
    }

    private static List<List<Object>> rows(Batch b) {
        List<List<Object>> out = new ArrayList<>();
        for (int r = 0; r < b.numRows(); r++) {
            List<Object> row = new ArrayList<>();
            for (int c = 0; c < b.numColumns(); c++) {
                row.add(b.column(c).isNull(r) ? "null" : b.column(c).get(r));
            }
            out.add(row);
        }
        return out;
    }

    /** The reference: every record decoded to text and parsed by the record parser, as streams read CSV before. */
    private static Batch recordPath(byte[] file, CsvOptions options) throws IOException {
        List<ColumnSpec> columns = TextFormats.declaredColumns(SCHEMA);
        ParsedRow row = new ParsedRow(columns);
        TextFormats.RecordParser parser = TextFormats.parser("csv", columns, options);
        var out = Batch.builder(SCHEMA);
        new TextFileReader(true, options).forEachRecord(new ByteArrayInputStream(file), (text, malformed) -> {
            if (!malformed && parser.parse(text, row)) {
                TextFormats.write(row, out, 0);
            } else {
                if (!malformed && row.partial) {
                    TextFormats.write(row, out, 0); // Spark's partial results
                }
                out.setString(row.size(), text);
            }
            out.endRow();
        });
        return out.build();
    }

    private static byte[] randomFile(Random rnd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int records = rnd.nextInt(60);
        for (int r = 0; r < records; r++) {
            int n = rnd.nextInt(15) == 0 ? rnd.nextInt(8) : 6;
            StringBuilder sb = new StringBuilder();
            for (int f = 0; f < n; f++) {
                if (f > 0) {
                    sb.append(',');
                }
                sb.append(rnd.nextInt(4) == 0 ? FIELDS[rnd.nextInt(FIELDS.length)] : typical(rnd, f));
            }
            byte[] line = sb.toString().getBytes(StandardCharsets.UTF_8);
            if (rnd.nextInt(40) == 0 && line.length > 0) {
                line = Arrays.copyOf(line, line.length);
                line[rnd.nextInt(line.length)] = (byte) 0xC3; // not UTF-8 (a lead byte alone)
            }
            out.writeBytes(line);
            out.writeBytes(
                    switch (rnd.nextInt(12)) {
                        case 0 -> "\r\n".getBytes(StandardCharsets.US_ASCII);
                        case 1 -> "\n\n".getBytes(StandardCharsets.US_ASCII);
                        case 2 -> "\n  \n".getBytes(StandardCharsets.US_ASCII);
                        case 3 -> "\r".getBytes(StandardCharsets.US_ASCII);
                        default -> "\n".getBytes(StandardCharsets.US_ASCII);
                    });
        }
        return out.toByteArray();
    }

    private static String typical(Random rnd, int f) {
        return switch (f) {
            case 0 -> Integer.toString(rnd.nextInt(2000) - 1000);
            case 1 -> Long.toString(rnd.nextLong() >> rnd.nextInt(64));
            case 3 -> rnd.nextInt(1000) + "." + rnd.nextInt(100);
            case 4 -> Boolean.toString(rnd.nextBoolean());
            case 5 -> "2026-01-0" + (1 + rnd.nextInt(9)) + "T00:00:00Z";
            default -> "s" + rnd.nextInt(100);
        };
    }
}
