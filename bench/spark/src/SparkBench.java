import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.spark.api.RemoteQuery;
import dev.eddy.spark.api.SparkConnection;
import dev.eddy.spark.testing.SparkConnectTestServer;
import dev.eddy.sql.api.Sql;
import dev.eddy.streaming.api.DataStreamWriter;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.Trigger;
import dev.eddy.streaming.api.progress.QueryProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The same windowed query (JSON files, one per micro-batch, watermark, 10-second windows per user, update mode,
 * memory sink, availableNow) on the embedded engine and on a local Spark Connect 4.2.0 server in local[2]: per-batch
 * latency (Spark's durationMs.triggerExecution on both) and throughput (rows over the wall time from start to end).
 * Each engine runs the query once to warm up, then RUNS times. Then the kernel part (bench.py): the time from
 * %%sql to the first rows on screen, on both engines. Prints "<figure> <value> <unit>".
 */
public final class SparkBench {
    private static final int FILES = Integer.getInteger("files", 8);
    private static final int ROWS = Integer.getInteger("rows", 20_000);
    private static final int RUNS = Integer.getInteger("runs", 2);
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        SparkConnectTestServer server = SparkConnectTestServer.shared();
        Path input = Files.createDirectories(server.workDir().resolve("bench-input"));
        writeInput(input);
        List<Long> localBatches = new ArrayList<>();
        List<Long> remoteBatches = new ArrayList<>();
        List<Double> localRate = new ArrayList<>();
        List<Double> remoteRate = new ArrayList<>();
        try (SparkConnection spark = SparkConnection.connect(server.url())) {
            for (int run = 0; run <= RUNS; run++) {
                boolean warmUp = run == 0;
                Eddy eddy = Eddy.create();
                DataStreamWriter w = query(eddy, input, "bench_" + run);

                long t0 = System.nanoTime();
                StreamingQuery local = w.start();
                local.awaitTermination();
                double localSeconds = (System.nanoTime() - t0) / 1e9;
                if (local.exception().isPresent()) {
                    throw new IllegalStateException(
                            "embedded query failed", local.exception().get());
                }

                t0 = System.nanoTime();
                RemoteQuery remote = spark.start(w.spec());
                if (!remote.awaitTermination(600_000) || remote.error() != null) {
                    throw new IllegalStateException("Spark query failed or hung: " + remote.error());
                }
                double remoteSeconds = (System.nanoTime() - t0) / 1e9;
                if (warmUp) {
                    continue;
                }
                long localRows = 0;
                for (QueryProgress p : local.recentProgress()) {
                    if (p.numInputRows() > 0) {
                        localBatches.add(p.durationMs().getOrDefault("triggerExecution", 0L));
                        localRows += p.numInputRows();
                    }
                }
                long remoteRows = 0;
                for (String j : remote.recentProgressJson()) {
                    JsonNode p = JSON.readTree(j);
                    if (p.path("numInputRows").asLong() > 0) {
                        remoteBatches.add(
                                p.path("durationMs").path("triggerExecution").asLong());
                        remoteRows += p.path("numInputRows").asLong();
                    }
                }
                check(localRows, "embedded");
                check(remoteRows, "Spark");
                localRate.add(localRows / localSeconds);
                remoteRate.add(remoteRows / remoteSeconds);
            }
        }
        long lm = percentile(localBatches, 50);
        long rm = percentile(remoteBatches, 50);
        System.out.println("spark.batch_rows " + ROWS + " rows");
        System.out.println("spark.embedded.batch_latency_p50 " + lm + " ms");
        System.out.println("spark.embedded.batch_latency_p95 " + percentile(localBatches, 95) + " ms");
        System.out.println("spark.remote.batch_latency_p50 " + rm + " ms");
        System.out.println("spark.remote.batch_latency_p95 " + percentile(remoteBatches, 95) + " ms");
        System.out.printf("spark.remote_vs_embedded.batch_latency_ratio %.2f x%n", (double) rm / Math.max(1, lm));
        double lr = median(localRate);
        double rr = median(remoteRate);
        System.out.printf("spark.embedded.throughput %.0f rows/s%n", lr);
        System.out.printf("spark.remote.throughput %.0f rows/s%n", rr);
        System.out.printf("spark.embedded_vs_remote.throughput_ratio %.2f x%n", lr / rr);
        System.out.flush();
        kernelPart(server, input);
    }

    private static void check(long rows, String engine) {
        if (rows != (long) FILES * ROWS) {
            throw new IllegalStateException(engine + " read " + rows + " rows, not " + (long) FILES * ROWS);
        }
    }

    private static DataStreamWriter query(Eddy eddy, Path input, String name) {
        Sql sql = new Sql(eddy).startInserts(false);
        sql.execute("CREATE STREAM events (player STRING, n BIGINT, ts TIMESTAMP(3),"
                + " WATERMARK FOR ts AS ts - INTERVAL '10' SECOND) WITH ('connector' = 'file', 'path' = '" + input
                + "', 'format' = 'json', 'maxFilesPerTrigger' = '1')");
        return sql.stream("SELECT window.start AS window_start, player, COUNT(*) AS cnt, SUM(n) AS total"
                        + " FROM events GROUP BY window(ts, '10 seconds'), player")
                .writeStream()
                .outputMode("update")
                .trigger(Trigger.availableNow())
                .queryName(name);
    }

    /** FILES files of ROWS events each, 100 players, event time moving 1 ms per row. */
    private static void writeInput(Path dir) throws Exception {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        long i = 0;
        for (int f = 1; f <= FILES; f++) {
            StringBuilder b = new StringBuilder();
            for (int r = 0; r < ROWS; r++, i++) {
                b.append("{\"player\": \"p")
                        .append(i % 100)
                        .append("\", \"n\": ")
                        .append(i % 7)
                        .append(", \"ts\": \"")
                        .append(t.plusMillis(i))
                        .append("\"}\n");
            }
            Path file = Files.writeString(dir.resolve(f + ".json"), b);
            Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L + 10_000L * f));
        }
    }

    /** bench.py through the installed kernel (run.sh installs it with engines/ and sets JUPYTER_PATH). */
    private static void kernelPart(SparkConnectTestServer server, Path input) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", System.getProperty("bench.py"))
                .redirectErrorStream(false)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        Map<String, String> env = pb.environment();
        env.put("EDDY_SPARK_URL", server.url());
        env.put("BENCH_INPUT", input.toString());
        int rc = pb.start().waitFor();
        if (rc != 0) {
            throw new IllegalStateException("bench.py failed (" + rc + ")");
        }
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> s = new ArrayList<>(values);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1));
    }

    private static double median(List<Double> values) {
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
