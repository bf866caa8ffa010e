package dev.eddy.kernel.internal.boot;

import dev.eddy.kernel.internal.util.Log;
import java.time.Duration;
import java.time.Instant;

/** Logs (at debug level, EDDY_LOG=debug) how long after the JVM's start each step of a kernel start ended. */
final class StartTimeline {
    private static final Log LOG = Log.of(StartTimeline.class);
    private final Instant jvmStart;

    private StartTimeline(Instant jvmStart) {
        this.jvmStart = jvmStart;
    }

    static StartTimeline sinceJvmStart() {
        return new StartTimeline(ProcessHandle.current().info().startInstant().orElse(Instant.now()));
    }

    void mark(String step) {
        // CPU time too: on a busy machine the wall-clock figure says more about the neighbours than about Eddy
        long cpu = ProcessHandle.current()
                .info()
                .totalCpuDuration()
                .map(Duration::toMillis)
                .orElse(-1L);
        LOG.debug(step + " " + Duration.between(jvmStart, Instant.now()).toMillis() + " ms after the JVM started ("
                + cpu + " ms CPU)");
    }
}
