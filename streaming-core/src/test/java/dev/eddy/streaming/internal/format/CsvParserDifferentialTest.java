package dev.eddy.streaming.internal.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * CSV records read in place (no quotes) against splitting into field strings first (the reference): on random
 * records with every kind of integer text, blanks, signs, non-ASCII digits, wrong field counts and quotes, a record
 * parses exactly when it did and into the same values. The bytes path (a file's line or a topic record, no quotes,
 * ASCII) against the same reference, under several options: what it reads is a record the reference parses, into
 * the same values; what it hands back is left to the reference.
 */
class CsvParserDifferentialTest {
    private static final List<ColumnSpec> COLUMNS = List.of(
            new ColumnSpec("id", ValueType.INT),
            new ColumnSpec("n", ValueType.LONG),
            new ColumnSpec("s", ValueType.STRING),
            new ColumnSpec("x", ValueType.DOUBLE),
            new ColumnSpec("b", ValueType.BOOLEAN),
            new ColumnSpec("ts", ValueType.TIMESTAMP));
    private static final String[] FIELDS = {
        "",
        "0",
        "-0",
        "7",
        "-12",
        "007",
        "+5",
        " 5",
        "5 ",
        "-",
        "2147483647",
        "2147483648",
        "-2147483649",
        "123456789012345678",
        "1234567890123456789",
        "9223372036854775808",
        "9999999999999999999",
        "-99999999999999999999",
        "\u0661\u0662",
        "1.5",
        "1e3",
        "true",
        "FALSE",
        "yes",
        "abc",
        "zo\u00eb",
        "2026-01-01T00:00:00Z",
        "2026-01-01 00:00:00",
        "\"q\"",
        "\"a,b\"",
        "a\"b",
        "\"\"",
        "\r"
    };
    /** Decimals, booleans, null values and escapes the bytes path reads itself or must hand back. */
    private static final String[] MORE = {
        "1.25",
        "-0.5",
        ".5",
        "5.",
        ".",
        "-.",
        "1..2",
        "1.2.3",
        "0.1",
        "-0",
        "123456789012345",
        "1234567890123456",
        "1.0000000000000000000001",
        "1e5",
        "1_0",
        "0x10",
        "NaN",
        "Infinity",
        "TRUE",
        "True",
        "tRuE",
        "t",
        "truee",
        "NA",
        "-",
        "\\",
        "\"a\\\"b\"",
        "\"NA\"",
        "\u00e9",
        ";",
        ",",
        " ",
        "\t"
    };

    @Test
    void when_randomRecordsAreParsed_then_readingInPlaceAgreesWithSplitting() {
        CsvParser parser = new CsvParser(CsvOptions.DEFAULT);
        ParsedRow fast = new ParsedRow(COLUMNS);
        ParsedRow reference = new ParsedRow(COLUMNS);
        Random rnd = new Random(16);
        int parsed = 0;
        for (int i = 0; i < 200_000; i++) {
            int n = rnd.nextInt(20) == 0 ? rnd.nextInt(9) : COLUMNS.size();
            StringBuilder sb = new StringBuilder();
            for (int f = 0; f < n; f++) {
                if (f > 0) {
                    sb.append(',');
                }
                sb.append(rnd.nextInt(3) == 0 ? FIELDS[rnd.nextInt(FIELDS.length)] : typical(rnd, f));
            }
            if (rnd.nextInt(10) == 0) {
                sb.append('\r');
            }
            String record = sb.toString();
            boolean want = parser.parseBySplitting(record, reference);
            boolean got = parser.parse(record, fast);
            assertThat(got).as("parsed or corrupt: %s", record).isEqualTo(want);
            if (want) {
                parsed++;
                assertThat(values(fast)).as("values of %s", record).isEqualTo(values(reference));
            }
        }
        assertThat(parsed).isBetween(20_000, 190_000); // neither side of the comparison is vacuous
    }

    @Test
    void when_randomRecordsAreReadFromBytes_then_theFastPathAgreesWithSplitting() {
        for (CsvOptions options : List.of(
                CsvOptions.DEFAULT,
                CsvOptions.from(Map.of("nullValue", "NA", "escape", "\\")),
                CsvOptions.from(Map.of("sep", ";", "nullValue", "-")))) {
            CsvParser parser = new CsvParser(options);
            ParsedRow fast = new ParsedRow(COLUMNS);
            ParsedRow reference = new ParsedRow(COLUMNS);
            Random rnd = new Random(17);
            int taken = 0;
            int parsed = 0;
            for (int i = 0; i < 50_000; i++) {
                String record = randomRecord(rnd, options.separator());
                byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
                int pad = rnd.nextInt(3); // the record somewhere inside a larger buffer, as a line of a file is
                byte[] buffer = new byte[bytes.length + 2 * pad];
                Arrays.fill(buffer, (byte) options.separator());
                System.arraycopy(bytes, 0, buffer, pad, bytes.length);
                boolean want = parser.parseBySplitting(record, reference);
                parsed += want ? 1 : 0;
                if (parser.parseFast(buffer, pad, bytes.length, fast)) {
                    taken++;
                    assertThat(want)
                            .as("the fast path took a corrupt record: %s", record)
                            .isTrue();
                    assertThat(values(fast)).as("values of %s", record).isEqualTo(values(reference));
                }
            }
            assertThat(taken).as("records the fast path read (%s)", options).isBetween(5_000, parsed);
        }
    }

    @Test
    void when_decimalsAreReadFromBytes_then_theyEqualDoubleParseDouble() {
        CsvParser parser = new CsvParser(CsvOptions.DEFAULT);
        List<ColumnSpec> one = List.of(new ColumnSpec("x", ValueType.DOUBLE));
        ParsedRow row = new ParsedRow(one);
        Random rnd = new Random(18);
        int taken = 0;
        for (int i = 0; i < 100_000; i++) {
            String text = switch (rnd.nextInt(4)) {
                case 0 -> Double.toString(rnd.nextDouble() * Math.pow(10, rnd.nextInt(30) - 15));
                case 1 -> (rnd.nextBoolean() ? "-" : "") + rnd.nextInt(100_000) + "." + rnd.nextInt(1_000_000);
                case 2 -> Long.toString(rnd.nextLong() >> rnd.nextInt(64));
                default -> "0." + "0".repeat(rnd.nextInt(25)) + rnd.nextInt(1000);
            };
            byte[] b = text.getBytes(StandardCharsets.US_ASCII);
            if (parser.parseFast(b, 0, b.length, row)) {
                taken++;
                assertThat(row.doubles[0]).as(text).isEqualTo(Double.parseDouble(text));
            }
        }
        assertThat(taken).isGreaterThan(50_000);
    }

    private static String randomRecord(Random rnd, char sep) {
        int n = rnd.nextInt(20) == 0 ? rnd.nextInt(9) : COLUMNS.size();
        StringBuilder sb = new StringBuilder();
        for (int f = 0; f < n; f++) {
            if (f > 0) {
                sb.append(sep);
            }
            int pick = rnd.nextInt(4);
            sb.append(
                    pick == 0
                            ? FIELDS[rnd.nextInt(FIELDS.length)]
                            : pick == 1 && rnd.nextBoolean() ? MORE[rnd.nextInt(MORE.length)] : typical(rnd, f));
        }
        if (rnd.nextInt(10) == 0) {
            sb.append('\r');
        }
        return sb.toString();
    }

    private static String typical(Random rnd, int f) {
        return switch (f) {
            case 0 -> Integer.toString(rnd.nextInt(2000) - 1000);
            case 1 -> Long.toString(rnd.nextLong() >> rnd.nextInt(64));
            case 3 -> Integer.toString(rnd.nextInt());
            case 4 -> Boolean.toString(rnd.nextBoolean());
            case 5 -> "2026-01-0" + (1 + rnd.nextInt(9)) + "T00:00:00Z";
            default -> "s" + rnd.nextInt(100);
        };
    }

    private static List<Object> values(ParsedRow row) {
        List<Object> out = new ArrayList<>();
        for (int c = 0; c < row.size(); c++) {
            out.add(row.get(c));
        }
        return out;
    }
}
