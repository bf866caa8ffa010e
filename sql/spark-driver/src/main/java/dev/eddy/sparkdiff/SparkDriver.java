package dev.eddy.sparkdiff;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.runtime.MemoryStream;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Answers requests on real Spark SQL (local[1], ANSI on as Spark 4's default, UTC), one JSON object per
 * line on stdin, one JSON answer per line on stdout (Spark's own logging goes to stderr).
 *
 * <p>Requests: {@code {"op":"table","name":..,"columns":[{"name":..,"type":..}],"rows":[[..]]}} makes a temp
 * view; {@code {"op":"query","sql":..}} answers the rows and column types, or the error's first line;
 * {@code {"op":"streams",..}} runs memory-stream queries batch by batch (see {@link #streams}). Values: numbers
 * as JSON numbers (doubles NaN/Infinity and decimals as strings), TIMESTAMP as epoch microseconds, DATE as
 * epoch days.
 */
public final class SparkDriver {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SparkSession spark;
    private static final String INPUT_COLUMN = "eddy_input";
    /**
     * The streaming cases' session settings, for speed only (Spark's semantics are the same either way; its own
     * suites run both code paths): interpreted expressions instead of compiling Java per plan, which for the tiny
     * batches here cost more than it saves, and no state-schema files per query start.
     */
    private static final Map<String, String> STREAM_CONF = Map.of(
            "spark.sql.codegen.wholeStage", "false",
            "spark.sql.codegen.factoryMode", "NO_CODEGEN",
            "spark.sql.streaming.stateStore.stateSchemaCheck", "false",
            "spark.sql.ui.explainMode", "simple");

    private SparkDriver(SparkSession spark) {
        this.spark = spark;
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
        System.setOut(System.err); // anything Spark prints stays off the answer channel
        SparkSession spark = SparkSession.builder()
                .master("local[1]")
                .appName("eddy-diff")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "1")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.datetime.java8API.enabled", "true")
                .config("spark.sql.ansi.enabled", "true")
                .config("spark.sql.streaming.forceDeleteTempCheckpointLocation", "true")
                // no progress events for idle triggers: only batches that ran are compared
                .config("spark.sql.streaming.noDataProgressEventInterval", "1000000000")
                // checkpoint files through Hadoop's FileSystem (not FileContext, which forks `readlink` per rename) on
                // a
                // local file system that sets permissions without forking `chmod` (see NioLocalFileSystem)
                .config(
                        "spark.sql.streaming.checkpointFileManagerClass",
                        "org.apache.spark.sql.execution.streaming.checkpointing.FileSystemBasedCheckpointFileManager")
                .config("spark.hadoop.fs.file.impl", NioLocalFileSystem.class.getName())
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        SparkDriver driver = new SparkDriver(spark);
        out.println("{\"ready\":true,\"spark\":\"" + spark.version() + "\"}");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            ObjectNode answer;
            try {
                answer = driver.handle(JSON.readTree(line));
            } catch (Throwable t) {
                answer = error(t);
            }
            out.println(JSON.writeValueAsString(answer));
        }
        spark.stop();
    }

    private ObjectNode handle(JsonNode req) throws Exception {
        switch (req.get("op").asText()) {
            case "table":
                return table(req);
            case "query":
                return query(req.get("sql").asText());
            case "streams":
                return streams(req);
            default:
                throw new IllegalArgumentException("unknown op " + req.get("op"));
        }
    }

    private ObjectNode table(JsonNode req) {
        StructType schema = schema(req.get("columns"));
        List<Row> rows = rows(req.get("rows"), schema);
        spark.createDataFrame(rows, schema)
                .createOrReplaceTempView(req.get("name").asText());
        ObjectNode ok = NODES.objectNode();
        ok.put("ok", true);
        return ok;
    }

    private ObjectNode query(String sql) {
        try {
            Dataset<Row> df = spark.sql(sql);
            List<Row> rows = df.collectAsList();
            ObjectNode ok = NODES.objectNode();
            ok.put("ok", true);
            ArrayNode names = ok.putArray("names");
            ArrayNode types = ok.putArray("types");
            for (StructField f : df.schema().fields()) {
                names.add(f.name());
                types.add(f.dataType().sql());
            }
            ok.set("rows", encode(rows, df.schema()));
            return ok;
        } catch (Throwable t) {
            return error(t);
        }
    }

    /**
     * Many streaming cases in one request, run concurrently ({@code parallelism} threads, one Spark session and
     * query per case, all sharing this driver's SparkContext): {@code {"op":"streams","parallelism":P,"cases":[..]}}.
     * A case: {@code inputs} (each {@code {"view":name,"schema":[..],"watermark":{column,delay}|null}}, all with the
     * first's schema; each view (default {@code events}) is the union of its inputs), optionally {@code
     * {"dedup":{"view":..,"columns":[..],"withinWatermark":bool}}} (that view deduplicated), {@code sql} over the views,
     * output {@code mode}, session {@code conf} and {@code steps}:
     * {@code {"rows":[rows of input 0, rows of input 1, ..]}} adds one memory-stream offset per input that has rows
     * and processes everything available (the data batch and the no-data batch it makes due);
     * {@code {"restart":true,"conf":{..}}} stops the query, applies the conf and starts it again from its checkpoint.
     * Answers, in case order, every batch that ran with its progress figures (state rows and dropped rows per stateful
     * operator) and the rows foreachBatch saw, and
     * the case's milliseconds (start, steps) for profiling.
     */
    private ObjectNode streams(JsonNode req) throws Exception {
        int parallelism = Math.max(1, req.path("parallelism").asInt(1));
        JsonNode cases = req.get("cases");
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            List<Future<ObjectNode>> futures = new ArrayList<>();
            for (JsonNode c : cases) {
                futures.add(pool.submit(() -> streamCase(c)));
            }
            ObjectNode ok = NODES.objectNode();
            ok.put("ok", true);
            ArrayNode answers = ok.putArray("cases");
            for (var f : futures) {
                answers.add(f.get());
            }
            return ok;
        } finally {
            pool.shutdownNow();
        }
    }

    private ObjectNode streamCase(JsonNode req) {
        long t0 = System.nanoTime();
        SparkSession session = spark.newSession();
        STREAM_CONF.forEach((k, v) -> session.conf().set(k, v));
        req.path("conf")
                .fields()
                .forEachRemaining(
                        e -> session.conf().set(e.getKey(), e.getValue().asText()));
        // One memory stream feeds every input (a column says which): adding a step's rows is then one atomic offset,
        // where two memory streams could let the running query start a batch between the two additions. Each input is
        // its own filter and watermark operator, so Spark's per-operator watermark rules apply as with two sources.
        JsonNode specs = req.get("inputs");
        StructType schema = schema(specs.get(0).get("schema"));
        StructType tagged = schema.add(DataTypes.createStructField(INPUT_COLUMN, DataTypes.IntegerType, false));
        MemoryStream<Row> input = MemoryStream.apply(Encoders.row(tagged), session);
        Map<String, Dataset<Row>> views = new LinkedHashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            Dataset<Row> df = specs.size() == 1
                    ? input.toDF()
                    : input.toDF().filter(col(INPUT_COLUMN).equalTo(i));
            df = df.drop(INPUT_COLUMN);
            JsonNode wm = specs.get(i).get("watermark");
            if (wm != null && !wm.isNull()) {
                df = df.withWatermark(wm.get("column").asText(), wm.get("delay").asText());
            }
            views.merge(specs.get(i).path("view").asText("events"), df, Dataset::union);
        }
        JsonNode dedup = req.get("dedup");
        if (dedup != null && !dedup.isNull()) {
            String view = dedup.get("view").asText();
            List<String> columns = new ArrayList<>();
            dedup.get("columns").forEach(c -> columns.add(c.asText()));
            String[] cols = columns.toArray(String[]::new);
            views.put(
                    view,
                    dedup.path("withinWatermark").asBoolean()
                            ? views.get(view).dropDuplicatesWithinWatermark(cols)
                            : views.get(view).dropDuplicates(cols));
        }
        views.forEach((name, df) -> df.createOrReplaceTempView(name));
        Path checkpoint = null;
        Map<Long, ArrayNode> output = new ConcurrentHashMap<>();
        ArrayNode batches = NODES.arrayNode();
        ArrayNode stepMs = NODES.arrayNode();
        StreamingQuery query = null;
        String mode = req.get("mode").asText();
        String sql = req.get("sql").asText();
        int failedStep = -1; // the step being run: -1 while the query starts
        try {
            checkpoint = Files.createTempDirectory("eddy-diff-ckpt");
            Dataset<Row> result = session.sql(sql);
            StructType outSchema = result.schema();
            query = start(result, mode, checkpoint, output, outSchema);
            long startMs = (System.nanoTime() - t0) / 1_000_000;
            long seen = -1;
            for (JsonNode step : req.get("steps")) {
                failedStep++;
                long s0 = System.nanoTime();
                if (step.has("restart")) {
                    query.stop();
                    step.path("conf")
                            .fields()
                            .forEachRemaining(e ->
                                    session.conf().set(e.getKey(), e.getValue().asText()));
                    query = start(session.sql(sql), mode, checkpoint, output, outSchema);
                } else {
                    JsonNode perInput = step.get("rows");
                    List<Row> rows = new ArrayList<>();
                    for (int i = 0; i < perInput.size(); i++) {
                        for (Row r : rows(perInput.get(i), schema)) {
                            Object[] values = new Object[r.size() + 1];
                            for (int c = 0; c < r.size(); c++) {
                                values[c] = r.get(c);
                            }
                            values[r.size()] = i;
                            rows.add(RowFactory.create(values));
                        }
                    }
                    if (!rows.isEmpty()) {
                        input.addData(CollectionConverters.asScala(rows).toSeq());
                    }
                    query.processAllAvailable();
                    seen = collect(query, seen, output, batches, specs.size());
                }
                stepMs.add((System.nanoTime() - s0) / 1_000_000);
            }
            ObjectNode ok = NODES.objectNode();
            ok.put("ok", true);
            ok.set("batches", batches);
            // the result's column types: an interval's value is compared as Spark's text of it (its fields too)
            ArrayNode types = ok.putArray("types");
            for (StructField f : outSchema.fields()) {
                types.add(f.dataType().sql());
            }
            ok.put("startMs", startMs);
            ok.set("stepMs", stepMs);
            return ok;
        } catch (Throwable t) {
            return error(t).put("step", failedStep);
        } finally {
            if (query != null) {
                try {
                    query.stop();
                } catch (Exception e) {
                    // the answer is already made; a query that does not stop cleanly changes nothing in it
                }
            }
            if (checkpoint != null) {
                deleteTree(checkpoint);
            }
        }
    }

    private static StreamingQuery start(
            Dataset<Row> result, String mode, Path checkpoint, Map<Long, ArrayNode> output, StructType outSchema)
            throws Exception {
        return result.writeStream()
                .outputMode(mode)
                .option("checkpointLocation", checkpoint.toString())
                .foreachBatch((Dataset<Row> df, Long id) -> {
                    output.put(id, encode(df.collectAsList(), outSchema));
                })
                .start();
    }

    /** Adds the batches that ran since {@code seen}; {@code leaves}: how often the plan reads the one memory stream. */
    private static long collect(
            StreamingQuery query, long seen, Map<Long, ArrayNode> output, ArrayNode batches, int leaves) {
        TreeMap<Long, StreamingQueryProgress> fresh = new TreeMap<>();
        for (StreamingQueryProgress p : query.recentProgress()) {
            // a batch that ran called foreachBatch; an idle trigger's progress (same id as the next batch) did not
            if (p.batchId() > seen && output.containsKey(p.batchId())) {
                fresh.put(p.batchId(), p);
            }
        }
        for (StreamingQueryProgress p : fresh.values()) {
            ObjectNode b = batches.addObject();
            b.put("batchId", p.batchId());
            // each of the union's inputs scans all of the memory stream's rows, and Spark sums its scans' rows
            b.put("numInputRows", p.numInputRows() / leaves);
            String watermark = p.eventTime().get("watermark");
            b.put("watermark", watermark);
            ArrayNode ops = b.putArray("stateOperators");
            for (var op : p.stateOperators()) {
                ObjectNode o = ops.addObject();
                o.put("name", op.operatorName());
                o.put("rows", op.numRowsTotal());
                o.put("dropped", op.numRowsDroppedByWatermark());
            }
            ArrayNode rows = output.get(p.batchId());
            b.set("rows", rows == null ? NODES.arrayNode() : rows);
            seen = Math.max(seen, p.batchId());
        }
        return seen;
    }

    private static StructType schema(JsonNode columns) {
        List<StructField> fields = new ArrayList<>();
        for (JsonNode c : columns) {
            fields.add(DataTypes.createStructField(
                    c.get("name").asText(), type(c.get("type").asText()), true));
        }
        return DataTypes.createStructType(fields);
    }

    private static DataType type(String t) {
        String u = t.toUpperCase(Locale.ROOT);
        if (u.startsWith("DECIMAL")) {
            String[] ps = u.substring(u.indexOf('(') + 1, u.indexOf(')')).split(",");
            return DataTypes.createDecimalType(Integer.parseInt(ps[0].trim()), Integer.parseInt(ps[1].trim()));
        }
        switch (u) {
            case "INT":
                return DataTypes.IntegerType;
            case "BIGINT":
                return DataTypes.LongType;
            case "DOUBLE":
                return DataTypes.DoubleType;
            case "STRING":
                return DataTypes.StringType;
            case "BOOLEAN":
                return DataTypes.BooleanType;
            case "TIMESTAMP":
                return DataTypes.TimestampType;
            case "DATE":
                return DataTypes.DateType;
            default:
                throw new IllegalArgumentException("unknown type " + t);
        }
    }

    private static List<Row> rows(JsonNode rows, StructType schema) {
        List<Row> out = new ArrayList<>();
        for (JsonNode r : rows) {
            Object[] values = new Object[schema.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = decode(r.get(i), schema.fields()[i].dataType());
            }
            out.add(RowFactory.create(values));
        }
        return out;
    }

    private static Object decode(JsonNode v, DataType t) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (t == DataTypes.IntegerType) return v.asInt();
        if (t == DataTypes.LongType) return v.asLong();
        if (t == DataTypes.DoubleType) return v.isTextual() ? Double.parseDouble(v.asText()) : v.asDouble();
        if (t == DataTypes.StringType) return v.asText();
        if (t == DataTypes.BooleanType) return v.asBoolean();
        if (t == DataTypes.TimestampType) return Instant.EPOCH.plus(v.asLong(), ChronoUnit.MICROS);
        if (t == DataTypes.DateType) return LocalDate.ofEpochDay(v.asLong());
        if (t instanceof DecimalType) return new BigDecimal(v.asText());
        throw new IllegalArgumentException("cannot decode " + t);
    }

    private static ArrayNode encode(List<Row> rows, StructType schema) {
        ArrayNode out = NODES.arrayNode();
        for (Row r : rows) {
            ArrayNode a = out.addArray();
            for (int i = 0; i < schema.size(); i++) {
                a.add(encodeValue(r.isNullAt(i) ? null : r.get(i)));
            }
        }
        return out;
    }

    /**
     * The instant's microseconds since the epoch, for every instant Spark holds (a long of microseconds, about
     * +-292,000 years); ChronoUnit.MICROS.between counts through nanoseconds and failed with "long overflow" past
     * +-292 years, which read as Spark's error in the differential.
     */
    static long micros(Instant t) {
        long seconds = t.getEpochSecond();
        long fraction = t.getNano() / 1000;
        if (seconds < 0 && fraction > 0) { // -1 s + 999,999 us: no overflow at the low end of the range
            seconds++;
            fraction -= 1_000_000L;
        }
        return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), fraction);
    }

    private static JsonNode encodeValue(Object v) {
        if (v == null) return NODES.nullNode();
        if (v instanceof Integer i) return NODES.numberNode(i);
        if (v instanceof Long l) return NODES.numberNode(l);
        if (v instanceof Short s) return NODES.numberNode(s.intValue());
        if (v instanceof Byte b) return NODES.numberNode(b.intValue());
        if (v instanceof Double d) return Double.isFinite(d) ? NODES.numberNode(d) : NODES.textNode(d.toString());
        if (v instanceof Float f) return NODES.numberNode(f.doubleValue());
        if (v instanceof BigDecimal d) return NODES.textNode(d.toPlainString());
        if (v instanceof Boolean b) return NODES.booleanNode(b);
        if (v instanceof Instant t) return NODES.numberNode(micros(t));
        if (v instanceof LocalDate d) return NODES.numberNode(d.toEpochDay());
        // ANSI intervals: a day-time one as microseconds, a year-month one as months
        if (v instanceof Duration d) return NODES.numberNode(d.getSeconds() * 1_000_000L + d.getNano() / 1000);
        if (v instanceof Period p) return NODES.numberNode(p.toTotalMonths());
        if (v instanceof Row struct) {
            ArrayNode a = NODES.arrayNode();
            for (int i = 0; i < struct.size(); i++) {
                a.add(encodeValue(struct.isNullAt(i) ? null : struct.get(i)));
            }
            return a;
        }
        return NODES.textNode(v.toString());
    }

    private static ObjectNode error(Throwable t) {
        ObjectNode e = NODES.objectNode();
        e.put("ok", false);
        String m = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
        String first = m.lines().findFirst().orElse(m);
        if (first.startsWith("[FAILED_READ_FILE")) {
            // Spark 4.2's message names the file, not what failed in it: add the root cause (the CSV tokenizer's
            // index error, a malformed record under FAILFAST, ...) so a report can tell them apart
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            if (root != t) {
                String r = root.getMessage() == null ? "" : root.getMessage();
                first += " (caused by " + root.getClass().getName() + ": "
                        + r.lines().findFirst().orElse(r) + ")";
            }
        }
        e.put("error", first);
        return e;
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
