package dev.eddy.spark.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.spark.testing.SparkConnectTestServer;
import dev.eddy.streaming.testing.process.ProcessRun;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed kernel (engine loaded from {@code engines/} next to its jar) against the shared Spark Connect
 * server: Java cells get {@code spark}, {@code %engine local} and {@code disconnect} behave (test_kernel_on_spark.py);
 * and the tutorial notebooks/12-scaling-out.ipynb runs top to bottom, twice, with nbclient (test_notebooks.py).
 */
class KernelOnSparkIT {
    @TempDir
    Path jupyterDir;

    private Map<String, String> env() throws Exception {
        Map<String, String> env = new HashMap<>(InstalledKernel.install(jupyterDir));
        env.put("EDDY_SPARK_URL", SparkConnectTestServer.shared().url());
        return env;
    }

    @Test
    void when_aNotebookConnectsToSpark_then_javaCellsGetTheRemoteSessionAsSpark() throws Exception {
        ProcessRun.Result r = InstalledKernel.unittest(
                InstalledKernel.repoRoot().resolve("engine-spark/src/test/python"), "test_kernel_on_spark", env(), 600);
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("OK").doesNotContain("skipped");
    }

    @Test
    void when_theScalingOutTutorialRunsOnTheInstalledKernel_then_noCellFails() throws Exception {
        Map<String, String> env = env();
        env.put("EDDY_NOTEBOOKS", "12-scaling-out.ipynb");
        ProcessRun.Result r = InstalledKernel.unittest(
                InstalledKernel.repoRoot().resolve("kernel/src/test/python"),
                "test_notebooks.NotebookTests.test_every_notebook_runs_without_errors",
                env,
                600);
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output())
                .contains("12-scaling-out.ipynb ran in")
                .contains("12-scaling-out.ipynb ran again in the same kernel")
                .doesNotContain("skipped");
    }
}
