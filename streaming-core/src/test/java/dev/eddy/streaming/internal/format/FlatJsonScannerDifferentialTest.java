package dev.eddy.streaming.internal.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The fast JSON path against the full one (Jackson, as before): on random well-formed, odd and malformed records
 * (invalid UTF-8, encoded and escaped lone surrogates, unterminated quotes, nested values, numbers of every shape)
 * and on the fuzz corpus, a record parses exactly when it did before and into exactly the same values.
 */
class FlatJsonScannerDifferentialTest {
    private static final List<ColumnSpec> COLUMNS = List.of(
            new ColumnSpec("id", ValueType.INT),
            new ColumnSpec("n", ValueType.LONG),
            new ColumnSpec("s", ValueType.STRING),
            new ColumnSpec("x", ValueType.DOUBLE),
            new ColumnSpec("b", ValueType.BOOLEAN),
            new ColumnSpec("ts", ValueType.TIMESTAMP));
    private static final String[] NAMES = {"id", "n", "s", "x", "b", "ts", "other", "ID", "s ", "é"};
    private static final String[] VALUES = {
        "0",
        "-0",
        "7",
        "-12",
        "01",
        "2147483647",
        "2147483648",
        "-2147483649",
        "123456789012345678",
        "1234567890123456789",
        "9223372036854775807",
        "9223372036854775808",
        "1.5",
        "1e3",
        "-",
        "+1",
        "1.",
        ".5",
        "true",
        "false",
        "null",
        "nul",
        "truex",
        "\"\"",
        "\"abc\"",
        "\"a\\\"b\"",
        "\"a\\u00e9\"",
        "\"\\ud800\"",
        "\"\\ud83d\\ude00\"",
        "\"zo\u00eb\"",
        "\"\ud83d\ude00\"",
        "\"2026-01-01T00:00:00Z\"",
        "\"2026-01-01 00:00:00\"",
        "\"not a time\"",
        "{}",
        "{\"k\":[1,2]}",
        "[1,\"x\"]",
        "\"unterminated",
        "\"tab\there\"",
        "1700000000123",
        "-9223372036854775",
        "NaN",
        "'x'"
    };
    private static final byte[][] BAD_BYTES = {
        {(byte) 0xC0, (byte) 0xAF},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0x80},
        {(byte) 0xFF},
        {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
        {0},
        {(byte) 0xE2, (byte) 0x82}
    };

    private final JsonLinesParser full = new JsonLinesParser(COLUMNS);
    private final FlatJsonScanner fast = new FlatJsonScanner(COLUMNS);
    private final TextFormats.RecordParser parser = TextFormats.parser("json", COLUMNS, CsvOptions.DEFAULT);
    private final ParsedRow expected = new ParsedRow(COLUMNS);
    private final ParsedRow actual = new ParsedRow(COLUMNS);
    private int fastAccepted;
    private int fullAccepted;

    @Test
    void when_randomRecordsAreParsed_then_theFastPathAgreesWithTheFullParser() {
        Random rnd = new Random(16);
        for (int i = 0; i < 200_000; i++) {
            compare(record(rnd));
        }
        // the comparison is not vacuous: most well-formed records take the fast path, and many records are corrupt
        assertThat(fastAccepted).isGreaterThan(20_000);
        assertThat(fullAccepted).isGreaterThan(fastAccepted).isLessThan(190_000);
    }

    @Test
    void when_theFuzzCorpusIsParsed_wholeAndLineByLine_then_theFastPathAgreesWithTheFullParser() throws IOException {
        Path corpus = Path.of("src/test/resources/dev/eddy/streaming/internal/source/file/TextRecordsFuzzTestInputs");
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(f);
                compare(bytes);
                int start = 0;
                for (int i = 0; i <= bytes.length; i++) {
                    if (i == bytes.length || bytes[i] == '\n') {
                        compare(Arrays.copyOfRange(bytes, start, i));
                        start = i + 1;
                    }
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Test
    void when_theRecordIsTheCommonFlatShape_then_theFastPathTakesIt() {
        byte[] r = "{\"id\":1,\"n\":-5,\"s\":\"zo\u00eb\",\"x\":3,\"b\":true,\"ts\":1700000000,\"other\":\"y\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(fast.parse(r, 0, r.length, actual)).isTrue();
        assertThat(Arrays.asList(
                        actual.get(0), actual.get(1), actual.get(2), actual.get(3), actual.get(4), actual.get(5)))
                .containsExactly(1, -5L, "zo\u00eb", 3.0, true, 1_700_000_000_000_000L);
    }

    @Test
    void when_theStringColumnIsNotRead_then_theFullParsersRecordsParse_intoItsOtherValues_andNoStringIsMade() {
        FlatJsonScanner pruned = new FlatJsonScanner(COLUMNS);
        pruned.skipText(new boolean[] {true, false, true, false, false, true}); // s; id and ts are not text: kept
        ParsedRow got = new ParsedRow(COLUMNS);
        Random rnd = new Random(1616);
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            byte[] r = record(rnd);
            boolean all = fast.parse(r, 0, r.length, actual);
            boolean took = pruned.parse(r, 0, r.length, got);
            String shown = Utf8Text.escaped(r, 0, r.length);
            // pruned, it takes every record it took before, and more (a nested value nobody reads)
            assertThat(took || !all).as(shown).isTrue();
            if (took) {
                accepted++;
                assertThat(Utf8Text.isValid(r) && full.parse(r, expected))
                        .as("pruned fast path took a record the full parser rejects: %s", shown)
                        .isTrue();
                assertThat(got.strings[2]).isNull();
                assertThat(got.isSet[2]).isFalse();
                for (int c : new int[] {0, 1, 3, 4, 5}) {
                    assertThat(got.get(c)).as(shown).isEqualTo(expected.get(c));
                }
            }
        }
        assertThat(accepted).isGreaterThan(20_000);
    }

    private void compare(byte[] record) {
        boolean before = Utf8Text.isValid(record) && full.parse(record, expected);
        boolean took = fast.parse(record, 0, record.length, actual);
        String shown = Utf8Text.escaped(record, 0, record.length);
        if (took) {
            fastAccepted++;
            assertThat(before)
                    .as("fast path took a record the full parser rejects: %s", shown)
                    .isTrue();
            assertSameRow(shown);
        }
        boolean now = parser.parse(record, actual);
        assertThat(now).as("parsed or corrupt: %s", shown).isEqualTo(before);
        if (before) {
            fullAccepted++;
            assertSameRow(shown);
        }
        String text = Utf8Text.decodeOrNull(record); // a file's line: decoded, then parsed as text
        if (took) {
            assertThat(text != null && full.parse(text, expected))
                    .as("as text: %s", shown)
                    .isTrue();
            fast.parse(record, 0, record.length, actual);
            assertSameRow(shown);
        }
    }

    private void assertSameRow(String shown) {
        List<Object> want = new ArrayList<>();
        List<Object> got = new ArrayList<>();
        for (int c = 0; c < COLUMNS.size(); c++) {
            want.add(expected.get(c));
            got.add(actual.get(c));
        }
        assertThat(got).as("values of %s", shown).isEqualTo(want);
    }

    /** A record from pieces that are mostly right and sometimes wrong in every way a record can be. */
    private static byte[] record(Random rnd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, space(rnd));
        if (rnd.nextInt(40) != 0) {
            out.write('{');
        }
        int fields = rnd.nextInt(8);
        for (int f = 0; f < fields; f++) {
            if (f > 0 && rnd.nextInt(60) != 0) {
                out.write(',');
            }
            write(out, space(rnd));
            String name = rnd.nextInt(4) == 0
                    ? NAMES[rnd.nextInt(NAMES.length)]
                    : COLUMNS.get(rnd.nextInt(6)).name();
            write(out, rnd.nextInt(80) == 0 ? name : "\"" + name + "\"");
            write(out, space(rnd) + (rnd.nextInt(60) == 0 ? "" : ":") + space(rnd));
            write(out, rnd.nextInt(3) == 0 ? VALUES[rnd.nextInt(VALUES.length)] : typical(rnd, name));
            write(out, space(rnd));
            if (rnd.nextInt(50) == 0) {
                out.writeBytes(BAD_BYTES[rnd.nextInt(BAD_BYTES.length)]);
            }
        }
        if (rnd.nextInt(40) != 0) {
            out.write('}');
        }
        if (rnd.nextInt(30) == 0) {
            write(out, rnd.nextBoolean() ? "{}" : "x");
        }
        write(out, space(rnd));
        byte[] b = out.toByteArray();
        if (rnd.nextInt(25) == 0 && b.length > 0) { // a string with invalid UTF-8 inside
            int at = rnd.nextInt(b.length);
            byte[] bad = BAD_BYTES[rnd.nextInt(BAD_BYTES.length)];
            byte[] c = new byte[b.length + bad.length];
            System.arraycopy(b, 0, c, 0, at);
            System.arraycopy(bad, 0, c, at, bad.length);
            System.arraycopy(b, at, c, at + bad.length, b.length - at);
            b = c;
        }
        return b;
    }

    private static String typical(Random rnd, String name) {
        return switch (name) {
            case "id" -> Integer.toString(rnd.nextInt(2000) - 1000);
            case "n", "ts" -> Long.toString(rnd.nextLong() >> rnd.nextInt(64));
            case "x" -> Integer.toString(rnd.nextInt());
            case "b" -> Boolean.toString(rnd.nextBoolean());
            default -> "\"" + "abc\u00e9\ud83d\ude00 \u20ac".substring(0, rnd.nextInt(9)) + "\"";
        };
    }

    private static String space(Random rnd) {
        return switch (rnd.nextInt(12)) {
            case 0 -> " ";
            case 1 -> "\t";
            case 2 -> "\r\n ";
            case 3 -> "\u000B";
            default -> "";
        };
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
