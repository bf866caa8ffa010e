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
 * Infers column types from a sample: the narrowest of boolean, int, long, double, timestamp (ISO-8601) and
 * string that holds every sampled value of a column (int and long widen to double; other mixes become string;
 * a column seen only empty or null is string). Malformed sample rows are ignored. The caller fixes the result
 * once; later rows that do not fit are corrupt records, the schema never changes under a running query.
 */
public final class SchemaInference {
    private SchemaInference() {}

    /** CSV: names from the header record if {@code options.header()}, else {@code _c0, _c1, ...}. */
    public static List<ColumnSpec> inferCsv(List<String> records, CsvOptions options) {
        CsvParser parser = new CsvParser(options);
        List<String> names = null;
        int first = 0;
        if (options.header() && !records.isEmpty()) {
            names = parser.headerNames(records.get(0));
            first = 1;
        }
        List<ValueType> types = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        for (int r = first; r < records.size(); r++) {
            if (!parser.split(CsvParser.stripCr(records.get(r)), fields)
                    || (names != null && fields.size() != names.size())) {
                continue;
            }
            for (int c = 0; c < fields.size(); c++) {
                ValueType t = fields.get(c) == null ? null : Texts.typeOf(fields.get(c));
                if (c == types.size()) {
                    types.add(t);
                } else {
                    types.set(c, ValueType.widen(types.get(c), t));
                }
            }
        }
        int width = names != null ? names.size() : types.size();
        List<ColumnSpec> out = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            ValueType t = c < types.size() && types.get(c) != null ? types.get(c) : ValueType.STRING;
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
