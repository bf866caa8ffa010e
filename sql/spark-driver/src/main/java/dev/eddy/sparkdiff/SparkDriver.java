package dev.eddy.sparkdiff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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
 * {@code {"op":"stream",..}} runs a memory-stream query batch by batch (see {@link #stream}). Values: numbers
 * as JSON numbers (doubles NaN/Infinity and decimals as strings), TIMESTAMP as epoch microseconds, DATE as
 * epoch days.
 */
public final class SparkDriver {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final SparkSession spark;

  private SparkDriver(SparkSession spark) {
    this.spark = spark;
  }

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, "UTF-8");
    System.setOut(System.err); // anything Spark prints stays off the answer channel
    SparkSession spark = SparkSession.builder().master("local[1]").appName("eddy-diff")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.datetime.java8API.enabled", "true")
        .config("spark.sql.ansi.enabled", "true")
        .config("spark.sql.streaming.forceDeleteTempCheckpointLocation", "true")
        // no progress events for idle triggers: only batches that ran are compared
        .config("spark.sql.streaming.noDataProgressEventInterval", "1000000000")
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
      case "stream":
        return stream(req);
      default:
        throw new IllegalArgumentException("unknown op " + req.get("op"));
    }
  }

  private ObjectNode table(JsonNode req) {
    StructType schema = schema(req.get("columns"));
    List<Row> rows = rows(req.get("rows"), schema);
    spark.createDataFrame(rows, schema).createOrReplaceTempView(req.get("name").asText());
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
   * A streaming case: {@code schema} of the input, optional {@code watermark} {column, delay}, {@code sql} over
   * the view {@code events}, output {@code mode}, and {@code steps}: {"rows": [...]} adds one memory-stream
   * offset and processes everything available (the data batch and the no-data batch it makes due),
   * {"restart": true} stops the query and starts it again from its checkpoint. Answers every batch that ran,
   * with its progress figures and the rows foreachBatch saw.
   */
  private ObjectNode stream(JsonNode req) throws Exception {
    StructType schema = schema(req.get("schema"));
    MemoryStream<Row> input = MemoryStream.apply(Encoders.row(schema), spark);
    Dataset<Row> events = input.toDF();
    JsonNode wm = req.get("watermark");
    if (wm != null && !wm.isNull()) {
      events = events.withWatermark(wm.get("column").asText(), wm.get("delay").asText());
    }
    events.createOrReplaceTempView("events");
    Path checkpoint = Files.createTempDirectory("eddy-diff-ckpt");
    Map<Long, ArrayNode> output = new ConcurrentHashMap<>();
    ArrayNode batches = NODES.arrayNode();
    StreamingQuery query = null;
    try {
      Dataset<Row> result = spark.sql(req.get("sql").asText());
      StructType outSchema = result.schema();
      query = start(result, req.get("mode").asText(), checkpoint, output, outSchema);
      long seen = -1;
      for (JsonNode step : req.get("steps")) {
        if (step.has("restart")) {
          query.stop();
          query = start(spark.sql(req.get("sql").asText()), req.get("mode").asText(), checkpoint, output, outSchema);
          continue;
        }
        List<Row> rows = rows(step.get("rows"), schema);
        if (!rows.isEmpty()) {
          input.addData(CollectionConverters.asScala(rows).toSeq());
        }
        query.processAllAvailable();
        seen = collect(query, seen, output, batches);
      }
      ObjectNode ok = NODES.objectNode();
      ok.put("ok", true);
      ok.set("batches", batches);
      return ok;
    } catch (Throwable t) {
      return error(t);
    } finally {
      if (query != null) {
        query.stop();
      }
      deleteTree(checkpoint);
    }
  }

  private static StreamingQuery start(Dataset<Row> result, String mode, Path checkpoint, Map<Long, ArrayNode> output,
      StructType outSchema) throws Exception {
    return result.writeStream().outputMode(mode).option("checkpointLocation", checkpoint.toString())
        .foreachBatch((Dataset<Row> df, Long id) -> {
          output.put(id, encode(df.collectAsList(), outSchema));
        }).start();
  }

  private static long collect(StreamingQuery query, long seen, Map<Long, ArrayNode> output, ArrayNode batches) {
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
      b.put("numInputRows", p.numInputRows());
      String watermark = p.eventTime().get("watermark");
      b.put("watermark", watermark);
      long total = 0;
      long dropped = 0;
      long updated = 0;
      for (var op : p.stateOperators()) {
        total += op.numRowsTotal();
        dropped += op.numRowsDroppedByWatermark();
        updated += op.numRowsUpdated();
      }
      b.put("stateRowsTotal", total);
      b.put("stateRowsUpdated", updated);
      b.put("droppedByWatermark", dropped);
      ArrayNode rows = output.get(p.batchId());
      b.set("rows", rows == null ? NODES.arrayNode() : rows);
      seen = Math.max(seen, p.batchId());
    }
    return seen;
  }

  private static StructType schema(JsonNode columns) {
    List<StructField> fields = new ArrayList<>();
    for (JsonNode c : columns) {
      fields.add(DataTypes.createStructField(c.get("name").asText(), type(c.get("type").asText()), true));
    }
    return DataTypes.createStructType(fields);
  }

  private static DataType type(String t) {
    String u = t.toUpperCase(java.util.Locale.ROOT);
    if (u.startsWith("DECIMAL")) {
      String[] ps = u.substring(u.indexOf('(') + 1, u.indexOf(')')).split(",");
      return DataTypes.createDecimalType(Integer.parseInt(ps[0].trim()), Integer.parseInt(ps[1].trim()));
    }
    switch (u) {
      case "INT": return DataTypes.IntegerType;
      case "BIGINT": return DataTypes.LongType;
      case "DOUBLE": return DataTypes.DoubleType;
      case "STRING": return DataTypes.StringType;
      case "BOOLEAN": return DataTypes.BooleanType;
      case "TIMESTAMP": return DataTypes.TimestampType;
      case "DATE": return DataTypes.DateType;
      default: throw new IllegalArgumentException("unknown type " + t);
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
    if (v instanceof Instant t) return NODES.numberNode(ChronoUnit.MICROS.between(Instant.EPOCH, t));
    if (v instanceof LocalDate d) return NODES.numberNode(d.toEpochDay());
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
    e.put("error", m.lines().findFirst().orElse(m));
    return e;
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      // a temp directory left behind is harmless
    }
  }
}
