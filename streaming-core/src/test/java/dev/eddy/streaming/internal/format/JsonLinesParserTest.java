package dev.eddy.streaming.internal.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesParserTest {
    private final List<ColumnSpec> cols = List.of(
            new ColumnSpec("id", ValueType.LONG),
            new ColumnSpec("name", ValueType.STRING),
            new ColumnSpec("ts", ValueType.TIMESTAMP),
            new ColumnSpec("n", ValueType.INT),
            new ColumnSpec("x", ValueType.DOUBLE));
    private final JsonLinesParser parser = new JsonLinesParser(cols);
    private final ParsedRow row = new ParsedRow(cols);

    @Test
    void when_objectHasExtraMissingAndNestedFields_then_theyAreSkippedNullOrKeptAsJson() {
        assertThat(parser.parse("{\"id\":5,\"other\":{\"a\":[1,2]},\"name\":{\"k\":[1,\"v\"]},\"x\":2}", row))
                .isTrue();
        assertThat(row.get(0)).isEqualTo(5L);
        assertThat(row.get(1)).isEqualTo("{\"k\":[1,\"v\"]}");
        assertThat(row.get(2)).isNull();
        assertThat(row.get(4)).isEqualTo(2.0);
    }

    /**
     * Spark 4.2's answers (the session 13 probe, sql/README.md Proof) for these lines read with the schema {@code s
     * STRING, n BIGINT, d DOUBLE, x INT}: nested values as the line writes them, partial results for a value that does
     * not fit, single quotes and non-numeric numbers read, comments, unquoted names, leading zeros and bad escapes
     * corrupt.
     */
    @Test
    void when_linesHoldShapesSparkReadsItsOwnWay_then_theyReadAsInSpark() {
        List<ColumnSpec> c = List.of(
                new ColumnSpec("s", ValueType.STRING),
                new ColumnSpec("n", ValueType.LONG),
                new ColumnSpec("d", ValueType.DOUBLE),
                new ColumnSpec("x", ValueType.INT));
        JsonLinesParser p = new JsonLinesParser(c);
        ParsedRow r = new ParsedRow(c);
        for (boolean bytes : new boolean[] {false, true}) {
            assertRow(
                    p,
                    r,
                    bytes,
                    "{\"s\": {\"a\": 1,  \"b\": [1, 2]}, \"n\": 12345678901234567890, \"d\": 12345678901234567890, \"x\": 1}",
                    false,
                    "{\"a\": 1,  \"b\": [1, 2]}",
                    null,
                    1.2345678901234567E19,
                    1);
            assertRow(
                    p,
                    r,
                    bytes,
                    "{\"s\": [1, \"x\" ,null], \"n\": 1.5, \"d\": 1e400, \"x\": 2}",
                    false,
                    "[1, \"x\" ,null]",
                    null,
                    Double.POSITIVE_INFINITY,
                    2);
            assertRow(
                    p,
                    r,
                    bytes,
                    "{\"s\": 1.50, \"n\": 9223372036854775807, \"d\": -0.0, \"x\": 3}",
                    true,
                    "1.50",
                    Long.MAX_VALUE,
                    -0.0,
                    3);
            assertRow(
                    p,
                    r,
                    bytes,
                    "{\"s\": true, \"n\": -9223372036854775809, \"d\": 1E2, \"x\": 4}",
                    false,
                    "true",
                    null,
                    100.0,
                    4);
            assertRow(
                    p,
                    r,
                    bytes,
                    "{\"s\": \"plain\", \"n\": 10, \"d\": \"1.5\", \"x\": 5}",
                    false,
                    "plain",
                    10L,
                    null,
                    5);
            assertRow(
                    p,
                    r,
                    bytes,
                    "{'s': 'single', \"n\": 11, \"d\": NaN, \"x\": 6}",
                    true,
                    "single",
                    11L,
                    Double.NaN,
                    6);
            assertRow(
                    p,
                    r,
                    bytes,
                    "{\"s\": \"c\", \"n\": 12, \"d\": Infinity, \"x\": 7} ",
                    true,
                    "c",
                    12L,
                    Double.POSITIVE_INFINITY,
                    7);
            assertRow(
                    p,
                    r,
                    bytes,
                    "{\"s\": \"c\", \"n\": 13, \"d\": +INF, \"x\": 9}",
                    true,
                    "c",
                    13L,
                    Double.POSITIVE_INFINITY,
                    9);
            assertRow(
                    p,
                    r,
                    bytes,
                    "{\"s\": {\"deep\": {\"x\": \"é\\u00e9\"}}, \"n\": 1e2, \"d\": 3, \"x\": 13}",
                    false,
                    "{\"deep\": {\"x\": \"é\\u00e9\"}}",
                    null,
                    3.0,
                    13);
            assertRow(
                    p,
                    r,
                    bytes,
                    "{\"s\": [], \"n\": 17, \"d\": 12345678901234567890123456789012345678901234567890, \"x\": 14}",
                    true,
                    "[]",
                    17L,
                    1.2345678901234567E49,
                    14);
            for (String corrupt : List.of(
                    "{\"s\": \"c\", \"n\": 012, \"d\": -Infinity, \"x\": 8}",
                    "{\"s\": \"c\" /* comment */, \"n\": 14, \"d\": 1, \"x\": 10}",
                    "{s: \"unquoted\", \"n\": 15, \"d\": 1, \"x\": 11}",
                    "{\"s\": \"a\\qb\", \"n\": 16, \"d\": 1.0E-400, \"x\": 12}")) {
                assertRow(p, r, bytes, corrupt, false, null, null, null, null);
            }
        }
    }

    /** Spark 4.2's answers for the schema {@code s STRING, d DOUBLE, x INT} (the session 13 probe). */
    @Test
    void when_aDoubleColumnHoldsNonNumericStrings_then_SparksSixAreRead() {
        List<ColumnSpec> c = List.of(
                new ColumnSpec("s", ValueType.STRING),
                new ColumnSpec("d", ValueType.DOUBLE),
                new ColumnSpec("x", ValueType.INT));
        JsonLinesParser p = new JsonLinesParser(c);
        ParsedRow r = new ParsedRow(c);
        assertRow(
                p,
                r,
                false,
                "{\"s\": {\"k\": \"\\ud800\"}, \"d\": \"NaN\", \"x\": 1}",
                true,
                "{\"k\": \"\\ud800\"}",
                Double.NaN,
                1);
        assertRow(p, r, false, "{\"s\": \"a\", \"d\": \"Infinity\", \"x\": 2}", true, "a", Double.POSITIVE_INFINITY, 2);
        assertRow(p, r, false, "{\"s\": \"a\", \"d\": \"+INF\", \"x\": 3}", true, "a", Double.POSITIVE_INFINITY, 3);
        assertRow(p, r, false, "{\"s\": \"a\", \"d\": \"-INF\", \"x\": 4}", true, "a", Double.NEGATIVE_INFINITY, 4);
        assertRow(
                p, r, false, "{\"s\": \"a\", \"d\": \"+Infinity\", \"x\": 5}", true, "a", Double.POSITIVE_INFINITY, 5);
        assertRow(
                p, r, false, "{\"s\": \"a\", \"d\": \"-Infinity\", \"x\": 6}", true, "a", Double.NEGATIVE_INFINITY, 6);
        assertRow(p, r, false, "{\"s\": \"a\", \"d\": \"INF\", \"x\": 7}", false, "a", null, 7);
        assertRow(p, r, false, "{\"s\": \"a\", \"d\": \"nan\", \"x\": 8}", false, "a", null, 8);
        assertRow(p, r, false, "{\"s\": \"a\", \"d\": -0, \"x\": \"7\"}", false, "a", 0.0, null);
        assertRow(p, r, false, "{\"s\": \"a\", \"d\": 1, \"x\": '8'}", false, "a", 1.0, null);
        assertRow(p, r, false, "{\"s\": \"a\", \"d\": 1, \"x\": 7.0}", false, "a", 1.0, null);
        assertRow(p, r, false, "{\"s\": NaN, \"d\": 1, \"x\": 9}", true, "NaN", 1.0, 9);
        assertRow(p, r, false, "{\"s\": -Infinity, \"d\": 1, \"x\": 10}", true, "-Infinity", 1.0, 10);
    }

    /** With {@code multiLine} Spark 4.2 keeps a nested value and a number's text as written too (the probe). */
    @Test
    void when_aMultiLineDocumentHoldsNestedValues_then_theyAreKeptAsWritten() {
        List<ColumnSpec> c = List.of(new ColumnSpec("s", ValueType.STRING), new ColumnSpec("x", ValueType.INT));
        JsonLinesParser p = new JsonLinesParser(c);
        ParsedRow r = new ParsedRow(c);
        List<String> records = JsonDocuments.records(
                "[{\"s\": {\"a\": 1,  \"b\": [1, 2]}, \"x\": 1},\n {\"s\": 1.50, \"x\": 2},"
                        + " {\"s\": 1E2, \"x\": 3}, {\"s\": \"\\u00e9\", \"x\": 4}, {\"s\": {\"k\": \"\\u00e9\\n\"}, \"x\": 5}]\n");
        assertThat(records).hasSize(5);
        Object[][] want = {
            {"{\"a\": 1,  \"b\": [1, 2]}", 1}, {"1.50", 2}, {"1E2", 3}, {"é", 4}, {"{\"k\": \"\\u00e9\\n\"}", 5}
        };
        for (int i = 0; i < want.length; i++) {
            assertRow(p, r, false, records.get(i), true, want[i]);
        }
    }

    private static void assertRow(
            JsonLinesParser p, ParsedRow r, boolean bytes, String line, boolean valid, Object... values) {
        boolean ok = bytes ? p.parse(line.getBytes(StandardCharsets.UTF_8), r) : p.parse(line, r);
        assertThat(ok).as(line).isEqualTo(valid);
        for (int i = 0; i < values.length; i++) {
            assertThat(r.get(i)).as(line + " column " + i).isEqualTo(values[i]);
        }
    }

    @Test
    void when_parsedFromUtf8Bytes_then_sameAsFromText() {
        byte[] utf8 = "{\"id\":9,\"name\":\"zoë\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(parser.parse(utf8, row)).isTrue();
        assertThat(row.get(0)).isEqualTo(9L);
        assertThat(row.get(1)).isEqualTo("zoë");
        assertThat(parser.parse("{\"id\":".getBytes(StandardCharsets.UTF_8), row))
                .isFalse();
    }

    @Test
    void when_aStringHoldsALoneEscapedSurrogate_then_theLineIsMalformed_butAPairIsText() {
        assertThat(parser.parse("{\"id\":1,\"name\":\"a\\ud800\"}", row)).isFalse();
        assertThat(parser.parse("{\"id\":1,\"name\":\"\\udc00b\"}", row)).isFalse();
        assertThat(parser.parse("{\"id\":1,\"name\":{\"k\":\"\\ud800\"}}", row))
                .as("nested, kept as the line has it: the escape stays an escape, as in Spark")
                .isTrue();
        assertThat(row.get(1)).isEqualTo("{\"k\":\"\\ud800\"}");
        assertThat(parser.parse("{\"id\":1,\"name\":\"\\ud83d\\ude00\"}", row)).isTrue();
        assertThat(row.get(1)).isEqualTo(new String(Character.toChars(0x1F600)));
    }

    @Test
    void when_bytesAreNotUtf8_then_theRecordIsMalformedForEveryFormat() {
        byte[] encodedSurrogate = {
            '{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'
        };
        assertThat(TextFormats.parser("json", cols, CsvOptions.DEFAULT).parse(encodedSurrogate, row))
                .isFalse();
        List<ColumnSpec> one = List.of(new ColumnSpec("value", ValueType.STRING));
        ParsedRow r1 = new ParsedRow(one);
        assertThat(TextFormats.parser("text", one, CsvOptions.DEFAULT).parse(new byte[] {'a', (byte) 0xFE}, r1))
                .isFalse();
        assertThat(TextFormats.parser("csv", one, CsvOptions.DEFAULT).parse(new byte[] {(byte) 0xC3}, r1))
                .isFalse();
        assertThat(TextFormats.parser("csv", one, CsvOptions.DEFAULT)
                        .parse("\u00e9".getBytes(StandardCharsets.UTF_8), r1))
                .isTrue();
    }

    @Test
    void when_timestampIsIsoOrEpochSeconds_then_itBecomesMicros_asSparkReadsAJsonNumber() {
        assertThat(parser.parse("{\"ts\":\"2026-01-01T00:00:00.5+01:00\"}", row))
                .isTrue();
        assertThat(row.get(2)).isEqualTo(1_767_222_000_500_000L);
        assertThat(parser.parse("{\"ts\":1000}", row)).isTrue();
        assertThat(row.get(2)).isEqualTo(1_000_000_000L);
    }

    @Test
    void when_lineIsMalformedOrValueDoesNotFit_then_itIsCorrupt() {
        assertThat(parser.parse("{\"id\":1", row)).isFalse();
        assertThat(parser.parse("[1,2]", row)).isFalse();
        assertThat(parser.parse("{\"id\":\"abc\"}", row)).isFalse();
        assertThat(parser.parse("{\"n\":3000000000}", row)).isFalse();
        assertThat(parser.parse("{\"ts\":\"yesterday\"}", row)).isFalse();
        assertThat(parser.parse("{\"id\":1} {\"id\":2}", row)).isFalse();
        assertThat(parser.parse("", row)).isFalse();
        assertThat(parser.parse("{\"id\":null,\"name\":\"ok\"}", row)).isTrue();
        assertThat(row.get(0)).isNull();
    }
}
