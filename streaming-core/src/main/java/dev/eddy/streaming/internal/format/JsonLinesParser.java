package dev.eddy.streaming.internal.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One JSON object per line, read with Jackson's streaming parser under Spark's JSON defaults: single-quoted names
 * and strings ({@code allowSingleQuotes}) and {@code NaN}, {@code Infinity}, {@code -Infinity}, {@code +INF} as
 * numbers ({@code allowNonNumericNumbers}) are read; comments, unquoted names, leading zeros and escapes JSON does
 * not have make the line corrupt. Fields not in the schema are skipped; missing fields and JSON null are null. A
 * STRING column takes any value as its text exactly as the line has it (a nested object or array with its blanks
 * and escapes, a number's digits: Spark's exact string parsing). A value that does not fit its column (e.g.
 * "abc" for an int, a whole number past BIGINT for a BIGINT, a fraction for an INT) leaves it null and makes the
 * line corrupt, the other values still read (Spark's partial results); a DOUBLE column also takes the strings
 * {@code "NaN"}, {@code "Infinity"}, {@code "+Infinity"}, {@code "+INF"}, {@code "-Infinity"} and {@code "-INF"}.
 * TIMESTAMP columns take strings (ISO-8601, or the {@code timestampFormat}) or whole numbers of epoch seconds, as
 * Spark's JSON reader does. A string with a lone surrogate
 * (an escaped high surrogate such as <code>&#92;ud800</code> alone) is not Unicode text, so its line is corrupt too.
 */
public final class JsonLinesParser {
    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES) // Spark's allowSingleQuotes, default true
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // Spark's allowNonNumericNumbers, default true
            .build();

    private final Map<String, Integer> index = new HashMap<>();

    private final DatetimeOptions datetimes;

    public JsonLinesParser(List<ColumnSpec> columns) {
        this(columns, DatetimeOptions.DEFAULT);
    }

    /** A parser reading DATE and TIMESTAMP strings as {@code datetimes} says. */
    public JsonLinesParser(List<ColumnSpec> columns, DatetimeOptions datetimes) {
        this.datetimes = datetimes;
        for (int i = 0; i < columns.size(); i++) {
            index.put(columns.get(i).name(), i);
        }
    }

    /** The line being parsed, as a String or as UTF-8 bytes: a STRING column's nested value is cut from it. */
    private String lineText;

    private byte[] lineBytes;

    public boolean parse(String line, ParsedRow row) {
        lineText = line;
        lineBytes = null;
        try (JsonParser p = FACTORY.createParser(line)) {
            return parse(p, row);
        } catch (IOException | RuntimeException e) {
            row.reset(); // not JSON: nothing of it is kept
            return false;
        }
    }

    /** The same from UTF-8 bytes, without decoding them into a String first. */
    public boolean parse(byte[] utf8, ParsedRow row) {
        lineText = null;
        lineBytes = utf8;
        try (JsonParser p = FACTORY.createParser(utf8)) {
            return parse(p, row);
        } catch (IOException | RuntimeException e) {
            row.reset(); // not JSON: nothing of it is kept
            return false;
        }
    }

    private boolean parse(JsonParser p, ParsedRow row) throws IOException {
        row.reset();
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return false;
        }
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            Integer col = index.get(p.currentName());
            JsonToken v = p.nextToken();
            if (col == null) {
                p.skipChildren();
            } else if (!setValue(p, v, row, col)) {
                // Spark's partial results: this value is left null, the others are still read
                row.partial = true;
                if (v.isStructStart()) {
                    p.skipChildren();
                }
            }
        }
        if (t == JsonToken.END_OBJECT && p.nextToken() == null) {
            return !row.partial;
        }
        row.reset();
        return false;
    }

    private boolean setValue(JsonParser p, JsonToken v, ParsedRow row, int col) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            row.isSet[col] = false;
            return true;
        }
        ValueType type = row.type(col);
        switch (type) {
            case STRING -> {
                if (v.isStructStart()) {
                    row.strings[col] = rawStructure(p); // as written: escapes stay escapes
                } else {
                    String text = p.getText();
                    if (Utf8Text.hasLoneSurrogate(text)) {
                        return false; // a lone escaped surrogate: not Unicode text, so the line is malformed
                    }
                    row.strings[col] = text;
                }
            }
            case INT, LONG -> {
                if (v != JsonToken.VALUE_NUMBER_INT || !fitsLong(p)) {
                    return false;
                }
                long l = p.getLongValue();
                if (type == ValueType.INT && (int) l != l) {
                    return false;
                }
                row.longs[col] = l;
            }
            case DOUBLE -> {
                if (v == JsonToken.VALUE_STRING) {
                    Double special = nonNumeric(p.getText());
                    if (special == null) {
                        return false;
                    }
                    row.doubles[col] = special;
                } else if (!v.isNumeric()) {
                    return false;
                } else {
                    row.doubles[col] = p.getDoubleValue();
                }
            }
            case BOOLEAN -> {
                if (!v.isBoolean()) {
                    return false;
                }
                row.booleans[col] = v == JsonToken.VALUE_TRUE;
            }
            case DATE -> {
                Integer days = v == JsonToken.VALUE_STRING ? datetimes.jsonDays(p.getText()) : null;
                if (days == null) {
                    return false;
                }
                row.longs[col] = days;
            }
            case TIMESTAMP -> {
                if (v == JsonToken.VALUE_NUMBER_INT) {
                    if (!fitsLong(p)) {
                        return false;
                    }
                    long seconds = p.getLongValue();
                    if (Math.abs(seconds) > Long.MAX_VALUE / 1_000_000L) {
                        return false;
                    }
                    row.longs[col] = seconds * 1_000_000L; // epoch seconds, as Spark
                } else if (v == JsonToken.VALUE_STRING) {
                    long micros = datetimes.micros(p.getText());
                    if (micros == Timestamps.INVALID) {
                        return false;
                    }
                    row.longs[col] = micros;
                } else {
                    return false;
                }
            }
        }
        row.isSet[col] = true;
        return true;
    }

    /** A whole number Jackson holds in an int or a long (not a BigInteger: past BIGINT). */
    private static boolean fitsLong(JsonParser p) throws IOException {
        JsonParser.NumberType t = p.getNumberType();
        if (t == JsonParser.NumberType.INT || t == JsonParser.NumberType.LONG) {
            return true;
        }
        // Jackson 2.18 keeps a BigInteger typed but not read as the next number's value (a DOUBLE after it read
        // as this one): reading it settles the parser
        p.getBigIntegerValue();
        return false;
    }

    /** Spark's strings for a DOUBLE column that are not numbers ({@code allowNonNumericNumbers}); null: none. */
    private static Double nonNumeric(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "Infinity", "+Infinity", "+INF" -> Double.POSITIVE_INFINITY;
            case "-Infinity", "-INF" -> Double.NEGATIVE_INFINITY;
            default -> null;
        };
    }

    /**
     * The nested object or array starting at the current token, as the line has it (Spark's exact string parsing),
     * the parser left on its last token.
     */
    private String rawStructure(JsonParser p) throws IOException {
        long start = lineBytes != null
                ? p.currentTokenLocation().getByteOffset()
                : p.currentTokenLocation().getCharOffset();
        p.skipChildren();
        long end = (lineBytes != null
                        ? p.currentTokenLocation().getByteOffset()
                        : p.currentTokenLocation().getCharOffset())
                + 1; // the closing bracket is one byte
        if (start < 0 || end <= start) {
            throw new IllegalStateException("no location of a nested JSON value"); // the caller's corrupt line
        }
        return lineBytes != null
                ? new String(lineBytes, (int) start, (int) (end - start), StandardCharsets.UTF_8)
                : lineText.substring((int) start, (int) end);
    }
}
