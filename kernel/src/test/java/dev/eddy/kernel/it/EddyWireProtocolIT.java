package dev.eddy.kernel.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.testing.process.ProcessRun;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw-socket protocol tests (pyzmq, signed with jupyter_client's Session) against the installed kernel: malformed
 * frames and wrong signatures are dropped, replayed signed messages run once, string/null content and messages
 * over Jackson's default string limit or the kernel's own limit are answered with busy/idle, hmac-sha512 works, an
 * unknown signature scheme is refused at start with one line, and the kernel stays up throughout.
 */
class EddyWireProtocolIT {
    @TempDir
    Path jupyterDir;

    @Test
    void when_rawFramesProbeTheKernel_then_itAnswersDropsAndStaysUpAsTheProtocolSays() throws Exception {
        Map<String, String> env = PythonSuite.installKernel(jupyterDir);
        ProcessRun.Result r = PythonSuite.unittest("test_eddy_wire", env);
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("OK").doesNotContain("FAIL:").doesNotContain("ERROR:");
    }
}
