package dev.eddy.kernel.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.testing.process.ProcessRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * Installs the built kernel jar with install/kernelspec.sh into a temporary Jupyter data dir and runs a python
 * unittest module from src/test/python against it with Debian's /usr/bin/python3.
 */
final class PythonSuite {
    /** kernelspec.sh is stopped after this long without CPU time, output or a process started or ended. */
    static final Duration INSTALL_STALL = Duration.ofMinutes(2);
    /** ... or after this long in all (the fixed 180 s it replaces was passed twice at load 66-104). */
    static final Duration INSTALL_LIMIT = Duration.ofMinutes(15);

    private PythonSuite() {}

    static Path repoRoot() {
        return Path.of(System.getProperty("eddy.repo.root", ".."))
                .toAbsolutePath()
                .normalize();
    }

    static Path kernelJar() {
        Path jar = Path.of(System.getProperty("eddy.kernel.jar", "target/eddy-kernel.jar"))
                .toAbsolutePath();
        assertThat(jar).as("shaded kernel jar (built in the package phase)").exists();
        return jar;
    }

    /**
     * Installs the kernelspec (once per JDK and test JVM: the class-data-sharing training takes a while) and returns
     * the environment pointing Jupyter at it, with data and runtime dirs of its own under {@code dir}. The JDK is
     * the build's unless the system property {@code eddy.kernel.java} names one: a path to its {@code java}, or
     * {@code second} for the newest other JDK on this machine ({@link SecondJdk}; the test is skipped, saying why,
     * where there is none).
     */
    static Map<String, String> installKernel(Path dir) throws Exception {
        return installKernel(dir, kernelJava());
    }

    /** As {@link #installKernel(Path)}, with the kernel on {@code java} ("" for kernelspec.sh's default). */
    static Map<String, String> installKernel(Path dir, String java) throws Exception {
        Path prefix = INSTALLED.get(java);
        if (prefix == null) {
            prefix = Files.createTempDirectory("eddy-kernelspec");
            deleteOnExit(prefix);
            List<String> cmd = new ArrayList<>(List.of(
                    repoRoot().resolve("install/kernelspec.sh").toString(),
                    "install",
                    "--prefix",
                    prefix.toString(),
                    "--jar",
                    kernelJar().toString()));
            if (!java.isEmpty()) {
                cmd.addAll(List.of("--java", java));
            }
            // kernelspec.sh's class-data-sharing run starts a kernel: minutes at high load, so the wait lasts while
            // the script works and ends when it stops working (a hang) or at a limit no loaded run came near
            ProcessRun.Result r =
                    ProcessRun.runWhileProgressing(cmd, repoRoot(), Map.of(), INSTALL_STALL, INSTALL_LIMIT);
            assertThat(r.exitCode()).as("kernelspec.sh output:\n" + r.output()).isZero();
            INSTALLED.put(java, prefix);
        }
        Path data = prefix.resolve("share/jupyter");
        assertThat(data.resolve("kernels/eddy/kernel.json")).exists();
        Files.createDirectories(dir.resolve("runtime"));
        return Map.of(
                "JUPYTER_PATH",
                data.toString(),
                "JUPYTER_DATA_DIR",
                dir.resolve("data").toString(),
                "JUPYTER_RUNTIME_DIR",
                dir.resolve("runtime").toString(),
                "JUPYTER_PLATFORM_DIRS",
                "1",
                "PYTHONDONTWRITEBYTECODE",
                "1");
    }

    private static final Map<String, Path> INSTALLED = new ConcurrentHashMap<>();

    /** The java the kernelspec is installed with; "" for kernelspec.sh's default. */
    static String kernelJava() {
        String wanted = System.getProperty("eddy.kernel.java", "").strip();
        if (!wanted.equals("second")) {
            return wanted;
        }
        SecondJdk.Found found = SecondJdk.find();
        Assumptions.assumeTrue(found.java() != null, () -> {
            String why = "the second-JDK pass is skipped: " + found.why();
            System.out.println("[eddy] " + why);
            return why;
        });
        System.out.println("[eddy] kernel ITs on the second JDK: " + found.java() + " (JDK " + found.feature() + ")");
        return found.java().toString();
    }

    private static void deleteOnExit(Path dir) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp dir left behind
            }
        }));
    }

    /** Runs {@code python3 -m unittest -v MODULE} in src/test/python and returns its exit code and output. */
    static ProcessRun.Result unittest(String module, Map<String, String> env) throws Exception {
        return unittest(module, env, 300);
    }

    /** Like {@link #unittest(String, Map)}, stopping the suite after {@code timeoutSeconds}. */
    static ProcessRun.Result unittest(String module, Map<String, String> env, long timeoutSeconds) throws Exception {
        Path dir = repoRoot().resolve("kernel/src/test/python");
        return ProcessRun.run(List.of("/usr/bin/python3", "-m", "unittest", "-v", module), dir, env, timeoutSeconds);
    }
}
