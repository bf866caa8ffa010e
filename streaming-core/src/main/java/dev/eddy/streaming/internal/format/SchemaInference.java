package dev.eddy.streaming.internal.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Infers column types from a sample. CSV: as Spark does ({@link #inferCsv}). JSON: the narrowest of boolean, int,
 * long, double, timestamp (ISO-8601) and string that holds every sampled value of a field (int and long widen to
 * double; other mixes become string; a field seen only null is string); malformed lines are ignored. The caller
 * fixes the result once; later rows that do not fit are corrupt records, the schema never changes under a running
 * query.
 */
public final class SchemaInference {
    private SchemaInference() {}

    /**
     * CSV, as Spark infers it ({@link CsvTypeInference}): the columns are the first record's (names from it with
     * {@code options.header()}, else {@code _c0, _c1, ...}); every record after it types the columns it has (a
     * shorter or longer record too, as in Spark).
     */
    public static List<ColumnSpec> inferCsv(List<String> records, CsvOptions options) {
        if (records.isEmpty()) {
            return List.of();
        }
        CsvParser parser = new CsvParser(options);
        CsvTypeInference inference = new CsvTypeInference(options);
        List<String> fields = new ArrayList<>();
        parser.split(CsvParser.stripCr(records.get(0)), fields);
        List<String> names = options.header() ? parser.headerNames(records.get(0)) : null;
        int width = fields.size();
        CsvTypeInference.Kind[] kinds = new CsvTypeInference.Kind[width];
        for (int r = options.header() ? 1 : 0; r < records.size(); r++) {
            parser.split(CsvParser.stripCr(records.get(r)), fields);
            for (int c = 0; c < Math.min(width, fields.size()); c++) {
                kinds[c] = inference.next(kinds[c], fields.get(c));
            }
        }
        List<ColumnSpec> out = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            ValueType t = kinds[c] == null ? ValueType.STRING : kinds[c].valueType();
            out.add(new ColumnSpec(names != null ? names.get(c) : "_c" + c, t));
        }
        return out;
    }

    /** JSON lines: top-level fields in alphabetical order, as Spark does. */
    public static List<ColumnSpec> inferJson(List<String> lines) {
        Map<String, ValueType> seen = new TreeMap<>();
        for (String line : lines) {
            Map<String, ValueType> row = jsonTypes(line);
            if (row != null) {
                row.forEach((k, t) -> seen.put(k, ValueType.widen(seen.get(k), t)));
            }
        }
        List<ColumnSpec> out = new ArrayList<>();
        seen.forEach((k, t) -> out.add(new ColumnSpec(k, t == null ? ValueType.STRING : t)));
        return out;
    }

    private static Map<String, ValueType> jsonTypes(String line) {
        Map<String, ValueType> types = new LinkedHashMap<>();
        try (JsonParser p = JsonLinesParser.FACTORY.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                types.put(name, typeOf(p, v));
                p.skipChildren();
            }
            return types;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static ValueType typeOf(JsonParser p, JsonToken v) throws IOException {
        return switch (v) {
            case VALUE_NULL -> null;
            case VALUE_TRUE, VALUE_FALSE -> ValueType.BOOLEAN;
            case VALUE_NUMBER_INT ->
                switch (p.getNumberType()) {
                    case INT -> ValueType.INT;
                    case LONG -> ValueType.LONG;
                    default -> ValueType.DOUBLE;
                };
            case VALUE_NUMBER_FLOAT -> ValueType.DOUBLE;
            case VALUE_STRING ->
                Timestamps.parseMicros(p.getText()) != Timestamps.INVALID ? ValueType.TIMESTAMP : ValueType.STRING;
            default -> ValueType.STRING;
        };
    }
}
