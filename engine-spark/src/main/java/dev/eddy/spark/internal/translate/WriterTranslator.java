package dev.eddy.spark.internal.translate;

import dev.eddy.spark.api.SparkRefusal;
import dev.eddy.streaming.api.Trigger;
import dev.eddy.streaming.internal.exec.QuerySpec;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.connect.DataStreamWriter;
import org.apache.spark.sql.connect.Dataset;
import org.apache.spark.sql.functions;

/**
 * A writer's settings (what {@code writeStream()...} or an {@code INSERT INTO} configured) as Spark's
 * {@code writeStream}: output mode, trigger, query name, checkpoint location and sink map one to one. A memory sink
 * (the default) becomes Spark's memory sink of the same name, which the live view reads; Kafka sinks write each
 * row as a JSON value, as Eddy's do. Sinks that call back into the kernel (console, foreachBatch) are refused.
 */
public final class WriterTranslator {
    private static final Set<String> FILE_SINKS = Set.of("parquet", "json", "csv");
    private static final Set<String> EDDY_ONLY = Set.of("statesnapshotinterval", "format");

    private WriterTranslator() {}

    /** Checks everything that would make the query unable to run remotely, without a session. */
    public static void check(QuerySpec spec) {
        if (spec.foreachBatch() != null) {
            throw new SparkRefusal(
                    "foreachBatch calls a Java lambda, which runs only in the kernel's JVM",
                    "write to a memory, Kafka or file sink and read that, or run on the embedded engine (%engine local)");
        }
        if (spec.console() != null || "console".equals(spec.format())) {
            throw new SparkRefusal(
                    "the console sink prints on the Spark driver, not in this notebook",
                    "use a memory sink (the default): its live table shows under the cell");
        }
        if (spec.checkpointStore() != null) {
            throw new SparkRefusal(
                    "a checkpoint store object lives in the kernel's JVM",
                    "give a checkpointLocation path the Spark cluster can write to");
        }
        String format = sinkFormat(spec);
        if (!format.equals("memory") && !format.equals("kafka") && !FILE_SINKS.contains(format)) {
            throw new SparkRefusal(
                    "the sink format '" + format + "' has no Spark translation",
                    "use a memory, Kafka or file (parquet, json, csv) sink");
        }
        if (format.equals("memory") && spec.queryName() == null) {
            throw new IllegalArgumentException("a memory sink needs a queryName (the name of its table)");
        }
    }

    public static DataStreamWriter<Row> writer(Dataset<Row> rows, QuerySpec spec) {
        check(spec);
        String format = sinkFormat(spec);
        Dataset<Row> out = format.equals("kafka") ? asKafkaValues(rows) : rows;
        DataStreamWriter<Row> w = out.writeStream()
                .format(format)
                .outputMode(spec.mode().name().toLowerCase(Locale.ROOT))
                .trigger(trigger(spec.trigger()));
        if (spec.queryName() != null) {
            w = w.queryName(spec.queryName());
        }
        if (spec.checkpointLocation() != null) {
            w = w.option("checkpointLocation", spec.checkpointLocation());
        }
        return w.options(sinkOptions(spec, format));
    }

    static org.apache.spark.sql.streaming.Trigger trigger(Trigger t) {
        if (t instanceof Trigger.ProcessingTime p) {
            return org.apache.spark.sql.streaming.Trigger.ProcessingTime(p.intervalMillis());
        }
        if (t instanceof Trigger.AvailableNow) {
            return org.apache.spark.sql.streaming.Trigger.AvailableNow();
        }
        return org.apache.spark.sql.streaming.Trigger.Once();
    }

    private static String sinkFormat(QuerySpec spec) {
        return spec.format() == null ? "memory" : spec.format();
    }

    private static Dataset<Row> asKafkaValues(Dataset<Row> rows) {
        return rows.select(
                functions.to_json(functions.struct(functions.col("*"))).as("value"));
    }

    private static Map<String, String> sinkOptions(QuerySpec spec, String format) {
        Map<String, String> out = new LinkedHashMap<>();
        spec.options().forEach((k, v) -> {
            if (!EDDY_ONLY.contains(k)) {
                out.put(k, v);
            }
        });
        if (format.equals("kafka") && out.containsKey("bootstrap.servers")) {
            out.put("kafka.bootstrap.servers", out.remove("bootstrap.servers"));
        }
        return out;
    }
}
