package dev.eddy.kernel.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.testing.process.ProcessRun;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debian's jupyter_kernel_test suite (every sample enabled) against the installed kernel. */
class EddyKernelConformanceIT {
    @TempDir
    Path jupyterDir;

    @Test
    void when_jupyterKernelTestSuiteRuns_then_everyTestPasses() throws Exception {
        Map<String, String> env = PythonSuite.installKernel(jupyterDir);
        ProcessRun.Result r = PythonSuite.unittest("test_eddy_kernel", env);
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("OK").doesNotContain("FAIL:").doesNotContain("ERROR:");
        // Only test_pager may skip (Eddy has no pager payloads); everything else must run.
        assertThat(r.output()).contains("Ran 12 tests").contains("skipped=1");
    }
}
