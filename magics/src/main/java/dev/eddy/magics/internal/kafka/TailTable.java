package dev.eddy.magics.internal.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Records as a table, decoded like ksqlDB's PRINT: key and value as UTF-8 text, and when every value is a JSON
 * object, one more column per top-level field (so a person sees the data, not only a JSON string). The raw value
 * stays in {@code value}, so nothing is hidden when a field is missing or nested.
 */
final class TailTable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> OWN = Set.of("partition", "offset", "timestamp", "key", "value");

    private TailTable() {}

    /** {@code records} as the Kafka source's raw rows (key, value, topic, partition, offset, timestamp, headers). */
    static Table of(String name, Table records) {
        IntColumn part = records.intColumn("partition").copy();
        LongColumn off = records.longColumn("offset").copy();
        StringColumn ts = StringColumn.create("timestamp");
        InstantColumn times = records.instantColumn("timestamp");
        for (int r = 0; r < times.size(); r++) {
            ts.append(times.isMissing(r) ? null : times.get(r).toString());
        }
        StringColumn key = records.stringColumn("key").copy();
        StringColumn value = records.stringColumn("value").copy();
        List<String> texts = new ArrayList<>();
        for (int r = 0; r < value.size(); r++) {
            texts.add(value.isMissing(r) ? null : value.get(r));
        }
        Table t = Table.create(name, part, off, ts, key, value);
        jsonFields(texts)
                .forEach((field, column) ->
                        t.addColumns(column.setName(OWN.contains(field) ? "value_" + field : field)));
        return t;
    }

    /** One column per top-level field, in first-seen order; empty unless every non-null value is a JSON object. */
    private static Map<String, StringColumn> jsonFields(List<String> values) {
        List<JsonNode> nodes = new ArrayList<>();
        Set<String> fields = new LinkedHashSet<>();
        for (String v : values) {
            JsonNode n = v == null ? null : parse(v);
            if (v != null && (n == null || !n.isObject())) {
                return Map.of();
            }
            nodes.add(n);
            if (n != null) {
                n.fieldNames().forEachRemaining(fields::add);
            }
        }
        Map<String, StringColumn> columns = new LinkedHashMap<>();
        for (String f : fields) {
            StringColumn c = StringColumn.create(f);
            for (JsonNode n : nodes) {
                JsonNode x = n == null ? null : n.get(f);
                c.append(x == null || x.isNull() ? null : x.isValueNode() ? x.asText() : x.toString());
            }
            columns.put(f, c);
        }
        return columns;
    }

    private static JsonNode parse(String v) {
        try {
            return JSON.readTree(v);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
