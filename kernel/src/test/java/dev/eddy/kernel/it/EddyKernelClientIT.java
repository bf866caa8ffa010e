package dev.eddy.kernel.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.testing.process.ProcessRun;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real jupyter_client sessions against the installed kernel: display updates from a background thread after
 * the cell's reply and idle, interrupting a tight loop, System.exit in a cell, badly signed and malformed
 * messages on shell and control, stop_on_error aborts, output routing and coalescing, magics, comms.
 */
class EddyKernelClientIT {
    @TempDir
    Path jupyterDir;

    @Test
    void when_realClientDrivesKernel_then_allClientScenariosPass() throws Exception {
        Map<String, String> env = PythonSuite.installKernel(jupyterDir);
        ProcessRun.Result r = PythonSuite.unittest("test_eddy_client", env);
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("OK").doesNotContain("FAIL:").doesNotContain("ERROR:");
    }
}
