package dev.eddy.sql.internal.translate;

import dev.eddy.sql.api.Relation;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a SQL connector's {@code WITH} options become the engine's format options (Flink-style DDL on one
 * side, Spark-style reader options on the other).
 *
 * <p>For the log connectors ({@code topic}, {@code kafka}) the declared columns decide what is read:
 * declaring exactly the raw record columns (key, value, topic, partition, offset, timestamp, headers) reads
 * records as they are; any other declaration means "decode the value with {@code 'format'} into these
 * columns", which the engine calls {@code valueFormat}. {@code _corrupt_record} and the record's metadata
 * columns may be declared too: the engine's decoders add them after the value columns.
 */
final class ConnectorMapping {
    static final String CORRUPT_RECORD = "_corrupt_record";
    private static final List<String> RAW_LOG_COLUMNS =
            List.of("key", "value", "topic", "partition", "offset", "timestamp", "headers");
    private static final List<String> LOG_METADATA = List.of("topic", "partition", "offset", "timestamp");

    private ConnectorMapping() {}

    /** The engine's format name: the connector, except that file connectors name their file format. */
    static String format(Relation r) {
        String connector = r.connector();
        return connector.equals("file") ? r.options().getOrDefault("format", "json") : connector;
    }

    /** The engine options of a stream read as a source. */
    static Map<String, String> sourceOptions(Relation r) {
        Map<String, String> o = common(r);
        if (isLog(r)) {
            String valueFormat = o.remove("format");
            if (decodesValues(r)) {
                o.put("valueFormat", valueFormat);
            }
        }
        if (r.connector().equals("kafka")
                && !o.containsKey("subscribe")
                && !o.containsKey("subscribePattern")
                && !o.containsKey("assign")) {
            o.put("subscribe", o.remove("topic"));
        }
        return o;
    }

    /** The engine options of a stream written as a sink (log sinks write rows as JSON values). */
    static Map<String, String> sinkOptions(Relation r) {
        Map<String, String> o = common(r);
        if (isLog(r)) {
            o.remove("format");
        }
        return o;
    }

    private static Map<String, String> common(Relation r) {
        Map<String, String> o = new LinkedHashMap<>(r.options());
        o.remove("connector");
        if (r.connector().equals("kafka")) {
            String servers = o.remove("bootstrap.servers");
            String flinkStyle = o.remove("properties.bootstrap.servers");
            o.put("kafka.bootstrap.servers", servers != null ? servers : flinkStyle);
        }
        return o;
    }

    /** The schema handed to the engine's reader: the declared one, less the columns the decoder adds. */
    static Schema sourceSchema(Relation r) {
        if (!decodesValues(r)) {
            return r.schema();
        }
        List<Field> value = new ArrayList<>();
        // the corrupt-record column may be renamed with Spark's option (the decoder adds it after the values)
        String corrupt = r.options()
                .getOrDefault("columnnameofcorruptrecord", CORRUPT_RECORD)
                .toLowerCase(Locale.ROOT);
        for (Field f : r.schema().fields()) {
            String n = f.name().toLowerCase(Locale.ROOT);
            if (!n.equals(CORRUPT_RECORD) && !n.equals(corrupt) && !LOG_METADATA.contains(n)) {
                value.add(f);
            }
        }
        return value.isEmpty() ? r.schema() : Schema.of(value);
    }

    static boolean decodesValues(Relation r) {
        if (!isLog(r)) {
            return false;
        }
        List<String> declared = new ArrayList<>();
        r.schema().fields().forEach(f -> declared.add(f.name().toLowerCase(Locale.ROOT)));
        return !declared.equals(RAW_LOG_COLUMNS);
    }

    private static boolean isLog(Relation r) {
        return r.connector().equals("topic") || r.connector().equals("kafka");
    }
}
