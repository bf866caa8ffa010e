package dev.eddy.streaming.internal.format;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded random JSON records for the differential tests of decoding: every column type, escapes, unicode, nesting,
 * missing, extra and duplicate fields, numbers at the edges of long and double, malformed and truncated records and
 * invalid UTF-8.
 */
final class RandomJsonRecords {
    /** The columns the records are about: one of every column type, j for nested values read as text. */
    static final List<ColumnSpec> COLUMNS = List.of(
            new ColumnSpec("i", ValueType.INT),
            new ColumnSpec("l", ValueType.LONG),
            new ColumnSpec("d", ValueType.DOUBLE),
            new ColumnSpec("b", ValueType.BOOLEAN),
            new ColumnSpec("s", ValueType.STRING),
            new ColumnSpec("t", ValueType.TIMESTAMP),
            new ColumnSpec("j", ValueType.STRING));

    private static final String[] EXTRA_NAMES = {"x", "nested", "I", "\u00fc", "s ", ""};
    private static final String[] NUMBERS = {
        "0",
        "-0",
        "0.0",
        "-0.0",
        "01",
        "-01",
        "1.",
        ".5",
        "+1",
        "-",
        "1e",
        "1e+",
        "1E5",
        "1e-5",
        "2.5E+3",
        "1e309",
        "-1e309",
        "4.9e-324",
        "2.2250738585072014E-308",
        "1.7976931348623157e308",
        "2147483647",
        "2147483648",
        "-2147483648",
        "-2147483649",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775808",
        "-9223372036854775809",
        "999999999999999999",
        "1000000000000000000",
        "9007199254740993",
        "0.1",
        "0.30000000000000004",
        "123456789012345.6",
        "1234567890123456.7",
        "1.23456789012345678901234567890",
        "1e22",
        "1e23",
        "1e-22",
        "1e-23",
        "3.4028235e38",
        "00",
        "1.5e00005",
        "NaN",
        "Infinity",
        "-Infinity",
        "0x10",
        "1_000"
    };
    private static final String[] STRING_PIECES = {
        "a",
        "Z",
        " ",
        "0",
        "\u00e9",
        "\u20ac",
        "\ud83d\ude00",
        "\\n",
        "\\t",
        "\\\"",
        "\\\\",
        "\\/",
        "\\b",
        "\\f",
        "\\r",
        "\\u00e9",
        "\\u0000",
        "\\u001f",
        "\\ud83d\\ude00",
        "\\u00E9",
        ",",
        ":",
        "{",
        "}",
        "[",
        "]",
        "'"
    };
    /** Not a JSON string's text: lone escaped surrogates, invalid escapes, raw control characters. */
    private static final String[] BAD_STRING_PIECES = {
        "\\ud800", "\\udc00", "\\ud800x", "\\x", "\\u12", "\\U0041", "\t", "\u0001", "\\'"
    };

    private static final String[] TIMES = {
        "\"2026-01-01T00:00:00Z\"",
        "\"2026-01-01 00:00:00\"",
        "\"2026-12-31T23:59:59.123456Z\"",
        "\"2026-01-01\"",
        "\"not a time\"",
        "\"\"",
        "1700000000123",
        "-1",
        "9223372036854775",
        "9223372036854776",
        "1.5",
        "\"2026-01-01T00:00:00\\u005a\""
    };
    private static final byte[][] BAD_BYTES = {
        {(byte) 0xC0, (byte) 0xAF},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0x80},
        {(byte) 0xFF},
        {0},
        {(byte) 0xE2, (byte) 0x82}
    };

    private RandomJsonRecords() {}

    /** A record from pieces that are mostly right and sometimes wrong in every way a record can be. */
    static byte[] record(Random rnd) {
        StringBuilder out = new StringBuilder();
        out.append(space(rnd));
        if (rnd.nextInt(60) != 0) {
            out.append('{');
        }
        int fields = rnd.nextInt(10);
        for (int f = 0; f < fields; f++) {
            if (f > 0 && rnd.nextInt(80) != 0) {
                out.append(',');
            }
            out.append(space(rnd));
            String name = rnd.nextInt(5) == 0
                    ? EXTRA_NAMES[rnd.nextInt(EXTRA_NAMES.length)]
                    : COLUMNS.get(rnd.nextInt(COLUMNS.size())).name();
            if (rnd.nextInt(100) == 0) {
                name = name + "\\u0020"; // an escaped name
            }
            out.append('"').append(name).append('"');
            out.append(space(rnd)).append(rnd.nextInt(100) == 0 ? "" : ":").append(space(rnd));
            out.append(rnd.nextInt(12) == 0 ? anyValue(rnd, 0) : typical(rnd, name));
            out.append(space(rnd));
        }
        if (rnd.nextInt(60) != 0) {
            out.append('}');
        }
        if (rnd.nextInt(60) == 0) {
            out.append(rnd.nextBoolean() ? "{}" : "x");
        }
        out.append(space(rnd));
        byte[] b = out.toString().getBytes(StandardCharsets.UTF_8);
        if (rnd.nextInt(15) == 0 && b.length > 1) { // truncated
            b = Arrays.copyOf(b, rnd.nextInt(b.length));
        }
        if (rnd.nextInt(40) == 0 && b.length > 0) { // invalid UTF-8 somewhere
            ByteArrayOutputStream c = new ByteArrayOutputStream();
            int at = rnd.nextInt(b.length);
            c.write(b, 0, at);
            c.writeBytes(BAD_BYTES[rnd.nextInt(BAD_BYTES.length)]);
            c.write(b, at, b.length - at);
            b = c.toByteArray();
        }
        return b;
    }

    private static String typical(Random rnd, String name) {
        return switch (name) {
            case "i" -> Integer.toString(rnd.nextInt(3) == 0 ? rnd.nextInt() : rnd.nextInt(2000) - 1000);
            case "l" -> Long.toString(rnd.nextLong() >> rnd.nextInt(64));
            case "d" -> decimal(rnd);
            case "b" -> rnd.nextBoolean() ? "true" : "false";
            case "t" ->
                rnd.nextInt(4) != 0
                        ? Long.toString(1_700_000_000_000L + rnd.nextInt())
                        : TIMES[rnd.nextInt(TIMES.length)];
            case "j" -> rnd.nextBoolean() ? nested(rnd, 0) : string(rnd);
            default -> string(rnd);
        };
    }

    private static String decimal(Random rnd) {
        return switch (rnd.nextInt(12)) {
            case 0, 6, 7 -> Double.toString(rnd.nextDouble() * Math.pow(10, rnd.nextInt(40) - 20)); // e.g. 1.0E-5
            case 1 -> Double.toString(Double.longBitsToDouble(rnd.nextLong()) % 1e300); // any bits, may be NaN text
            case 2, 8, 9 -> (rnd.nextBoolean() ? "-" : "") + rnd.nextInt(100_000) + "." + rnd.nextInt(1000);
            case 3, 10 -> Integer.toString(rnd.nextInt());
            case 4 -> NUMBERS[rnd.nextInt(NUMBERS.length)];
            default -> rnd.nextInt(1000) + "e" + (rnd.nextInt(700) - 350);
        };
    }

    private static String string(Random rnd) {
        StringBuilder sb = new StringBuilder("\"");
        int n = rnd.nextInt(8);
        for (int k = 0; k < n; k++) {
            int kind = rnd.nextInt(40);
            sb.append(
                    kind == 0
                            ? BAD_STRING_PIECES[rnd.nextInt(BAD_STRING_PIECES.length)]
                            : kind < 15
                                    ? STRING_PIECES[rnd.nextInt(STRING_PIECES.length)]
                                    : "abc xyz".substring(rnd.nextInt(7)));
        }
        return sb.append(rnd.nextInt(200) == 0 ? "" : "\"").toString();
    }

    private static String nested(Random rnd, int depth) {
        boolean object = rnd.nextBoolean();
        StringBuilder sb = new StringBuilder(object ? "{" : "[");
        int n = rnd.nextInt(4);
        for (int k = 0; k < n; k++) {
            if (k > 0) {
                sb.append(rnd.nextInt(100) == 0 ? "" : ",");
            }
            sb.append(space(rnd));
            if (object) {
                sb.append(string(rnd)).append(rnd.nextInt(100) == 0 ? "" : ":");
            }
            sb.append(anyValue(rnd, depth + 1)).append(space(rnd));
        }
        if (rnd.nextInt(100) == 0) {
            sb.append(',');
        }
        return sb.append(rnd.nextInt(100) == 0 ? "" : object ? "}" : "]").toString();
    }

    private static String anyValue(Random rnd, int depth) {
        return switch (rnd.nextInt(depth < 4 ? 9 : 7)) {
            case 0 -> NUMBERS[rnd.nextInt(NUMBERS.length)];
            case 1 -> decimal(rnd);
            case 2 -> string(rnd);
            case 3 -> TIMES[rnd.nextInt(TIMES.length)];
            case 4 -> new String[] {"true", "false", "null", "nul", "True", "truex"}[rnd.nextInt(6)];
            case 5 -> Long.toString(rnd.nextLong());
            case 6 -> Integer.toString(rnd.nextInt(100));
            default -> nested(rnd, depth);
        };
    }

    private static String space(Random rnd) {
        return switch (rnd.nextInt(300)) {
            case 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19 -> " ";
            case 20, 21, 22, 23, 24 -> "\t";
            case 25, 26, 27, 28, 29 -> "\r\n ";
            case 30 -> "\u000B"; // not JSON white space
            case 31 -> "\f";
            default -> "";
        };
    }
}
