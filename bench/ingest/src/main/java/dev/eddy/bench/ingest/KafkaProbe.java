package dev.eddy.bench.ingest;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.internal.format.CsvOptions;
import dev.eddy.streaming.internal.format.ParsedRow;
import dev.eddy.streaming.internal.format.TextFormats;
import dev.eddy.streaming.internal.format.TextFormats.RecordParser;
import dev.eddy.streaming.internal.source.kafka.KafkaRawBatchScan;
import dev.eddy.streaming.internal.source.kafka.KafkaRawRecords;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.ApiVersions;
import org.apache.kafka.clients.ClientRequest;
import org.apache.kafka.clients.ClientResponse;
import org.apache.kafka.clients.ClientUtils;
import org.apache.kafka.clients.ManualMetadataUpdater;
import org.apache.kafka.clients.MetadataRecoveryStrategy;
import org.apache.kafka.clients.NetworkClient;
import org.apache.kafka.clients.NetworkClientUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.network.ChannelBuilder;
import org.apache.kafka.common.network.Selector;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;
import org.apache.kafka.common.utils.LogContext;
import org.apache.kafka.common.utils.Time;

/**
 * Issue #16's allocation experiment: bytes allocated per record by ways of reading one topic, each in a fresh JVM
 * against the real broker the ingest run starts. Through {@code KafkaConsumer} (byte[] values as a plain loop;
 * ByteBuffer values as Eddy's source reads them; with {@code check.crcs=false}) and below it: Fetch requests sent
 * with the client's own network layer ({@code NetworkClient}) and each response's record batches read in place
 * (record format v2 parsed over the response's bytes: no object per record). The {@code _decode} variants also
 * decode each JSON value into a batch's columns as the sources do (batches of 500,000 rows), which is what an Eddy
 * source would allocate at the least. Not a robust consumer: one partition, its leader found once, no retry.
 */
final class KafkaProbe {
    static final List<String> MODES = List.of(
            "consumer_bytes",
            "consumer_buffer",
            "consumer_buffer_nocrc",
            "consumer_buffer_decode",
            "raw",
            "raw_nocrc",
            "raw_decode");

    private KafkaProbe() {}

    /** The driver: a broker, one topic of {@code records} bids, each mode in fresh JVMs, modes alternating. */
    static void drive(Path work, long records, int runs, List<String> jvm) throws Exception {
        List<String> modes = Arrays.asList(System.getenv()
                .getOrDefault("PROBE_MODES", String.join(",", MODES))
                .split(","));
        Map<String, List<double[]>> results = new TreeMap<>();
        Set<String> checksums = new HashSet<>();
        try (Broker broker = new Broker(work)) {
            broker.createTopic("bids", 1);
            Ingest.produce(broker.bootstrap(), "bids", 1, records, false);
            for (int r = 0; r < runs; r++) {
                for (String mode : modes) {
                    List<String> cmd = new ArrayList<>();
                    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java")
                            .toString());
                    cmd.addAll(jvm);
                    cmd.addAll(List.of(
                            "-cp",
                            System.getProperty("java.class.path"),
                            Ingest.class.getName(),
                            "kafka_probe_run",
                            mode,
                            Long.toString(records),
                            broker.bootstrap()));
                    Process p = new ProcessBuilder(cmd)
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(
                                    work.resolve("probe.log").toFile()))
                            .start();
                    if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                        throw new IllegalStateException(mode + " failed; see " + work.resolve("probe.log"));
                    }
                    String[] line = lastResult(work.resolve("probe.log"), mode);
                    double[] one = {
                        Double.parseDouble(line[0]), Double.parseDouble(line[1]), Double.parseDouble(line[2])
                    };
                    checksums.add(line[3]);
                    if (one[0] != records) {
                        throw new IllegalStateException(mode + " read " + one[0] + " records, not " + records);
                    }
                    results.computeIfAbsent(mode, k -> new ArrayList<>()).add(one);
                }
            }
        }
        double base = 0;
        // every run of every mode read the same values
        System.out.println("ingest.kafka_probe.answers_equal " + (checksums.size() == 1 ? 1 : 0));
        for (String mode : modes) {
            List<double[]> rs = results.get(mode);
            double rate = median(rs.stream().mapToDouble(x -> x[0] / x[1]).toArray());
            double bytes = median(rs.stream().mapToDouble(x -> x[2] / x[0]).toArray());
            if (mode.equals("consumer_bytes")) {
                base = rate;
            }
            System.out.printf(Locale.ROOT, "ingest.kafka_probe.%s.records_per_s %.0f records/s%n", mode, rate);
            System.out.printf(Locale.ROOT, "ingest.kafka_probe.%s.alloc_per_record %.1f bytes/record%n", mode, bytes);
            if (base > 0) {
                System.out.printf(
                        Locale.ROOT, "ingest.kafka_probe.%s.vs_consumer_bytes.ratio %.3f x%n", mode, rate / base);
            }
        }
    }

    private static double median(double[] v) {
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String[] lastResult(Path log, String mode) throws Exception {
        List<String> lines = Files.readAllLines(log);
        for (int i = lines.size() - 1; i >= 0; i--) {
            String[] f = lines.get(i).split(" ");
            if (f.length == 6 && f[0].equals("PROBE") && f[1].equals(mode)) {
                return new String[] {f[2], f[3], f[4], f[5]};
            }
        }
        throw new IllegalStateException("no result of " + mode + " in " + log);
    }

    /** One mode in this JVM: prints {@code PROBE mode records seconds allocated checksum} (sum of value hashes). */
    static void run(String mode, long records, String bootstrap) throws Exception {
        Decoder decoder = mode.endsWith("_decode") ? new Decoder() : null;
        long alloc0 = EddyRun.allocated();
        long t0 = System.nanoTime();
        long[] seen;
        if (mode.startsWith("consumer_")) {
            seen = consumer(mode, records, bootstrap, decoder);
        } else {
            seen = raw(!mode.equals("raw_nocrc"), records, bootstrap, decoder);
        }
        long ns = System.nanoTime() - t0;
        long alloc = EddyRun.allocated() - alloc0;
        System.out.println("PROBE " + mode + " " + seen[0] + " " + ns / 1e9 + " " + alloc + " " + seen[1]);
    }

    /** JSON values into a batch's columns as the sources do (RecordParser.decodeFast), 500,000 rows a batch. */
    static final class Decoder {
        private final RecordParser parser =
                TextFormats.parser("json", TextFormats.columns(Bids.SCHEMA), CsvOptions.DEFAULT);
        private final ParsedRow row = new ParsedRow(TextFormats.columns(Bids.SCHEMA));
        private BatchBuilder out = Batch.builder(Bids.SCHEMA, ParserBench.BATCH);
        long checksum;

        void decode(byte[] b, int off, int len) {
            if (!parser.decodeFast(b, off, len, out)) {
                byte[] copy = Arrays.copyOfRange(b, off, off + len);
                parser.parseFull(copy, row);
                TextFormats.write(row, out, 0);
            }
            out.endRow();
            if (out.numRows() == ParserBench.BATCH) {
                flush();
            }
        }

        void flush() {
            if (out.numRows() > 0) {
                Batch b = out.build();
                checksum += ((Number) b.column(0).get(b.numRows() - 1)).longValue();
                out = Batch.builder(Bids.SCHEMA, ParserBench.BATCH);
            }
        }
    }

    private static long[] consumer(String mode, long records, String bootstrap, Decoder decoder) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        boolean bytes = mode.equals("consumer_bytes");
        String deserializer = (bytes ? ByteArrayDeserializer.class : ByteBufferDeserializer.class).getName();
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, deserializer);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, deserializer);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(4 << 20));
        p.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, Integer.toString(1 << 20));
        if (mode.contains("nocrc")) {
            p.put(ConsumerConfig.CHECK_CRCS_CONFIG, "false");
        }
        long seen = 0;
        long sum = 0;
        try (KafkaConsumer<Object, Object> c = new KafkaConsumer<>(p)) {
            TopicPartition tp = new TopicPartition("bids", 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            while (seen < records) {
                for (ConsumerRecord<Object, Object> r : c.poll(Duration.ofMillis(200))) {
                    if (bytes) {
                        byte[] v = (byte[]) r.value();
                        sum += hash(v, 0, v.length);
                    } else {
                        ByteBuffer v = (ByteBuffer) r.value();
                        sum += hash(v.array(), v.arrayOffset() + v.position(), v.remaining());
                        if (decoder != null) {
                            decoder.decode(v.array(), v.arrayOffset() + v.position(), v.remaining());
                        }
                    }
                    seen++;
                }
            }
        }
        if (decoder != null) {
            decoder.flush();
        }
        return new long[] {seen, sum};
    }

    /**
     * Fetch requests through the client's NetworkClient to the partition's leader, each response's record batches
     * read where they lie by the Kafka source's own classes ({@code KafkaRawBatchScan}: batch headers, optional
     * CRC-32C; {@code KafkaRawRecords.Cursor}: each record's varints); the value's bytes are touched (or decoded) in
     * the response's own array.
     */
    private static long[] raw(boolean checkCrc, long records, String bootstrap, Decoder decoder) throws Exception {
        String topic = "bids";
        TopicPartition tp = new TopicPartition(topic, 0);
        Node leader;
        Uuid topicId;
        Properties ap = new Properties();
        ap.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(ap)) {
            TopicDescription d =
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            topicId = d.topicId();
            leader = d.partitions().get(0).leader();
        }
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        ConsumerConfig config = new ConsumerConfig(p);
        LogContext log = new LogContext("[eddy-raw-probe] ");
        Time time = Time.SYSTEM;
        long seen = 0;
        long sum = 0;
        try (Metrics metrics = new Metrics()) {
            ChannelBuilder channels = ClientUtils.createChannelBuilder(config, time, log);
            Selector selector = new Selector(540_000, metrics, time, "eddy-raw", channels, log);
            try (NetworkClient client = new NetworkClient(
                    selector,
                    new ManualMetadataUpdater(List.of(leader)),
                    "eddy-raw-probe",
                    1,
                    50,
                    1000,
                    128 * 1024,
                    1 << 20,
                    30_000,
                    10_000,
                    30_000,
                    time,
                    true,
                    new ApiVersions(),
                    log,
                    MetadataRecoveryStrategy.NONE)) {
                if (!NetworkClientUtils.awaitReady(client, leader, time, 30_000)) {
                    throw new IllegalStateException("no connection to " + leader);
                }
                long offset = 0;
                Map<Uuid, String> names = Map.of(topicId, topic);
                KafkaRawRecords.Cursor cursor = new KafkaRawRecords.Cursor();
                while (seen < records) {
                    Map<TopicPartition, FetchRequest.PartitionData> want = new LinkedHashMap<>();
                    want.put(tp, new FetchRequest.PartitionData(topicId, offset, -1, 4 << 20, Optional.empty()));
                    FetchRequest.Builder b = FetchRequest.Builder.forConsumer(
                                    ApiKeys.FETCH.latestVersion(), 500, 1, want)
                            .isolationLevel(IsolationLevel.READ_COMMITTED)
                            .setMaxBytes(50 << 20);
                    ClientRequest req = client.newClientRequest(leader.idString(), b, time.milliseconds(), true);
                    ClientResponse resp = NetworkClientUtils.sendAndReceive(client, req, time);
                    FetchResponse fr = (FetchResponse) resp.responseBody();
                    FetchResponseData.PartitionData pd = fr.responseData(
                                    names, resp.requestHeader().apiVersion())
                            .get(tp);
                    Errors error = Errors.forCode(pd.errorCode());
                    if (error != Errors.NONE) {
                        throw error.exception();
                    }
                    ByteBuffer buf = ((MemoryRecords) FetchResponse.recordsOrFail(pd)).buffer();
                    if (!buf.hasRemaining()) {
                        continue; // nothing new yet
                    }
                    // the Kafka source's own batch walk and record cursor (no aborted-transaction filter: none here)
                    KafkaRawBatchScan.Result scan = KafkaRawBatchScan.scan(tp, offset, buf, checkCrc, null);
                    if (!scan.whole()) {
                        throw new IllegalStateException("a record batch larger than the fetch size at " + offset);
                    }
                    if (scan.kept() != null) {
                        cursor.reset(scan.kept());
                        while (cursor.next()) {
                            int len = cursor.valueLength();
                            seen++;
                            sum += hash(cursor.valueArray(), cursor.valueOffset(), Math.max(0, len));
                            if (decoder != null && len >= 0) {
                                decoder.decode(cursor.valueArray(), cursor.valueOffset(), len);
                            }
                        }
                    }
                    offset = scan.next();
                }
            }
        }
        if (decoder != null) {
            decoder.flush();
        }
        return new long[] {seen, sum};
    }

    /**
     * What every mode computes over each value's bytes, summed over the records: equal sums say the modes read the
     * same values (the driver checks).
     */
    static long hash(byte[] a, int off, int len) {
        long h = len;
        for (int i = off; i < off + len; i++) {
            h = h * 31 + a[i];
        }
        return h;
    }
}
