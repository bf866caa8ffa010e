package dev.eddy.spark.testing;

import dev.eddy.streaming.testing.process.ChildProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One real Spark Connect 4.2.0 server in {@code local[2]} per test JVM, shared by every integration test. It
 * runs as a child JVM from the Maven Central artifacts whose classpath the {@code spark-test-server} module
 * writes (system property {@code eddy.spark.server.classpath} names that file), listens on a free loopback
 * port, and is killed when the test JVM exits. It can be killed and started again on the same port to test a
 * lost server.
 */
public final class SparkConnectTestServer {
    private static final Duration START_DEADLINE = Duration.ofSeconds(120);
    // what Spark's own launcher passes on Java 17+ (spark-submit's JavaModuleOptions)
    private static final List<String> OPENS = List.of(
            "java.base/java.lang",
            "java.base/java.lang.invoke",
            "java.base/java.lang.reflect",
            "java.base/java.io",
            "java.base/java.net",
            "java.base/java.nio",
            "java.base/java.util",
            "java.base/java.util.concurrent",
            "java.base/java.util.concurrent.atomic",
            "java.base/jdk.internal.ref",
            "java.base/sun.nio.ch",
            "java.base/sun.nio.cs",
            "java.base/sun.security.action",
            "java.base/sun.util.calendar");

    private static SparkConnectTestServer shared;

    private final Path dir;
    private final int port;
    private final String classpath;
    private ChildProcess process;

    private SparkConnectTestServer(Path dir, int port, String classpath) {
        this.dir = dir;
        this.port = port;
        this.classpath = classpath;
    }

    /** The server of this test JVM, started on first use. */
    public static synchronized SparkConnectTestServer shared() {
        if (shared == null) {
            try {
                shared = new SparkConnectTestServer(
                        Files.createTempDirectory("eddy-spark"), ChildProcess.freePort(), readClasspath());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            shared.start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::kill));
        }
        return shared;
    }

    /** The Spark Connect URL of this server. */
    public String url() {
        return "sc://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** A directory on the server's machine (the same one here) for checkpoints and input files. */
    public Path workDir() {
        return dir;
    }

    /** Starts the server process and waits (polling with a deadline) until its gRPC port accepts. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        Path logConfig = dir.resolve("log4j2.properties");
        try {
            // warnings only: Spark's INFO lines cost the shared machine more than they tell a failing test
            Files.writeString(
                    logConfig,
                    String.join(
                            "\n",
                            "rootLogger.level = warn",
                            "rootLogger.appenderRef.out.ref = out",
                            "appender.out.type = Console",
                            "appender.out.name = out",
                            "appender.out.layout.type = PatternLayout",
                            "appender.out.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n",
                            ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = ChildProcess.java(
                "-Xmx1g",
                "-XX:+UseSerialGC",
                "-Dlog4j2.configurationFile=" + logConfig,
                "-Djdk.reflect.useDirectMethodHandle=false",
                "-Dio.netty.tryReflectionSetAccessible=true");
        for (String open : OPENS) {
            cmd.add("--add-opens=" + open + "=ALL-UNNAMED");
        }
        cmd.addAll(List.of(
                "-Dspark.master=local[2]",
                "-Dspark.app.name=eddy-it",
                "-Dspark.connect.grpc.binding.address=127.0.0.1",
                "-Dspark.connect.grpc.binding.port=" + port,
                "-Dspark.driver.host=127.0.0.1",
                "-Dspark.driver.bindAddress=127.0.0.1",
                "-Dspark.ui.enabled=false",
                "-Dspark.sql.shuffle.partitions=2",
                "-Dspark.local.dir=" + dir.resolve("tmp"),
                "-Dspark.sql.streaming.stopTimeout=10000",
                "-cp",
                classpath,
                "org.apache.spark.sql.connect.service.SparkConnectServer"));
        process = ChildProcess.start("the Spark Connect server", cmd, dir, dir.resolve("server.log"));
        process.awaitReady(this::accepts, START_DEADLINE);
    }

    /** Kills the server at once (as a crashed cluster would go). */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.kill();
        process = null;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String readClasspath() throws IOException {
        String file = System.getProperty("eddy.spark.server.classpath");
        if (file == null || !Files.isRegularFile(Path.of(file))) {
            throw new IllegalStateException("no Spark server classpath (system property eddy.spark.server.classpath = "
                    + file + "); build the engine-spark/spark-server module first");
        }
        return Files.readString(Path.of(file)).strip();
    }
}
