package dev.eddy.sql.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real Spark SQL (4.2.0, local[1]) in a child JVM, started once per test JVM and shared: the
 * {@code sql-spark-driver} jar's program, on the Spark classpath that jar lists. Requests and answers are JSON
 * lines (see that module's SparkDriver). Spark never loads into this JVM, so its Scala, Jackson and Janino do
 * not meet Calcite's.
 */
final class SparkProcess {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Spark's launcher opens these packages on JDK 17+ (JavaModuleOptions). */
    private static final List<String> OPENS = List.of(
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
            "sun.util.calendar");

    private static SparkProcess shared;

    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader out;

    private SparkProcess(Process process) {
        this.process = process;
        this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static synchronized SparkProcess shared() {
        if (shared == null) {
            shared = start();
            SparkProcess p = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> p.process.destroy()));
        }
        return shared;
    }

    private static SparkProcess start() {
        try {
            String sparkClasspath;
            try (InputStream cp = SparkProcess.class.getResourceAsStream("/eddy-spark-driver/classpath.txt")) {
                if (cp == null) {
                    throw new IllegalStateException("sql-spark-driver is not on the test classpath (build with -am)");
                }
                sparkClasspath = new String(cp.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            Path driverJar = driverLocation(SparkProcess.class.getResource("/eddy-spark-driver/classpath.txt"));
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-Xmx1g");
            cmd.add("-XX:+UseSerialGC");
            cmd.add("-XX:TieredStopAtLevel=1"); // a short-lived JVM: C2's compilations cost more CPU than they win back
            cmd.add("-XX:ReservedCodeCacheSize=240m"); // C1's code for Spark's many classes overflows the default
            cmd.add("-Xlog:disable"); // the JVM's own warnings ("[253.0s][warning]...") go to stderr, off the answer
            // channel
            cmd.add("-Xlog:all=warning:stderr");
            cmd.add("-XX:+IgnoreUnrecognizedVMOptions");
            for (String p : OPENS) {
                cmd.add("--add-opens=java.base/" + p + "=ALL-UNNAMED");
            }
            cmd.add("-Djdk.reflect.useDirectMethodHandle=false");
            cmd.add("-Dio.netty.tryReflectionSetAccessible=true");
            cmd.add("-cp");
            cmd.add(driverJar + File.pathSeparator + sparkClasspath);
            cmd.add("dev.eddy.sparkdiff.SparkDriver");
            Path log = Path.of("target", "spark-driver.log");
            Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
            SparkProcess sp = new SparkProcess(p);
            String ready = sp.out.readLine();
            if (ready == null || !ready.contains("\"ready\"")) {
                throw new IllegalStateException(
                        "Spark driver did not start (see " + log.toAbsolutePath() + "): " + ready);
            }
            return sp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The jar or classes directory holding the driver, from the URL of its classpath resource. */
    private static Path driverLocation(URL resource) throws URISyntaxException {
        String s = resource.toString();
        if (s.startsWith("jar:")) {
            return Path.of(new URI(s.substring(4, s.indexOf("!/"))));
        }
        return Path.of(resource.toURI()).getParent().getParent();
    }

    /** Sends one request, waits for its answer. */
    synchronized JsonNode call(Object request) {
        try {
            in.write(JSON.writeValueAsString(request));
            in.newLine();
            in.flush();
            String line = out.readLine();
            while (line != null && !line.startsWith("{")) {
                System.err.println("spark driver stdout: " + line); // not an answer: something outside Spark printed it
                line = out.readLine();
            }
            if (line == null) {
                throw new IllegalStateException("Spark driver ended (see target/spark-driver.log)");
            }
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
