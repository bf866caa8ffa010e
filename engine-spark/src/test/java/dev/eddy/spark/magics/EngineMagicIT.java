package dev.eddy.spark.magics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.magics.api.CellPart;
import dev.eddy.magics.api.EddyRuntime;
import dev.eddy.magics.api.MagicContext;
import dev.eddy.magics.api.MagicException;
import dev.eddy.magics.api.MagicRegistry;
import dev.eddy.magics.api.render.MimeBundle;
import dev.eddy.magics.api.render.Renderers;
import dev.eddy.magics.internal.StreamingMagics;
import dev.eddy.magics.internal.live.LiveViews;
import dev.eddy.spark.testing.SparkConnectTestServer;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notebook's side against a real Spark Connect server: {@code %engine connect}, a {@code %%sql} query whose
 * live view fills from Spark's memory sink with "on spark ..." in its status line, {@code %stream} on it, a refusal,
 * and a lost server (views show the error, local queries go on, reconnecting works).
 */
class EngineMagicIT {
    private final MagicRegistry registry = new MagicRegistry();
    private final Ctx ctx = new Ctx();
    private EddyRuntime runtime;
    private SparkConnectTestServer server;
    private Path input;

    @BeforeEach
    void runtime() throws Exception {
        server = SparkConnectTestServer.shared();
        server.start(); // again, if an earlier test killed it
        runtime = EddyRuntime.of(Eddy.create(), LiveViews.Settings.defaults());
        StreamingMagics.registerInto(registry, runtime);
        input = Files.createDirectories(server.workDir().resolve("clicks-" + UUID.randomUUID()));
        Files.writeString(
                input.resolve("1.json"),
                "{\"page\": \"home\", \"ts\": \"2026-01-01T00:00:01Z\"}\n"
                        + "{\"page\": \"home\", \"ts\": \"2026-01-01T00:00:02Z\"}\n"
                        + "{\"page\": \"docs\", \"ts\": \"2026-01-01T00:00:03Z\"}\n");
    }

    @AfterEach
    void shutdown() {
        runtime.shutdown();
    }

    private Object line(String name, String args) throws Exception {
        return registry.run(new CellPart.LineCall(name, args, 1), ctx);
    }

    private Object cell(String args, String body) throws Exception {
        return registry.run(new CellPart.CellCall("sql", args, body), ctx);
    }

    private void createClicks() throws Exception {
        cell(
                "",
                "CREATE STREAM clicks (page STRING, ts TIMESTAMP(3)) WITH ('connector' = 'file', 'path' = '" + input
                        + "', 'format' = 'json')");
    }

    private static String text(Object o) {
        return o instanceof MimeBundle b ? b.plainText() : String.valueOf(o);
    }

    @Test
    void when_connectedToSpark_then_sqlRunsThereAndItsLiveViewShowsTheRowsAndWhereItRuns() throws Exception {
        assertThat(text(line("engine", ""))).startsWith("engine: local");
        assertThat(text(line("engine", "connect spark " + server.url())))
                .contains("on spark " + server.url() + " (4.2.0)");
        assertThat(text(line("engine", "")))
                .isEqualTo("engine: spark 4.2.0 at " + server.url() + " (%engine local switches back)");
        createClicks();
        cell("--name views --trigger 1s", "SELECT page, COUNT(*) AS n FROM clicks GROUP BY page");

        String view = ctx.awaitUpdate(
                t -> t.contains("on spark " + server.url()) && t.contains("home") && t.contains("docs"));
        assertThat(view).contains("views: ACTIVE").contains("batch 0");
        assertThat(text(registry.run(new CellPart.LineCall("stream", "list", 1), ctx)))
                .contains("views");
        assertThat(text(line("stream", "explain views")))
                .contains("== Spark's plan")
                .contains("Aggregate");

        line("stream", "stop views");
        String last = ctx.awaitUpdate(t -> t.contains("views: TERMINATED"));
        assertThat(last).contains("on spark");
    }

    @Test
    void when_anInsertIntoRunsOnSpark_then_sparkWritesTheSinkAndNothingStartsOnTheEmbeddedEngine() throws Exception {
        line("engine", "connect spark " + server.url());
        createClicks();
        Path out = server.workDir().resolve("home-pages-" + UUID.randomUUID());
        cell(
                "",
                "CREATE STREAM home_pages (page STRING, ts TIMESTAMP(3)) WITH ('connector' = 'file', 'path' = '" + out
                        + "', 'format' = 'json')");
        cell(
                "--trigger available-now --checkpoint " + out + "-checkpoint",
                "INSERT INTO home_pages SELECT page, ts FROM clicks WHERE page = 'home'");

        String view = ctx.awaitUpdate(t -> t.contains("home_pages: TERMINATED"));
        assertThat(view).contains("on spark " + server.url());
        assertThat(runtime.eddy().streams().all())
                .as("nothing ran on the embedded engine")
                .isEmpty();
        // Spark's file sink: its commit log, and the rows as JSON lines in part files
        assertThat(out.resolve("_spark_metadata")).isDirectory();
        List<String> written;
        try (var files = Files.list(out)) {
            written = files.filter(f -> f.getFileName().toString().startsWith("part-"))
                    .flatMap(f -> {
                        try {
                            return Files.readAllLines(f).stream();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .filter(l -> !l.isBlank())
                    .sorted()
                    .toList();
        }
        assertThat(written).hasSize(2).allMatch(l -> l.contains("\"page\":\"home\""));
    }

    @Test
    void when_aCellReadsAMemoryStreamOnSpark_then_itIsRefusedWithTheReasonAndNothingStarts() throws Exception {
        line("engine", "connect spark " + server.url());
        var mem = runtime.eddy().memoryStream(Schema.of(Field.of("v", DataType.LONG)));
        runtime.sql().catalog().registerStream("mem", mem.toDF());
        assertThatThrownBy(() -> cell("--engine spark", "SELECT v FROM mem"))
                .isInstanceOf(MagicException.class)
                .hasMessageStartingWith("Cannot run on Spark: a memory stream lives in the kernel's JVM");
        assertThat(text(line("stream", "list"))).doesNotContain("mem");
    }

    @Test
    void when_theServerIsUnreachable_then_connectFailsInOneLineAndLocalQueriesAreUntouched() throws Exception {
        createClicks();
        cell("--engine local --name local_views --trigger 1s", "SELECT page, COUNT(*) AS n FROM clicks GROUP BY page");
        assertThatThrownBy(() -> line("engine", "connect spark sc://127.0.0.1:9"))
                .isInstanceOf(MagicException.class)
                .hasMessageStartingWith("Spark at sc://127.0.0.1:9 is unreachable")
                .hasMessageNotContaining("\n");
        assertThat(text(line("engine", ""))).startsWith("engine: local");
        assertThat(runtime.eddy().streams().get("local_views").orElseThrow().isActive())
                .isTrue();
    }

    @Test
    void when_theServerIsLost_then_theViewShowsTheErrorLocalQueriesGoOnAndReconnectingWorks() throws Exception {
        line("engine", "connect spark " + server.url());
        createClicks();
        cell("--name remote_views --trigger 1s", "SELECT page, COUNT(*) AS n FROM clicks GROUP BY page");
        ctx.awaitUpdate(t -> t.contains("remote_views: ACTIVE") && t.contains("home"));
        cell("--engine local --name local_views --trigger 1s", "SELECT page, COUNT(*) AS n FROM clicks GROUP BY page");

        server.kill();
        String failed = ctx.awaitUpdate(t -> t.contains("remote_views: FAILED"));
        assertThat(failed).contains("Lost the Spark server");
        assertThat(runtime.eddy().streams().get("local_views").orElseThrow().isActive())
                .isTrue();

        server.start();
        assertThat(text(line("engine", "connect spark " + server.url()))).contains("Connected");
        cell("--name again --trigger 1s", "SELECT page, COUNT(*) AS n FROM clicks GROUP BY page");
        ctx.awaitUpdate(t -> t.contains("again: ACTIVE") && t.contains("docs"));
    }

    /** A kernel stand-in: keeps displays and the latest text of each display id. */
    private static final class Ctx implements MagicContext {
        final List<Object> displayed = new CopyOnWriteArrayList<>();
        final Map<String, String> latest = new ConcurrentHashMap<>();

        @Override
        public MagicRegistry registry() {
            return null;
        }

        @Override
        public Renderers renderers() {
            return null;
        }

        @Override
        public String display(Object value) {
            displayed.add(value);
            String id = "d" + displayed.size();
            latest.put(id, text(value));
            return id;
        }

        @Override
        public void updateDisplay(String displayId, Object value) {
            latest.put(displayId, text(value));
        }

        @Override
        public void clearOutput(boolean wait) {}

        @Override
        public Optional<Object> variable(String name) {
            return Optional.empty();
        }

        /** Polls (with a deadline, no sleep) until some display shows text matching {@code p}. */
        synchronized String awaitUpdate(Predicate<String> p) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (System.nanoTime() < deadline) {
                for (String t : latest.values()) {
                    if (p.test(t)) {
                        return t;
                    }
                }
                wait(100); // woken by nothing: a bounded wait between polls of the displays
            }
            throw new AssertionError("no display matched within 180 s; displays: " + latest.values());
        }
    }
}
