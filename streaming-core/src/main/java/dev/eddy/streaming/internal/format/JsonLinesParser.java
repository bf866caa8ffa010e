package dev.eddy.streaming.internal.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One JSON object per line, read with Jackson's streaming parser. Fields not in the schema are skipped; missing
 * fields and JSON null are null. A nested object or array in a STRING column is kept as its JSON text. The
 * line is corrupt if it is not one object, or a value does not fit its column (e.g. "abc" for an int).
 * TIMESTAMP columns take strings (ISO-8601, or the {@code timestampFormat}) or whole numbers of epoch seconds, as
 * Spark's JSON reader does. A string with a lone surrogate
 * (an escaped high surrogate such as <code>&#92;ud800</code> alone) is not Unicode text, so its line is corrupt too.
 */
public final class JsonLinesParser {
    static final JsonFactory FACTORY = new JsonFactory();

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

    public boolean parse(String line, ParsedRow row) {
        try (JsonParser p = FACTORY.createParser(line)) {
            return parse(p, row);
        } catch (IOException | RuntimeException e) {
            row.reset(); // not JSON: nothing of it is kept
            return false;
        }
    }

    /** The same from UTF-8 bytes, without decoding them into a String first. */
    public boolean parse(byte[] utf8, ParsedRow row) {
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
                String text = v.isStructStart() ? copyStructure(p) : p.getText();
                if (Utf8Text.hasLoneSurrogate(text)) {
                    return false; // a lone escaped surrogate: not Unicode text, so the line is malformed
                }
                row.strings[col] = text;
            }
            case INT, LONG -> {
                if (v != JsonToken.VALUE_NUMBER_INT) {
                    return false;
                }
                long l = p.getLongValue();
                if (type == ValueType.INT && (int) l != l) {
                    return false;
                }
                row.longs[col] = l;
            }
            case DOUBLE -> {
                if (!v.isNumeric()) {
                    return false;
                }
                row.doubles[col] = p.getDoubleValue();
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

    private static String copyStructure(JsonParser p) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            g.copyCurrentStructure(p);
        }
        return w.toString();
    }
}
