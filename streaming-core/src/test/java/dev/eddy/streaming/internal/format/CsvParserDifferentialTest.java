package dev.eddy.streaming.internal.format;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CSV records read in place (no quotes) against splitting into field strings first (the reference): on random
 * records with every kind of integer text, blanks, signs, non-ASCII digits, wrong field counts and quotes, a record
 * parses exactly when it did and into the same values.
 */
class CsvParserDifferentialTest {
    private static final List<ColumnSpec> COLUMNS = List.of(new ColumnSpec("id", ValueType.INT),
            new ColumnSpec("n", ValueType.LONG), new ColumnSpec("s", ValueType.STRING),
            new ColumnSpec("x", ValueType.DOUBLE), new ColumnSpec("b", ValueType.BOOLEAN),
            new ColumnSpec("ts", ValueType.TIMESTAMP));
    private static final String[] FIELDS = {"", "0", "-0", "7", "-12", "007", "+5", " 5", "5 ", "-", "2147483647",
            "2147483648", "-2147483649", "123456789012345678", "1234567890123456789", "9223372036854775808",
            "9999999999999999999", "-99999999999999999999",
            "\u0661\u0662", "1.5", "1e3", "true", "FALSE", "yes", "abc", "zo\u00eb", "2026-01-01T00:00:00Z",
            "2026-01-01 00:00:00", "\"q\"", "\"a,b\"", "a\"b", "\"\"", "\r"};

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
