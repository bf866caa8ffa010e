package dev.eddy.spark.internal.translate;

import dev.eddy.spark.api.SparkRefusal;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.plan.Scan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.connect.DataStreamReader;
import org.apache.spark.sql.connect.Dataset;
import org.apache.spark.sql.connect.SparkSession;
import org.apache.spark.sql.functions;

/**
 * A streaming {@link Scan} as Spark's {@code readStream}, giving exactly the columns Eddy's source gives (names,
 * order and types): rate and rate-per-batch as Spark's {@code rate} and {@code rate-micro-batch}; file
 * directories (json, csv) with the declared schema and {@code _corrupt_record}; Kafka either raw (key, value,
 * topic, partition, offset, timestamp, headers) or with the value decoded by {@code from_json}/{@code from_csv}
 * into the declared columns, {@code _corrupt_record}, then key, topic, partition, offset and timestamp.
 * Sources that live only in the kernel's JVM are refused.
 */
final class SourceTranslator {
    static final String CORRUPT = "_corrupt_record";
    // options only Eddy's sources understand; Spark would ignore or reject them
    private static final Set<String> EDDY_ONLY = Set.of(
            "valueformat",
            "samplingrecords",
            "format",
            "path",
            "retrybackoffmaxms",
            "statesnapshotinterval",
            "maxrowsperbatch");
    /** Options of Eddy's value decoding: for from_json/from_csv, not for Spark's Kafka source. */
    private static final List<String> VALUE_DECODE_OPTIONS = List.of(
            "mode",
            "columnnameofcorruptrecord",
            "sep",
            "delimiter",
            "quote",
            "escape",
            "chartoescapequoteescaping",
            "emptyvalue",
            "ignoreleadingwhitespace",
            "ignoretrailingwhitespace",
            "nullvalue");

    private static final List<String> KAFKA_META = List.of("key", "topic", "partition", "offset", "timestamp");

    private SourceTranslator() {}

    static Dataset<Row> scan(SparkSession spark, Scan scan) {
        return switch (scan.format()) {
            case "rate" -> rate(spark, "rate", scan);
            case "rate-per-batch" -> rate(spark, "rate-micro-batch", scan);
            case "json", "csv" -> file(spark, scan.format(), scan);
            case "file" -> file(spark, scan.options().getOrDefault("format", "json"), scan);
            case "kafka" -> kafka(spark, scan);
            case "socket" ->
                spark.readStream().format("socket").options(sparkOptions(scan)).load();
            case "topic" ->
                throw new SparkRefusal(
                        "the embedded topic log lives in the kernel's JVM, which the Spark" + " cluster cannot read",
                        "write the data to Kafka and declare the stream WITH ('connector' = 'kafka',"
                                + " ...), or run on the embedded engine (%engine local)");
            case "memory" ->
                throw new SparkRefusal(
                        "a memory stream lives in the kernel's JVM, which the Spark cluster" + " cannot read",
                        "use a file directory, Kafka or the rate source, or run on the embedded engine"
                                + " (%engine local)");
            default ->
                throw new SparkRefusal(
                        "the source format '" + scan.format() + "' has no Spark translation",
                        "use kafka, file (json/csv) or rate, or run on the embedded engine (%engine local)");
        };
    }

    private static Dataset<Row> rate(SparkSession spark, String sparkFormat, Scan scan) {
        return spark.readStream()
                .format(sparkFormat)
                .options(sparkOptions(scan))
                .load();
    }

    private static Dataset<Row> file(SparkSession spark, String fileFormat, Scan scan) {
        if (!fileFormat.equals("json") && !fileFormat.equals("csv")) {
            throw new SparkRefusal(
                    "the file format '" + fileFormat + "' has no Spark translation", "use json or csv files");
        }
        String path = scan.options().get("path");
        if (path == null) {
            throw new IllegalArgumentException("a file stream needs the option 'path'");
        }
        DataStreamReader reader = spark.readStream()
                .format(fileFormat)
                .schema(SparkTypes.struct(withCorrupt(scan.schema())))
                .option("mode", "PERMISSIVE")
                .option("columnNameOfCorruptRecord", CORRUPT)
                .options(sparkOptions(scan));
        return select(reader.load(path), scan.schema());
    }

    private static Dataset<Row> kafka(SparkSession spark, Scan scan) {
        Dataset<Row> raw =
                spark.readStream().format("kafka").options(sparkOptions(scan)).load();
        String valueFormat = scan.options().get("valueformat");
        Column key = functions.col("key").cast("string");
        Column value = functions.col("value").cast("string");
        Column ts = functions.col("timestamp");
        if (valueFormat == null) {
            // Eddy gives the headers as one JSON object of text values; Spark gives them only with includeHeaders
            Column headers = "true".equalsIgnoreCase(scan.options().get("includeheaders"))
                    ? functions.to_json(functions.map_from_entries(functions.col("headers")))
                    : functions.lit(null).cast("string");
            return raw.select(
                    key.as("key"),
                    value.as("value"),
                    functions.col("topic"),
                    functions.col("partition"),
                    functions.col("offset"),
                    ts.as("timestamp"),
                    headers.as("headers"));
        }
        // Spark's from_json/from_csv take PERMISSIVE and FAILFAST; DROPMALFORMED (which Eddy's decoder takes as for
        // files) becomes PERMISSIVE and a filter on the corrupt-record column
        String mode = scan.options().getOrDefault("mode", "PERMISSIVE").trim().toUpperCase(Locale.ROOT);
        String corruptName = scan.options().getOrDefault("columnnameofcorruptrecord", CORRUPT);
        Schema values = valueColumns(scan.schema(), corruptName);
        Map<String, String> decode = new LinkedHashMap<>();
        for (String k : VALUE_DECODE_OPTIONS) {
            if (scan.options().containsKey(k) && !k.equals("mode") && !k.equals("columnnameofcorruptrecord")) {
                decode.put(
                        k.equals("nullvalue") ? "nullValue" : k, scan.options().get(k));
            }
        }
        decode.put("mode", mode.equals("FAILFAST") ? "FAILFAST" : "PERMISSIVE");
        decode.put("columnNameOfCorruptRecord", CORRUPT);
        Column decoded = switch (valueFormat) {
            case "json" -> functions.from_json(value, SparkTypes.struct(withCorrupt(values)), decode);
            case "csv" ->
                functions.from_csv(
                        value,
                        functions.lit(SparkTypes.struct(withCorrupt(values)).toDDL()),
                        decode);
            default ->
                throw new SparkRefusal(
                        "Kafka values in format '" + valueFormat + "' have no Spark translation",
                        "use 'format' = 'json' or 'csv'");
        };
        List<Column> cols = new ArrayList<>();
        cols.add(decoded.as("v"));
        for (String m : KAFKA_META) {
            cols.add((m.equals("key") ? key : functions.col(m)).as(m));
        }
        Dataset<Row> withValue = raw.select(cols.toArray(Column[]::new));
        if (mode.equals("DROPMALFORMED")) {
            withValue = withValue.where(functions.col("v." + CORRUPT).isNull());
        }
        List<Column> out = new ArrayList<>();
        for (Field f : scan.schema().fields()) {
            boolean meta = KAFKA_META.contains(f.name());
            Column c = meta
                    ? functions.col(f.name())
                    : functions.col("v." + (f.name().equals(corruptName) ? CORRUPT : f.name()));
            out.add(c.cast(SparkTypes.of(f)).as(f.name()));
        }
        return withValue.select(out.toArray(Column[]::new));
    }

    /** The declared value columns of a decoded Kafka scan: those before its corrupt-record column. */
    private static Schema valueColumns(Schema s, String corruptName) {
        int corrupt = s.indexOf(corruptName);
        return corrupt < 0 ? s : Schema.of(s.fields().subList(0, corrupt));
    }

    private static Schema withCorrupt(Schema s) {
        return s.indexOf(CORRUPT) >= 0 ? s : s.add(Field.of(CORRUPT, DataType.STRING));
    }

    /** Projects to exactly Eddy's columns (Spark keeps {@code _corrupt_record} only if it is in the schema). */
    private static Dataset<Row> select(Dataset<Row> in, Schema schema) {
        List<Column> out = new ArrayList<>();
        for (Field f : schema.fields()) {
            out.add(functions.col("`" + f.name() + "`").cast(SparkTypes.of(f)).as(f.name()));
        }
        return in.select(out.toArray(Column[]::new));
    }

    static Map<String, String> sparkOptions(Scan scan) {
        Map<String, String> out = new LinkedHashMap<>();
        scan.options().forEach((k, v) -> {
            if (!EDDY_ONLY.contains(k) && !(scan.format().equals("kafka") && VALUE_DECODE_OPTIONS.contains(k))) {
                out.put(k, v);
            }
        });
        return out;
    }
}
