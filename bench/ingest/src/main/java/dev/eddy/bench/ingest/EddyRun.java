package dev.eddy.bench.ingest;

import static dev.eddy.streaming.api.expr.Functions.alias;
import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.count;
import static dev.eddy.streaming.api.expr.Functions.sum;
import static dev.eddy.streaming.api.expr.Functions.window;

import com.sun.management.ThreadMXBean;
import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.spi.Providers;
import dev.eddy.streaming.api.topic.TopicProducer;
import dev.eddy.streaming.api.topic.Topics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One measured Eddy run in this (fresh) JVM: the query from start to the end of the last batch. Prints
 * {@code RESULT <rows> <seconds> <allocated bytes> <checksum>}; allocation is summed over all live threads.
 */
final class EddyRun {
    private EddyRun() {}

    static void run(String path, long records, int perBatch, String bootstrap, String dir) throws Exception {
        Providers.register(new CheckSink());
        Eddy eddy = Eddy.create();
        boolean millis = Ingest.JSON_MILLIS.equals(System.getProperty(Ingest.JSON_TS));
        Dataset in = switch (path) {
            case "kafka_json", "kafka_json_p2", "kafka_json_p4", "kafka_json_p8" ->
                eddy.readStream()
                        .format("kafka")
                        .options(fetchThreads())
                        .option("kafka.bootstrap.servers", bootstrap)
                        .option("subscribe", Bids.topic(path) + (millis ? Ingest.MILLIS_SUFFIX : ""))
                        .option("startingOffsets", "earliest")
                        .option("maxOffsetsPerTrigger", perBatch)
                        .option("valueFormat", "json")
                        .schema(Bids.SCHEMA)
                        .load();
            case "files_json" ->
                eddy.readStream()
                        .format("json")
                        .option("path", millis ? Ingest.millisFiles(dir).toString() : dir)
                        .option("maxFilesPerTrigger", 1)
                        .schema(Bids.SCHEMA)
                        .load();
            case "parquet" ->
                eddy.readStream()
                        .format("parquet")
                        .option("maxFilesPerTrigger", 1)
                        .schema(Bids.SCHEMA)
                        .load(Ingest.parquetDir(dir).toString());
            case "topic_json", "topic_raw" -> {
                fillTopic(records, millis);
                var r = eddy.readStream()
                        .format("topic")
                        .option("topics", "ingest")
                        .option("topic", "bids")
                        .option("startingOffsets", "earliest")
                        .option("maxOffsetsPerTrigger", perBatch);
                yield path.equals("topic_raw")
                        ? r.load()
                        : r.option("valueFormat", "json").schema(Bids.SCHEMA).load();
            }
            case "prebuilt" -> {
                Providers.register(new PrebuiltSource(records, perBatch));
                yield eddy.readStream().format("prebuilt").load();
            }
            default -> throw new IllegalArgumentException("unknown path " + path);
        };
        Dataset q = path.equals("topic_raw")
                ? in
                : in.withWatermark("ts", "5 seconds")
                        .groupBy(window(col("ts"), "10 seconds"), col("auction"))
                        .agg(alias(count(), "n"), alias(sum(col("price")), "total"));
        System.gc();
        long alloc0 = allocated();
        Map<Long, Long> cpu0 = threadCpu();
        long t0 = System.nanoTime();
        StreamingQuery query = q.writeStream()
                .outputMode(path.equals("topic_raw") ? "append" : "update")
                .format("ingestcheck")
                .start();
        query.processAllAvailable();
        long ns = System.nanoTime() - t0;
        long alloc = allocated() - alloc0;
        String cpu = cpuLine(cpu0, ns);
        query.stop();
        System.out.println(cpu);
        System.out.println("RESULT " + records + " " + ns / 1e9 + " " + alloc + " " + CheckSink.checksum());
    }

    /**
     * -Dingest.fetchThreads=N (through BENCH_JAVA_OPTS) sets the Kafka source's fetchThreads option, -Dingest.fetch=F
     * its fetch option (consumer or raw).
     */
    private static Map<String, String> fetchThreads() {
        Map<String, String> out = new HashMap<>();
        String n = System.getProperty("ingest.fetchThreads");
        if (n != null) {
            out.put("fetchThreads", n);
        }
        String fetch = System.getProperty("ingest.fetch");
        if (fetch != null) {
            out.put("fetch", fetch);
        }
        return out;
    }

    private static void fillTopic(long records, boolean millis) {
        Topics topics = new Topics(new ManualClock(Bids.T0)).registerAs("ingest");
        topics.create("bids", 1);
        TopicProducer p = topics.producer("bids");
        for (long i = 0; i < records; i++) {
            p.send(null, Bids.json(i, millis), 0, Bids.tsMillis(i), List.of());
        }
    }

    /** CPU time so far per live thread (ns, by thread id). */
    static Map<Long, Long> threadCpu() {
        var mx = ManagementFactory.getThreadMXBean();
        Map<Long, Long> out = new HashMap<>();
        for (long id : mx.getAllThreadIds()) {
            out.put(id, mx.getThreadCpuTime(id));
        }
        return out;
    }

    /**
     * {@code CPU group=cores,...}: each thread group's CPU time since {@code before} over the run's wall time (1.0 = one
     * core busy all the run): the query thread, the engine's read-ahead thread, the Kafka source's fetch and decode
     * threads, and every other Java thread (GC and JIT threads are not Java threads and not counted).
     */
    static String cpuLine(Map<Long, Long> before, long wallNs) {
        var mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> byGroup = new TreeMap<>();
        for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t == null) {
                continue;
            }
            long now = mx.getThreadCpuTime(t.getThreadId());
            if (now < 0) {
                continue;
            }
            long used = now - before.getOrDefault(t.getThreadId(), 0L);
            byGroup.merge(group(t.getThreadName()), used, Long::sum);
        }
        StringBuilder sb = new StringBuilder("CPU");
        String sep = " ";
        for (var e : byGroup.entrySet()) {
            sb.append(sep)
                    .append(e.getKey())
                    .append('=')
                    .append(String.format(Locale.ROOT, "%.3f", (double) e.getValue() / wallNs));
            sep = ",";
        }
        return sb.toString();
    }

    private static String group(String thread) {
        for (String g : new String[] {"eddy-query", "eddy-readahead", "eddy-kafka-fetch", "eddy-kafka-decode"}) {
            if (thread.startsWith(g)) {
                return g.substring("eddy-".length());
            }
        }
        return thread.equals("main") ? "main" : "other";
    }

    /** Bytes allocated so far by all live threads (the query thread and any helper it starts). */
    static long allocated() {
        var mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long a : mx.getThreadAllocatedBytes(mx.getAllThreadIds())) {
            sum += Math.max(0, a);
        }
        return sum;
    }
}
