package dev.eddy.kernel.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.testing.process.ProcessRun;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JupyterLab, as the README installs it (install/jupyterlab.sh's venv), with the kernel built here, in headless
 * Chromium driven by Playwright (src/test/browser/jupyterlab-live-views.mjs): a tutorial's Run All passes, a
 * streaming query's live table changes between two reads, its Vega-Lite chart is drawn and redrawn by Vega (not
 * the PNG fallback), and a failing query shows its error in its view while the kernel stays up. Screenshots go to
 * target/browser/.
 */
class EddyJupyterLabIT {
    private static final String TUTORIAL = "01-welcome.ipynb";
    private static final Duration SERVER_START = Duration.ofSeconds(120);
    private static final long BROWSER_TEST_TIMEOUT_S = 600;

    @TempDir
    Path dir;

    @Test
    void when_tutorialRunsInJupyterLab_then_liveTableAndChartUpdateAndFailedQueryShowsItsError() throws Exception {
        Path jupyter = venv().resolve("bin/jupyter");
        assertThat(jupyter)
                .as("JupyterLab's venv; install/jupyterlab.sh makes it (install/test-all.sh runs it)")
                .isExecutable();
        Path browserTests = PythonSuite.repoRoot().resolve("kernel/src/test/browser");
        assertThat(browserTests.resolve("node_modules/playwright-core"))
                .as("Playwright; run 'npm ci' in %s (install/test-all.sh does)", browserTests)
                .isDirectory();

        Map<String, String> env = new HashMap<>(PythonSuite.installKernel(dir.resolve("prefix")));
        Path root = Files.createDirectories(dir.resolve("notebooks"));
        Files.copy(PythonSuite.repoRoot().resolve("notebooks").resolve(TUTORIAL), root.resolve(TUTORIAL));
        env.putAll(isolatedLabSettings());

        int port = freePort();
        String token = UUID.randomUUID().toString();
        Path serverLog = dir.resolve("jupyterlab.log");
        ProcessBuilder server = new ProcessBuilder(
                        jupyter.toString(),
                        "lab",
                        "--no-browser",
                        "--allow-root",
                        "--ServerApp.ip=127.0.0.1",
                        "--ServerApp.port=" + port,
                        "--ServerApp.port_retries=0",
                        "--IdentityProvider.token=" + token,
                        "--ServerApp.root_dir=" + root)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(serverLog.toFile());
        server.environment().putAll(env);
        Process lab = server.start();
        String base = "http://127.0.0.1:" + port + "/";
        try {
            awaitServer(lab, base, token, serverLog);
            Path shots = Path.of("target/browser").toAbsolutePath();
            Map<String, String> browserEnv = Map.of(
                    "EDDY_LAB_URL",
                    base,
                    "EDDY_LAB_TOKEN",
                    token,
                    "EDDY_NOTEBOOK",
                    TUTORIAL,
                    "EDDY_SHOT_DIR",
                    shots.toString(),
                    "EDDY_CHROMIUM",
                    "/usr/bin/chromium",
                    "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD",
                    "1");
            ProcessRun.Result r = ProcessRun.run(
                    List.of("node", "jupyterlab-live-views.mjs"), browserTests, browserEnv, BROWSER_TEST_TIMEOUT_S);
            assertThat(r.exitCode())
                    .as(r.output() + "\n---- JupyterLab's log\n" + read(serverLog))
                    .isZero();
            assertThat(r.output())
                    .contains("Run All: every cell of " + TUTORIAL + " ran")
                    .contains("first read: live table has home and cart; chart drawn")
                    .contains(
                            "second read: live table changed (kiwi arrived) and the chart was redrawn with a third bar")
                    .contains("the failing query shows its error in its view")
                    .contains("lab: done");
            for (String shot : List.of("jupyterlab-live-view.png", "jupyterlab-failed-query.png")) {
                BufferedImage image = ImageIO.read(shots.resolve(shot).toFile());
                assertThat(image).as(shot).isNotNull();
                assertThat(image.getWidth()).as(shot).isEqualTo(1280);
            }
        } finally {
            stop(lab, base, token);
        }
    }

    /** The venv install/jupyterlab.sh manages (its default, or $EDDY_VENV), asked from the script itself. */
    private static Path venv() throws Exception {
        ProcessRun.Result r = ProcessRun.run(
                List.of(PythonSuite.repoRoot().resolve("install/jupyterlab.sh").toString(), "path"),
                PythonSuite.repoRoot(),
                Map.of(),
                30);
        assertThat(r.exitCode()).as(r.output()).isZero();
        return Path.of(r.output().strip());
    }

    /** JupyterLab's config, settings and workspaces in the temp dir; no news or update checks (no network here). */
    private Map<String, String> isolatedLabSettings() throws IOException {
        Path settings = dir.resolve("lab-settings");
        Path notification = Files.createDirectories(settings.resolve("@jupyterlab/apputils-extension"));
        Files.writeString(
                notification.resolve("notification.jupyterlab-settings"),
                "{\"fetchNews\": \"false\", \"checkForUpdates\": false}");
        return Map.of(
                "JUPYTER_CONFIG_DIR",
                Files.createDirectories(dir.resolve("config")).toString(),
                "JUPYTERLAB_SETTINGS_DIR",
                settings.toString(),
                "JUPYTERLAB_WORKSPACES_DIR",
                Files.createDirectories(dir.resolve("workspaces")).toString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitServer(Process lab, String base, String token, Path log) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest status = HttpRequest.newBuilder(URI.create(base + "api/status?token=" + token))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + SERVER_START.toNanos();
        while (true) {
            assertThat(lab.isAlive())
                    .as("JupyterLab exited early:\n" + read(log))
                    .isTrue();
            try {
                if (http.send(status, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // polled again below until the deadline
            }
            assertThat(System.nanoTime())
                    .as("JupyterLab did not answer within %s:\n%s", SERVER_START, read(log))
                    .isLessThan(deadline);
            lab.waitFor(200, TimeUnit.MILLISECONDS); // returns at once if the server dies
        }
    }

    /** Asks JupyterLab to shut down (it stops its kernels first); forces it after a deadline. */
    private static void stop(Process lab, String base, String token) throws InterruptedException {
        try {
            HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(base + "api/shutdown"))
                                    .header("Authorization", "token " + token)
                                    .timeout(Duration.ofSeconds(10))
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
        } catch (IOException alreadyGone) {
            // the forced stop below still runs
        }
        if (!lab.waitFor(30, TimeUnit.SECONDS)) {
            lab.descendants().forEach(ProcessHandle::destroyForcibly);
            lab.destroyForcibly();
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
