package dev.eddy.streaming.testing.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command run while it makes progress: it may take longer than the stall, but not stall, nor pass the limit. */
class ProcessRunTest {
    @TempDir
    Path dir;

    @Test
    void when_aCommandWaitsOnNothingThatComes_then_itIsKilledAfterTheStallSayingWhy() throws Exception {
        long t = System.nanoTime();
        ProcessRun.Result r = ProcessRun.runWhileProgressing(
                List.of("sh", "-c", "echo waiting; sleep 120"), dir, Map.of(), Duration.ofSeconds(1), limit());
        assertThat(r.exitCode()).isEqualTo(-1);
        assertThat(r.output()).contains("waiting").contains("[killed: no progress (CPU time, output, processes)");
        assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void when_aCommandKeepsWritingLongerThanTheStall_then_itRunsToItsEnd() throws Exception {
        ProcessRun.Result r = ProcessRun.runWhileProgressing(
                List.of("sh", "-c", "for i in 1 2 3 4 5 6; do echo line $i; sleep 0.5; done; exit 3"),
                dir,
                Map.of(),
                Duration.ofSeconds(2),
                limit());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.output()).contains("line 6").doesNotContain("killed");
    }

    @Test
    void when_aCommandSpinsPastTheLimit_then_itIsKilledAtTheLimit() throws Exception {
        ProcessRun.Result r = ProcessRun.runWhileProgressing(
                List.of("sh", "-c", "while :; do :; done"),
                dir,
                Map.of(),
                Duration.ofMinutes(2),
                Duration.ofSeconds(1));
        assertThat(r.exitCode()).isEqualTo(-1);
        assertThat(r.output()).contains("[killed: still running after 1 s]");
    }

    private static Duration limit() {
        return Duration.ofMinutes(2);
    }
}
