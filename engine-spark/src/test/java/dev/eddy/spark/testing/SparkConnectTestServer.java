package dev.eddy.spark.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
    private static final List<String> OPENS = List.of("java.base/java.lang", "java.base/java.lang.invoke",
            "java.base/java.lang.reflect", "java.base/java.io", "java.base/java.net", "java.base/java.nio",
            "java.base/java.util", "java.base/java.util.concurrent", "java.base/java.util.concurrent.atomic",
            "java.base/jdk.internal.ref", "java.base/sun.nio.ch", "java.base/sun.nio.cs",
            "java.base/sun.security.action", "java.base/sun.util.calendar");

    private static SparkConnectTestServer shared;

    private final Path dir;
    private final int port;
    private final String classpath;
    private Process process;

    private SparkConnectTestServer(Path dir, int port, String classpath) {
        this.dir = dir;
        this.port = port;
        this.classpath = classpath;
    }

    /** The server of this test JVM, started on first use. */
    public static synchronized SparkConnectTestServer shared() {
        if (shared == null) {
            try {
                shared = new SparkConnectTestServer(Files.createTempDirectory("eddy-spark"), freePort(), readClasspath());
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
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path logConfig = dir.resolve("log4j2.properties");
        try {
            // warnings only: Spark's INFO lines cost the shared machine more than they tell a failing test
            Files.writeString(logConfig, String.join("\n", "rootLogger.level = warn",
                    "rootLogger.appenderRef.out.ref = out", "appender.out.type = Console", "appender.out.name = out",
                    "appender.out.layout.type = PatternLayout", "appender.out.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n",
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "-XX:+UseSerialGC",
                "-Dlog4j2.configurationFile=" + logConfig,
                "-Djdk.reflect.useDirectMethodHandle=false", "-Dio.netty.tryReflectionSetAccessible=true"));
        for (String open : OPENS) {
            cmd.add("--add-opens=" + open + "=ALL-UNNAMED");
        }
        cmd.addAll(List.of("-Dspark.master=local[2]", "-Dspark.app.name=eddy-it",
                "-Dspark.connect.grpc.binding.address=127.0.0.1", "-Dspark.connect.grpc.binding.port=" + port,
                "-Dspark.driver.host=127.0.0.1", "-Dspark.driver.bindAddress=127.0.0.1", "-Dspark.ui.enabled=false",
                "-Dspark.sql.shuffle.partitions=2", "-Dspark.local.dir=" + dir.resolve("tmp"),
                "-Dspark.sql.streaming.stopTimeout=10000",
                "-cp", classpath, "org.apache.spark.sql.connect.service.SparkConnectServer"));
        try {
            process = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();
        while (!accepts()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Spark Connect server exited with " + process.exitValue()
                        + "; see " + dir.resolve("server.log"));
            }
            if (System.nanoTime() > deadline) {
                kill();
                throw new IllegalStateException("the Spark Connect server did not accept on port " + port + " within "
                        + START_DEADLINE.toSeconds() + " s; see " + dir.resolve("server.log"));
            }
            try {
                // a bounded wait on the child process, not a sleep: it also returns at once if the server dies
                process.waitFor(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the Spark Connect server", e);
            }
        }
    }

    /** Kills the server at once (as a crashed cluster would go). */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
