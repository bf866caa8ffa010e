package dev.eddy.bench.ingest;

import dev.eddy.connectors.parquet.api.ParquetFiles;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Runs the ingest benchmark. Without arguments it orchestrates: starts the broker, writes the input once to a Kafka
 * topic and to JSON-lines files, then runs every path in fresh JVMs (median of INGEST_RUNS, default 3) and prints
 * {@code <figure> <value> <unit>} lines with the ratios. With a path name it is one of those fresh JVMs.
 * Environment: INGEST_RUNS, INGEST_RECORDS (5000000), INGEST_BATCH (500000), INGEST_SPARK (1; 0 skips Spark),
 * INGEST_PATHS (comma-separated subset of the Eddy paths), INGEST_BEFORE_JAR (the streaming-core jar of an earlier
 * build, and its eddy-connectors jar after a ':' when the Parquet path runs: every Eddy path also runs on them, for
 * before/after figures from one run), INGEST_MID_JAR (a third build run the same way: {@code eddy_mid}), INGEST_READAHEAD ({@code both}, the
 * default: every Eddy path also runs with {@code -Deddy.readAhead=false}, figures {@code eddy_readahead_off} and the
 * on/off ratios from the same run; {@code on} skips those), INGEST_KAFKA_FETCH ({@code both}, the default: each Kafka
 * path also runs with the source option {@code fetch = consumer}, figures {@code eddy_consumer}, beside {@code eddy} with
 * the default {@code fetch = raw}; {@code default} skips those),
 * SPARK_CP (the Spark peer's class path, from run.sh).
 */
public final class Ingest {
    private static final List<String> EDDY_PATHS =
            List.of("kafka_json", "files_json", "parquet", "topic_json", "topic_raw", "prebuilt");
    private static final List<String> JVM = List.of("-Xms3g", "-Xmx3g", "-XX:+UseParallelGC");
    /** The engine's switch for reading the next batch ahead (on by default). */
    private static final String READ_AHEAD_OFF = "-Deddy.readAhead=false";
    /**
     * The child JVM's property saying how its build reads a JSON number in a TIMESTAMP column: {@link #JSON_MILLIS}
     * for builds before d4480cf7 (epoch milliseconds), absent for later ones (epoch seconds, as Spark).
     */
    static final String JSON_TS = "ingest.jsonTs";

    static final String JSON_MILLIS = "millis";
    /** The Kafka topics and the files' directory holding the bids with ts in milliseconds carry this suffix. */
    static final String MILLIS_SUFFIX = "_ms";
    /** A class d4480cf7 added with the epoch-seconds rule: a streaming-core jar without it reads milliseconds. */
    private static final String SECONDS_RULE_CLASS = "dev/eddy/streaming/internal/format/SparkTimestampText.class";

    private static Path LOGS;

    private Ingest() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("parsers")) {
            ParserBench.run(Integer.parseInt(args[1]));
            ParserBench.runCsv(Integer.parseInt(args[1]));
            System.exit(0);
        }
        if (args.length > 0 && args[0].equals("kafka_probe_run")) { // one mode of the allocation probe
            KafkaProbe.run(args[1], Long.parseLong(args[2]), args[3]);
            System.exit(0);
        }
        if (args.length > 0 && args[0].equals("kafka_probe")) { // issue #16's allocation probe (README)
            Path work =
                    Path.of(env("INGEST_WORK", "target/work")).toAbsolutePath().resolve("probe");
            deleteTree(work);
            Files.createDirectories(work);
            KafkaProbe.drive(
                    work,
                    Long.parseLong(env("INGEST_RECORDS", "5000000")),
                    Integer.parseInt(env("INGEST_RUNS", "3")),
                    JVM);
            System.exit(0);
        }
        if (args.length > 0) {
            long records = Long.parseLong(args[1]);
            int perBatch = Integer.parseInt(args[2]);
            if (args[0].equals("latency")) {
                LatencyRun.run(args[3]);
            } else if (args[0].startsWith("bare")) {
                BareConsumer.run(records, args[3], Bids.topic(args[0]));
            } else {
                EddyRun.run(args[0], records, perBatch, args[3], args[4]);
            }
            System.exit(0);
        }
        if (!env("INGEST_PARSERS", "1").equals("0")) { // JSON and CSV decoding alone, in a fresh JVM
            List<String> cmd = new ArrayList<>(List.of(java()));
            cmd.addAll(JVM);
            cmd.addAll(List.of(
                    "-cp", System.getProperty("java.class.path"), Ingest.class.getName(), "parsers", "1000000"));
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("the parser benchmark failed");
            }
        }
        int runs = Integer.parseInt(env("INGEST_RUNS", "3"));
        long records = Long.parseLong(env("INGEST_RECORDS", "5000000"));
        int perBatch = Integer.parseInt(env("INGEST_BATCH", "500000"));
        // INGEST_SPARK_RUNS: Spark's runs are the longest; 1 takes it once
        int sparkRuns = Integer.parseInt(env("INGEST_SPARK_RUNS", Integer.toString(runs)));
        boolean spark =
                !env("INGEST_SPARK", "1").equals("0") && !env("SPARK_CP", "").isEmpty();
        List<String> paths = env("INGEST_PATHS", "").isEmpty()
                ? EDDY_PATHS
                : Arrays.asList(env("INGEST_PATHS", "").split(","));
        // INGEST_KAFKA_PARTITIONS=1,4: the Kafka path on a topic of each partition count (kafka_json, kafka_json_p4)
        List<Integer> partitionCounts = Arrays.stream(
                        env("INGEST_KAFKA_PARTITIONS", "1").split(","))
                .map(String::trim)
                .map(Integer::parseInt)
                .toList();
        paths = withKafkaVariants(paths, partitionCounts);
        Path work = Path.of(env("INGEST_WORK", "target/work")).toAbsolutePath();
        deleteTree(work);
        Files.createDirectories(work.resolve("kafka"));
        LOGS = Files.createDirectories(work.resolve("logs"));
        Path files = work.resolve("files");
        writeFiles(files, records, perBatch, false);
        String before = env("INGEST_BEFORE_JAR", "");
        String mid = env("INGEST_MID_JAR", "");
        // an earlier build that reads JSON numbers as milliseconds gets the same instants in milliseconds: with the
        // seconds its 5 M bids fell in one or two windows (10,639 result rows instead of 506,439), a lighter query
        boolean millisInput = readsJsonMillis(before) || readsJsonMillis(mid);
        if (millisInput) {
            writeFiles(millisFiles(files.toString()), records, perBatch, true);
        }
        writeParquet(parquetDir(files.toString()), records, perBatch);
        Map<String, Result> results = new LinkedHashMap<>();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        try (Broker broker = new Broker(work.resolve("kafka"))) {
            broker.createTopic("lat", 1);
            List<String> common =
                    List.of(Long.toString(records), Integer.toString(perBatch), broker.bootstrap(), files.toString());
            for (int n : partitionCounts) {
                String kafkaPath = kafkaPath(n);
                broker.createTopic(Bids.topic(kafkaPath), n);
                produce(broker.bootstrap(), Bids.topic(kafkaPath), n, records, false);
                if (millisInput && paths.contains(kafkaPath)) {
                    broker.createTopic(Bids.topic(kafkaPath) + MILLIS_SUFFIX, n);
                    produce(broker.bootstrap(), Bids.topic(kafkaPath) + MILLIS_SUFFIX, n, records, true);
                }
                String bare = n == 1 ? "bare" : "bare_p" + n;
                results.put(bareFigure(kafkaPath), median(runs, eddyCommand(bare, common, "")));
            }
            boolean readAheadOff = !env("INGEST_READAHEAD", "both").equals("on");
            for (String p : paths) {
                // runs compared with each other alternate (a, b, c, a, b, c, ...), so a change in load falls on all
                Map<String, List<String>> variants = new LinkedHashMap<>();
                if (!before.isEmpty()) { // the same path on an earlier build of streaming-core
                    variants.put(p + ".eddy_before", eddyCommand(p, common, before));
                }
                if (!mid.isEmpty()) { // a second earlier build, e.g. the first of two changes measured in one run
                    variants.put(p + ".eddy_mid", eddyCommand(p, common, mid));
                }
                variants.put(p + ".eddy", eddyCommand(p, common, ""));
                if (p.startsWith("kafka_json")
                        && !env("INGEST_KAFKA_FETCH", "both").equals("default")) {
                    // the same build through KafkaConsumer (option fetch = consumer; eddy has the default, raw)
                    variants.put(p + ".eddy_consumer", eddyCommand(p, common, "", "-Dingest.fetch=consumer"));
                }
                String fetchThreads = env("INGEST_FETCH_THREADS", "");
                if (!fetchThreads.isEmpty() && p.startsWith("kafka_json_p")) { // parallel fetchers, same build
                    variants.put(
                            p + ".eddy_fetch" + fetchThreads,
                            eddyCommand(p, common, "", "-Dingest.fetchThreads=" + fetchThreads));
                }
                List<Result> medians = medians(runs, List.copyOf(variants.values()));
                int i = 0;
                for (String figure : variants.keySet()) {
                    results.put(figure, medians.get(i++));
                }
                if (readAheadOff) { // the same build with read-ahead off: main's strictly serial batches
                    results.put(p + ".eddy_readahead_off", median(runs, eddyCommand(p, common, "", READ_AHEAD_OFF)));
                }
            }
            if (!env("INGEST_LATENCY", "1").equals("0")) { // per-batch latency at a 100 ms trigger, from Kafka
                if (!before.isEmpty()) {
                    latency("eddy_before", runs, eddyCommand("latency", common, before));
                }
                if (readAheadOff) {
                    latency("eddy_readahead_off", runs, eddyCommand("latency", common, "", READ_AHEAD_OFF));
                }
                latency("eddy", runs, eddyCommand("latency", common, ""));
                if (!env("INGEST_KAFKA_FETCH", "both").equals("default")) {
                    latency("eddy_consumer", runs, eddyCommand("latency", common, "", "-Dingest.fetch=consumer"));
                }
            }
            if (spark) {
                for (String p : paths) {
                    if (p.startsWith("kafka_json") || p.equals("files_json") || p.equals("parquet")) {
                        results.put(p + ".spark", median(sparkRuns, sparkCommand(p, common, work)));
                    }
                }
            }
        }
        report(results, records, paths);
        // the machine is shared: the load around the run says how far to trust figures across runs (ratios within
        // one run are what to compare)
        print("ingest.machine.load_avg_1m.start", loadBefore, "load");
        print(
                "ingest.machine.load_avg_1m.end",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                "load");
        print("ingest.machine.cpus", Runtime.getRuntime().availableProcessors(), "cpus");
    }

    /** kafka_json on one partition keeps its name; on N partitions it is kafka_json_pN. */
    private static String kafkaPath(int partitions) {
        return partitions == 1 ? "kafka_json" : "kafka_json_p" + partitions;
    }

    private static String bareFigure(String kafkaPath) {
        return kafkaPath.equals("kafka_json") ? "kafka.bare_consumer" : kafkaPath + ".bare_consumer";
    }

    /** The Eddy paths with kafka_json replaced by one Kafka path per partition count. */
    private static List<String> withKafkaVariants(List<String> paths, List<Integer> partitionCounts) {
        List<String> out = new ArrayList<>();
        for (String p : paths) {
            if (p.equals("kafka_json")) {
                partitionCounts.forEach(n -> out.add(kafkaPath(n)));
            } else {
                out.add(p);
            }
        }
        return out;
    }

    private static void report(Map<String, Result> r, long records, List<String> paths) {
        for (var e : r.entrySet()) {
            print("ingest." + e.getKey() + ".rows_per_s", e.getValue().rowsPerSecond(), "rows/s");
            if (e.getKey().contains(".eddy")) {
                print(
                        "ingest." + e.getKey() + ".alloc_per_row",
                        (double) e.getValue().allocated() / records,
                        "B/row");
            }
            if (!e.getValue().cpu().isEmpty()) { // the median run's thread utilisation
                for (String g : e.getValue().cpu().split(",")) {
                    String[] kv = g.split("=");
                    print("ingest." + e.getKey() + ".cpu." + kv[0], Double.parseDouble(kv[1]), "cores");
                }
            }
        }
        for (String p : paths) {
            if (p.startsWith("kafka_json") && r.containsKey(bareFigure(p))) {
                print(
                        "ingest." + bareFigure(p) + ".alloc_per_row",
                        (double) r.get(bareFigure(p)).allocated() / records,
                        "B/row");
                ratio(r, "ingest." + p + ".eddy_vs_bare_consumer.ratio", p + ".eddy", bareFigure(p));
                ratio(r, "ingest." + p + ".eddy_before_vs_bare_consumer.ratio", p + ".eddy_before", bareFigure(p));
                ratio(r, "ingest." + p + ".eddy_mid_vs_bare_consumer.ratio", p + ".eddy_mid", bareFigure(p));
                ratio(r, "ingest." + p + ".eddy_vs_spark.ratio", p + ".eddy", p + ".spark");
                ratio(r, "ingest." + p + ".eddy_consumer_vs_bare_consumer.ratio", p + ".eddy_consumer", bareFigure(p));
                ratio(r, "ingest." + p + ".eddy_vs_eddy_consumer.ratio", p + ".eddy", p + ".eddy_consumer");
                String f = env("INGEST_FETCH_THREADS", "");
                ratio(r, "ingest." + p + ".eddy_fetch" + f + "_vs_eddy.ratio", p + ".eddy_fetch" + f, p + ".eddy");
            }
        }
        ratio(r, "ingest.files_json.eddy_vs_spark.ratio", "files_json.eddy", "files_json.spark");
        ratio(r, "ingest.parquet.eddy_vs_spark.ratio", "parquet.eddy", "parquet.spark");
        ratio(r, "ingest.topic_json.eddy_vs_topic_raw.ratio", "topic_json.eddy", "topic_raw.eddy");
        for (String p : paths) {
            ratio(r, "ingest." + p + ".eddy_after_vs_before.ratio", p + ".eddy", p + ".eddy_before");
            ratio(r, "ingest." + p + ".eddy_mid_vs_before.ratio", p + ".eddy_mid", p + ".eddy_before");
            ratio(r, "ingest." + p + ".eddy_after_vs_mid.ratio", p + ".eddy", p + ".eddy_mid");
            ratio(r, "ingest." + p + ".eddy_readahead_on_vs_off.ratio", p + ".eddy", p + ".eddy_readahead_off");
        }
        // every query path must give the same answer as every other and as Spark; a topic of N partitions splits
        // batches differently (update mode emits other rows), so its runs are compared among themselves
        Map<String, String> expected = new LinkedHashMap<>();
        boolean equal = true;
        for (var e : r.entrySet()) {
            if (e.getKey().contains("bare_consumer") || e.getKey().startsWith("topic_raw")) {
                continue;
            }
            String group = e.getKey().startsWith("kafka_json_p") ? e.getKey().split("\\.")[0] : "";
            String c = e.getValue().checksum();
            String first = expected.putIfAbsent(group, c);
            if (first != null && !first.equals(c)) {
                equal = false;
                System.err.println("answer differs: " + e.getKey() + " " + c + " vs " + first);
            }
        }
        System.err.println("answer checksums (rows/sum n/sum total/sum hash): " + expected);
        print("ingest.answers_equal", equal ? 1 : 0, "bool");
    }

    /** Median p50 and p99 over fresh JVMs, printed right away. */
    private static void latency(String who, int runs, List<String> cmd) throws Exception {
        double[] p50 = new double[runs];
        double[] p99 = new double[runs];
        for (int i = 0; i < runs; i++) {
            Path log = Files.createTempFile(LOGS, "latency-", ".log");
            Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
            String line = null;
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = out.readLine()) != null; ) {
                    if (l.startsWith("LATENCY ")) {
                        line = l;
                    }
                }
            }
            if (p.waitFor() != 0 || line == null) {
                throw new IllegalStateException("latency run failed; see " + log);
            }
            p50[i] = Double.parseDouble(line.split(" ")[1]);
            p99[i] = Double.parseDouble(line.split(" ")[2]);
        }
        Arrays.sort(p50);
        Arrays.sort(p99);
        print("ingest.kafka_json_100ms_trigger." + who + ".latency_p50", p50[runs / 2], "ms");
        print("ingest.kafka_json_100ms_trigger." + who + ".latency_p99", p99[runs / 2], "ms");
    }

    private static void ratio(Map<String, Result> r, String figure, String a, String b) {
        if (r.containsKey(a) && r.containsKey(b)) {
            print(figure, r.get(a).rowsPerSecond() / r.get(b).rowsPerSecond(), "x");
        }
    }

    /** {@code cpu}: per thread group, its CPU time over the run's wall time ({@code group=cores,...}; may be empty). */
    record Result(double rowsPerSecond, long allocated, String checksum, String cpu) {}

    /**
     * The medians of commands run alternately (a, b, a, b, ...), so that a change in the machine's load falls on all
     * alike: how before/after figures are taken on a shared machine.
     */
    private static List<Result> medians(int runs, List<List<String>> commands) throws Exception {
        List<List<Result>> all = new ArrayList<>();
        commands.forEach(c -> all.add(new ArrayList<>()));
        for (int i = 0; i < runs; i++) {
            for (int c = 0; c < commands.size(); c++) {
                all.get(c).add(runOnce(commands.get(c)));
            }
        }
        List<Result> out = new ArrayList<>();
        for (int c = 0; c < commands.size(); c++) {
            out.add(medianOf(all.get(c), commands.get(c)));
        }
        return out;
    }

    private static Result medianOf(List<Result> all, List<String> cmd) {
        for (Result r : all) {
            if (!r.checksum().equals(all.get(0).checksum())) {
                throw new IllegalStateException("runs disagree: " + r + " vs " + all.get(0) + " for " + cmd);
            }
        }
        List<Result> sorted = new ArrayList<>(all);
        sorted.sort((x, y) -> Double.compare(x.rowsPerSecond(), y.rowsPerSecond()));
        return sorted.get(sorted.size() / 2);
    }

    /** The median run by rate; every run must give the same checksum. */
    private static Result median(int runs, List<String> cmd) throws Exception {
        List<Result> all = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            all.add(runOnce(cmd));
            if (!all.get(i).checksum().equals(all.get(0).checksum())) {
                throw new IllegalStateException("runs disagree: " + all.get(i) + " vs " + all.get(0) + " for " + cmd);
            }
        }
        all.sort((x, y) -> Double.compare(x.rowsPerSecond(), y.rowsPerSecond()));
        return all.get(all.size() / 2);
    }

    private static Result runOnce(List<String> cmd) throws Exception {
        Path log = Files.createTempFile(LOGS, "run-", ".log");
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        String result = null;
        String cpu = "";
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) {
                    result = line;
                } else if (line.startsWith("CPU ")) {
                    cpu = line.substring("CPU ".length());
                }
            }
        }
        if (p.waitFor() != 0 || result == null) {
            throw new IllegalStateException(
                    "run failed (exit " + p.exitValue() + "; see " + log + "): " + String.join(" ", cmd));
        }
        String[] f = result.split(" ");
        return new Result(Long.parseLong(f[1]) / Double.parseDouble(f[2]), Long.parseLong(f[3]), f[4], cpu);
    }

    /**
     * A fresh JVM for one path; {@code coreJar}, when given, is the jars of an earlier build (streaming-core, and
     * eddy-connectors for the Parquet path; separated by the path separator), each replacing its namesake on the class
     * path.
     */
    private static List<String> eddyCommand(String path, List<String> common, String coreJar, String... jvmFlags) {
        List<String> cmd = new ArrayList<>(List.of(java()));
        cmd.addAll(JVM);
        // BENCH_JAVA_OPTS: extra flags for the Eddy and bare-consumer JVMs, e.g. a JFR recording
        for (String o : env("BENCH_JAVA_OPTS", "").trim().split("\\s+")) {
            if (!o.isEmpty()) {
                cmd.add(o);
            }
        }
        cmd.addAll(List.of(jvmFlags));
        if (readsJsonMillis(coreJar)) {
            cmd.add("-D" + JSON_TS + "=" + JSON_MILLIS);
        }
        String cp = System.getProperty("java.class.path");
        if (!coreJar.isEmpty()) { // each jar of the earlier build replaces the class path entry of the same name
            List<String> before = Arrays.asList(coreJar.split(File.pathSeparator));
            cp = String.join(
                    File.pathSeparator,
                    Arrays.stream(cp.split(File.pathSeparator))
                            .map(e -> before.stream()
                                    .filter(b -> Path.of(b)
                                            .getFileName()
                                            .equals(Path.of(e).getFileName()))
                                    .findFirst()
                                    .orElse(e))
                            .toList());
        }
        cmd.addAll(List.of("-cp", cp, Ingest.class.getName(), path));
        cmd.addAll(common);
        return cmd;
    }

    /**
     * Whether the earlier build {@code jars} (as INGEST_BEFORE_JAR: jars separated by the path separator; empty for
     * this build) reads a JSON number in a TIMESTAMP column as epoch milliseconds: its streaming-core jar predates
     * d4480cf7, which made it epoch seconds as in Spark.
     */
    static boolean readsJsonMillis(String jars) {
        if (jars.isEmpty()) {
            return false;
        }
        for (String jar : jars.split(File.pathSeparator)) {
            if (Path.of(jar).getFileName().toString().startsWith("streaming-core")) {
                try (JarFile j = new JarFile(jar)) {
                    return j.getEntry(SECONDS_RULE_CLASS) == null;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the earlier build's jar " + jar, e);
                }
            }
        }
        return false; // this build's streaming-core
    }

    private static List<String> sparkCommand(String path, List<String> common, Path work) {
        List<String> cmd = new ArrayList<>(List.of(java()));
        cmd.addAll(JVM);
        for (String p : List.of(
                "java.lang",
                "java.lang.invoke",
                "java.lang.reflect",
                "java.io",
                "java.net",
                "java.nio",
                "java.util",
                "java.util.concurrent",
                "java.util.concurrent.atomic",
                "jdk.internal.ref",
                "sun.nio.ch",
                "sun.nio.cs",
                "sun.security.action",
                "sun.util.calendar")) {
            cmd.add("--add-opens=java.base/" + p + "=ALL-UNNAMED");
        }
        cmd.addAll(List.of(
                "-Djdk.reflect.useDirectMethodHandle=false",
                "-Dio.netty.tryReflectionSetAccessible=true",
                "-Dspark.local.dir=" + work.resolve("spark-tmp"),
                "-cp",
                env("SPARK_CP", ""),
                "dev.eddy.bench.ingest.spark.SparkIngest",
                path));
        cmd.addAll(common);
        cmd.add(work.resolve("spark-ckpt-" + System.nanoTime()).toString());
        return cmd;
    }

    /** The bids, round robin over the topic's partitions (each partition in event-time order, as the one-partition topic). */
    static void produce(String bootstrap, String topic, int partitions, long records, boolean millis) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        // on a loaded machine the default 2-minute delivery timeout expired batches and the topic silently lacked
        // records (the bare consumer then waited for them forever): no timeout, and any failed send fails the run
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(Integer.MAX_VALUE));
        AtomicReference<Exception> failed = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (long i = 0; i < records && failed.get() == null; i++) {
                producer.send(
                        new ProducerRecord<>(topic, (int) (i % partitions), null, Bids.json(i, millis)),
                        (meta, e) -> failed.compareAndSet(null, e));
            }
        }
        if (failed.get() != null) {
            throw new IllegalStateException("writing the bids to " + topic + " failed", failed.get());
        }
    }

    /**
     * One JSON-lines file per batch, with increasing modification times (both engines read them in that order); ts in
     * whole epoch seconds, or with {@code millis} the same instants in milliseconds.
     */
    private static void writeFiles(Path dir, long records, int perBatch, boolean millis) throws IOException {
        Files.createDirectories(dir);
        long t = System.currentTimeMillis() - 3_600_000;
        for (int f = 0; (long) f * perBatch < records; f++) {
            Path file = dir.resolve(String.format(Locale.ROOT, "bids-%03d.json", f));
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                for (long i = (long) f * perBatch; i < Math.min(records, (long) (f + 1) * perBatch); i++) {
                    out.write(Bids.json(i, millis));
                    out.write('\n');
                }
            }
            Files.setLastModifiedTime(file, FileTime.fromMillis(t + f * 1000L));
        }
    }

    /** The JSON-lines files with ts in milliseconds (for builds before d4480cf7), beside the others. */
    static Path millisFiles(String jsonFiles) {
        return Path.of(jsonFiles).resolveSibling(Path.of(jsonFiles).getFileName() + MILLIS_SUFFIX);
    }

    /** The Parquet files' directory, beside the JSON-lines files' one. */
    static Path parquetDir(String jsonFiles) {
        return Path.of(jsonFiles).resolveSibling("parquet");
    }

    /**
     * The same bids as Parquet files (auction BIGINT, price BIGINT, ts TIMESTAMP; snappy, Spark's default), one file
     * of one row group per batch, with increasing modification times: both engines read the same files in order.
     */
    private static void writeParquet(Path dir, long records, int perBatch) throws IOException {
        Files.createDirectories(dir);
        long t = System.currentTimeMillis() - 3_600_000;
        for (int f = 0; (long) f * perBatch < records; f++) {
            long from = (long) f * perBatch;
            long to = Math.min(records, from + perBatch);
            BatchBuilder b = Batch.builder(Bids.SCHEMA, (int) (to - from));
            for (long i = from; i < to; i++) {
                b.setLong(0, Bids.auction(i)).setLong(1, Bids.price(i)).setTimestampMicros(2, Bids.tsMillis(i) * 1000);
                b.endRow();
            }
            Path file = dir.resolve(String.format(Locale.ROOT, "bids-%03d.parquet", f));
            ParquetFiles.write(b.build(), file, "snappy");
            Files.setLastModifiedTime(file, FileTime.fromMillis(t + f * 1000L));
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted((a, b) -> b.getNameCount() - a.getNameCount())
                    .map(Path::toFile)
                    .forEach(File::delete);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static void print(String figure, double value, String unit) {
        String v = Math.abs(value) >= 1000
                ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.3f", value);
        System.out.println(figure + " " + v + " " + unit);
        System.out.flush();
    }
}
