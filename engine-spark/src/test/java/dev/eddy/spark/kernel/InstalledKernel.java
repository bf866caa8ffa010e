package dev.eddy.spark.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.testing.process.ProcessRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The kernel as a user installs it with {@code install/eddy.sh --with-spark}: install/kernelspec.sh copies the
 * shaded kernel jar and engine-spark's {@code target/engines} (this module's jar and the Spark Connect client) into
 * a kernel directory, {@code engines/} next to the jar. The kernel process loads the engine from there, never from
 * a test class path. Python suites (Debian's jupyter_client and nbclient) then drive it.
 */
final class InstalledKernel {
    private static Path prefix;

    private InstalledKernel() {}

    static Path repoRoot() {
        return Path.of(System.getProperty("eddy.repo.root", ".."))
                .toAbsolutePath()
                .normalize();
    }

    /** Installs the kernelspec once per test JVM; returns the environment that points Jupyter at it. */
    static synchronized Map<String, String> install(Path dir) throws Exception {
        if (prefix == null) {
            Path jar = Path.of(System.getProperty("eddy.kernel.jar", "../kernel/target/eddy-kernel.jar"));
            Path engines = Path.of(System.getProperty("eddy.engines.built", "target/engines"));
            assertThat(jar).as("the shaded kernel jar (kernel's package phase)").exists();
            assertThat(engines.resolve("spark-connect-client-jvm_2.13-4.2.0.jar"))
                    .as("engine-spark's engines directory (this module's package phase)")
                    .exists();
            Path p = Files.createTempDirectory("eddy-spark-kernelspec");
            // as the kernel module's PythonSuite: wait while the script works (its class-data-sharing run starts a
            // kernel), stop it when it stalls for 2 minutes or after 15
            ProcessRun.Result r = ProcessRun.runWhileProgressing(
                    List.of(
                            repoRoot().resolve("install/kernelspec.sh").toString(),
                            "install",
                            "--prefix",
                            p.toString(),
                            "--jar",
                            jar.toAbsolutePath().toString(),
                            "--engines",
                            engines.toAbsolutePath().toString()),
                    repoRoot(),
                    Map.of(),
                    Duration.ofMinutes(2),
                    Duration.ofMinutes(15));
            assertThat(r.exitCode()).as("kernelspec.sh:\n" + r.output()).isZero();
            prefix = p;
        }
        Path kernelDir = prefix.resolve("share/jupyter/kernels/eddy");
        assertThat(kernelDir.resolve("engines")).isDirectoryContaining("glob:**/engine-spark-*-engine.jar");
        Files.createDirectories(dir.resolve("runtime"));
        return Map.of(
                "JUPYTER_PATH",
                prefix.resolve("share/jupyter").toString(),
                "JUPYTER_DATA_DIR",
                dir.resolve("data").toString(),
                "JUPYTER_RUNTIME_DIR",
                dir.resolve("runtime").toString(),
                "JUPYTER_PLATFORM_DIRS",
                "1",
                "PYTHONDONTWRITEBYTECODE",
                "1");
    }

    /** {@code python3 -m unittest -v TARGET} in {@code dir} with Debian's python. */
    static ProcessRun.Result unittest(Path dir, String target, Map<String, String> env, long timeoutSeconds)
            throws Exception {
        return ProcessRun.run(List.of("/usr/bin/python3", "-m", "unittest", "-v", target), dir, env, timeoutSeconds);
    }
}
