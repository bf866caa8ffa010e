package dev.eddy.sql.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.sql.api.Sql;
import dev.eddy.streaming.api.DataStreamWriter;
import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.progress.QueryProgress;
import dev.eddy.streaming.api.progress.StateOperatorProgress;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * Streaming SQL behaves as Spark 4's Structured Streaming, batch by batch: seeded random windowed aggregations
 * (append, update and complete; tumbling and sliding windows; watermark delays; late and out-of-order rows;
 * restarts from the checkpoint) fed step by step to a memory stream on Eddy (QueryTestDriver) and on real
 * Spark (MemoryStream, processAllAvailable), comparing each batch's id, input rows, watermark, state rows,
 * rows dropped by the watermark and output rows. {@code -Deddy.diff.stream=N} sets the count.
 */
class SparkStreamDifferentialIT {
  static final long SEED = Long.getLong("eddy.diff.seed", 20_261_206L);
  static final int COUNT = Integer.getInteger("eddy.diff.stream", 40);
  private static final long S = 1_000_000L; // micros per second

  /** One generated case: the query, its output mode and watermark delay, and the steps fed to both. */
  record Case(String sql, String mode, int delaySeconds, List<List<List<Object>>> steps) {
  }

  static Case generate(long seed) {
    Random r = new Random(seed);
    int size = r.nextBoolean() ? 10 : 20;
    String window = r.nextBoolean() ? "window(ts, '" + size + " seconds')"
        : "window(ts, '" + size + " seconds', '" + size / 2 + " seconds')";
    boolean keyed = r.nextBoolean();
    String aggs = List.of("COUNT(*) AS n", "COUNT(*) AS n, SUM(v) AS sv", "COUNT(*) AS n, MAX(v) AS mx, MIN(v) AS mn",
        "SUM(v) AS sv, AVG(v) AS av").get(r.nextInt(4));
    String where = r.nextInt(4) == 0 ? " WHERE v > 0" : "";
    String sql = "SELECT window.start AS ws, window.end AS we" + (keyed ? ", k" : "") + ", " + aggs
        + " FROM events" + where + " GROUP BY " + window + (keyed ? ", k" : "");
    String mode = List.of("append", "update", "complete").get(r.nextInt(3));
    int delay = List.of(0, 5, 10, 30).get(r.nextInt(4));
    List<List<List<Object>>> steps = new ArrayList<>();
    int n = 3 + r.nextInt(4);
    long clock = 100 + r.nextInt(50); // event-time seconds, away from the epoch
    for (int i = 0; i < n; i++) {
      if (i > 0 && r.nextInt(7) == 0) {
        steps.add(null); // restart from the checkpoint
      }
      List<List<Object>> rows = new ArrayList<>();
      int m = r.nextInt(5);
      for (int j = 0; j < m; j++) {
        long t = clock + r.nextInt(12) - (r.nextInt(4) == 0 ? 25 + r.nextInt(20) : 0); // late or out of order
        List<Object> row = new ArrayList<>();
        row.add(t * S + r.nextInt(1000) * 1000L);
        row.add(List.of("a", "b", "c").get(r.nextInt(3)));
        row.add(r.nextInt(6) == 0 ? null : r.nextInt(21) - 5);
        rows.add(row);
      }
      steps.add(rows);
      clock += r.nextInt(16);
    }
    return new Case(sql, mode, delay, steps);
  }

  @Test
  void everyGeneratedWindowedQueryRunsBatchByBatchAsSparkDoes() throws Exception {
    SparkProcess spark = SparkProcess.shared();
    Map<String, List<String>> classes = new LinkedHashMap<>();
    int batches = 0;
    for (int i = 0; i < COUNT; i++) {
      long seed = SEED * 7_919L + i;
      Case c = generate(seed);
      List<Map<String, Object>> s = spark(spark, c);
      List<Map<String, Object>> e = eddy(c);
      batches += s.size();
      String diff = difference(s, e);
      if (diff != null) {
        String cls = diff.replaceAll("\\d+", "N").replaceAll("Spark .*", "");
        classes.computeIfAbsent(cls, k -> new ArrayList<>()).add("seed " + SEED + " case " + i + " (case seed "
            + seed + "): " + diff + "\n      " + c.mode() + ", watermark " + c.delaySeconds() + " s: " + c.sql()
            + "\n      steps (null = restart): " + c.steps() + "\n      Spark: " + s + "\n      Eddy:  " + e);
      }
    }
    int mismatches = classes.values().stream().mapToInt(List::size).sum();
    StringBuilder report = new StringBuilder("streaming differential: " + COUNT + " queries, " + batches
        + " Spark batches, " + mismatches + " mismatches in " + classes.size() + " classes\n");
    classes.forEach((k, v) -> {
      report.append("  [").append(v.size()).append("] ").append(k).append('\n');
      v.stream().limit(2).forEach(x -> report.append("    ").append(x).append('\n'));
    });
    System.out.println(report);
    Files.writeString(Path.of("target", "diff-stream-report.txt"), report);
    assertThat(mismatches).as(report.toString()).isZero();
  }

  private static List<Map<String, Object>> spark(SparkProcess spark, Case c) {
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("op", "stream");
    req.put("schema", List.of(Map.of("name", "ts", "type", "TIMESTAMP"), Map.of("name", "k", "type", "STRING"),
        Map.of("name", "v", "type", "INT")));
    req.put("watermark", Map.of("column", "ts", "delay", c.delaySeconds() + " seconds"));
    req.put("sql", c.sql());
    req.put("mode", c.mode());
    List<Object> steps = new ArrayList<>();
    for (List<List<Object>> step : c.steps()) {
      steps.add(step == null ? Map.of("restart", true) : Map.of("rows", step));
    }
    req.put("steps", steps);
    JsonNode a = spark.call(req);
    List<Map<String, Object>> out = new ArrayList<>();
    if (!a.get("ok").asBoolean()) {
      out.add(Map.of("error", a.get("error").asText()));
      return out;
    }
    for (JsonNode b : a.get("batches")) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("batchId", b.get("batchId").asLong());
      m.put("numInputRows", b.get("numInputRows").asLong());
      m.put("watermark", b.get("watermark").isNull() ? null : b.get("watermark").asText());
      m.put("stateRowsTotal", b.get("stateRowsTotal").asLong());
      m.put("droppedByWatermark", b.get("droppedByWatermark").asLong());
      List<String> rows = new ArrayList<>();
      for (JsonNode r : b.get("rows")) {
        List<Object> row = new ArrayList<>();
        r.forEach(v -> row.add(v.isNull() ? null : v.isNumber() ? (Object) v.numberValue().doubleValue() : v.asText()));
        rows.add(row.toString());
      }
      rows.sort(Comparator.naturalOrder());
      m.put("rows", rows);
      out.add(m);
    }
    return out;
  }

  private static List<Map<String, Object>> eddy(Case c) throws Exception {
    Path checkpoint = Files.createTempDirectory("eddy-diff-ckpt");
    List<Map<String, Object>> out = new ArrayList<>();
    try {
      Eddy session = Eddy.builder().clock(new ManualClock(0)).build();
      MemoryStream input = session.memoryStream(Schema.of(Field.of("ts", DataType.TIMESTAMP),
          Field.of("k", DataType.STRING), Field.of("v", DataType.INT)));
      session.registerView("events", input.toDF().withWatermark("ts", c.delaySeconds() + " seconds"));
      Sql sql = new Sql(session);
      Dataset query = sql.stream(c.sql());
      Map<Long, List<String>> output = new ConcurrentHashMap<>();
      QueryTestDriver driver = QueryTestDriver.start(writer(query, c.mode(), checkpoint, output));
      try {
        for (List<List<Object>> step : c.steps()) {
          if (step == null) {
            driver.close();
            driver = QueryTestDriver.start(writer(query, c.mode(), checkpoint, output));
            continue;
          }
          if (!step.isEmpty()) {
            Object[][] rows = new Object[step.size()][];
            for (int i = 0; i < rows.length; i++) {
              rows[i] = step.get(i).toArray();
            }
            input.addData(rows);
          }
          for (QueryProgress p : driver.runTrigger().batches()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("batchId", p.batchId());
            m.put("numInputRows", p.numInputRows());
            m.put("watermark", p.eventTime().get("watermark"));
            long total = 0;
            long dropped = 0;
            for (StateOperatorProgress op : p.stateOperators()) {
              total += op.numRowsTotal();
              dropped += op.numRowsDroppedByWatermark();
            }
            m.put("stateRowsTotal", total);
            m.put("droppedByWatermark", dropped);
            m.put("rows", output.getOrDefault(p.batchId(), List.of()));
            out.add(m);
          }
        }
      } finally {
        driver.close();
      }
    } catch (RuntimeException e) {
      out.clear();
      out.add(Map.of("error", String.valueOf(e.getMessage())));
    } finally {
      try (var paths = Files.walk(checkpoint)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return out;
  }

  private static DataStreamWriter writer(Dataset query, String mode, Path checkpoint, Map<Long, List<String>> output) {
    return query.writeStream().outputMode(mode).checkpointLocation(checkpoint.toString())
        .foreachBatch((Table t, long id) -> output.put(id, rows(t)));
  }

  private static List<String> rows(Table t) {
    List<String> rows = new ArrayList<>();
    for (int r = 0; r < t.rowCount(); r++) {
      List<Object> row = new ArrayList<>();
      for (int c = 0; c < t.columnCount(); c++) {
        Object v = t.column(c).isMissing(r) ? null : Answers.eddyValue(t.column(c).get(r));
        row.add(v instanceof Number n ? (Object) n.doubleValue() : v == null ? null : v.toString());
      }
      rows.add(row.toString());
    }
    rows.sort(Comparator.naturalOrder());
    return rows;
  }

  /** The first difference between the batch lists, or null. */
  static String difference(List<Map<String, Object>> spark, List<Map<String, Object>> eddy) {
    int n = Math.max(spark.size(), eddy.size());
    for (int i = 0; i < n; i++) {
      if (i >= spark.size()) return "Eddy runs an extra batch " + eddy.get(i).get("batchId") + " Spark " + eddy.get(i);
      if (i >= eddy.size()) return "Eddy lacks batch " + spark.get(i).get("batchId") + " Spark " + spark.get(i);
      for (String key : spark.get(i).keySet()) {
        Object sv = spark.get(i).get(key);
        Object ev = eddy.get(i).get(key);
        if (!java.util.Objects.equals(sv, ev)) {
          return "batch " + spark.get(i).get("batchId") + " differs in " + key + " Spark " + sv + ", Eddy " + ev;
        }
      }
    }
    return null;
  }
}
