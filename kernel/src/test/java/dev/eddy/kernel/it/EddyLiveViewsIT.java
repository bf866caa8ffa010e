package dev.eddy.kernel.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.testing.process.ProcessRun;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real jupyter_client runs streaming %%sql cells: the live table keeps updating after execute_reply as data
 * arrives, %stream stop sends the final state, charts come as Vega-Lite + PNG, and bad magic arguments explain
 * themselves (src/test/python/test_eddy_live.py).
 */
class EddyLiveViewsIT {
    @TempDir
    Path jupyterDir;

    @Test
    void when_realClientRunsStreamingSql_then_liveViewUpdatesUntilFinalState() throws Exception {
        Map<String, String> env = PythonSuite.installKernel(jupyterDir);
        ProcessRun.Result r = PythonSuite.unittest("test_eddy_live", env);
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("OK").doesNotContain("FAIL:").doesNotContain("ERROR:");
    }
}
