package dev.eddy.streaming.kafka;

import dev.eddy.streaming.testing.process.ChildProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * One real single-node KRaft broker per test JVM (kafka_2.13 from Maven Central, started as a separate process
 * from the test class path), shared by all Kafka ITs. It can be stopped and started again on the same port and
 * data directory to test broker outages.
 */
public final class KafkaBroker {
    private static KafkaBroker shared;
    private final Path dir;
    private final int port;
    private final int controllerPort;
    private ChildProcess process;

    private KafkaBroker(Path dir, int port, int controllerPort) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            try {
                shared = new KafkaBroker(
                        Files.createTempDirectory("eddy-kafka"), ChildProcess.freePort(), ChildProcess.freePort());
                shared.format();
                shared.start();
                Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    public String bootstrap() {
        return "localhost:" + port;
    }

    private void format() throws IOException {
        Path config = dir.resolve("server.properties");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "process.roles=broker,controller",
                        "node.id=1",
                        "controller.quorum.voters=1@localhost:" + controllerPort,
                        "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                        "advertised.listeners=PLAINTEXT://localhost:" + port,
                        "controller.listener.names=CONTROLLER",
                        "inter.broker.listener.name=PLAINTEXT",
                        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                        "log.dirs=" + dir.resolve("data"),
                        "num.partitions=1",
                        "offsets.topic.replication.factor=1",
                        "offsets.topic.num.partitions=1",
                        "transaction.state.log.replication.factor=1",
                        "transaction.state.log.min.isr=1",
                        "transaction.state.log.num.partitions=1",
                        "group.initial.rebalance.delay.ms=0",
                        "share.coordinator.state.topic.replication.factor=1",
                        "share.coordinator.state.topic.min.isr=1",
                        "auto.create.topics.enable=false",
                        // no time retention: tests write records dated 1970 (startingTimestamp cases), which the
                        // default 7 days deleted at the next retention check (KafkaSparkOptionsIT saw offset 0 gone)
                        "log.retention.ms=-1",
                        ""));
        ChildProcess format = java(
                "Kafka storage format",
                "format.log",
                "kafka.tools.StorageTool",
                "format",
                "-t",
                Uuid.randomUuid().toString(),
                "-c",
                config.toString());
        if (!format.awaitSuccess(Duration.ofSeconds(60))) {
            throw new IllegalStateException("formatting the Kafka storage failed; see " + dir.resolve("format.log"));
        }
    }

    private ChildProcess java(String name, String log, String main, String... args) {
        List<String> cmd = ChildProcess.java(
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                main);
        cmd.addAll(List.of(args));
        return ChildProcess.start(name, cmd, null, dir.resolve(log));
    }

    /** Starts the broker process and waits (with a deadline) until it answers. */
    public synchronized void start() {
        process = java(
                "the Kafka broker",
                "broker.log",
                "kafka.Kafka",
                dir.resolve("server.properties").toString());
        process.awaitReady(this::answers, Duration.ofSeconds(90));
    }

    private boolean answers() {
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Stops the broker process (SIGKILL: a crash, not a clean shutdown) and waits for it to end. */
    public synchronized void stop() {
        if (process != null) {
            process.kill();
            process = null;
        }
    }

    public Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        return Admin.create(p);
    }

    private static boolean allLed(Admin admin, String topic) throws Exception {
        TopicDescription d;
        try {
            d = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false; // created, but not in the broker's metadata yet (seen on a loaded machine)
            }
            throw e;
        }
        return d.partitions().stream()
                .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
    }

    public void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            // the topic exists before every partition has its leader: wait for them, so producers do not start
            // against partitions the broker does not serve yet
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!allLed(admin, name)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + name + " has a partition without a leader after 30 s");
                }
            }
        }
    }
}
