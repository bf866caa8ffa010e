package dev.eddy.streaming.testing.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A server the tests run as a child process: started with stdout and stderr appended to a log file, waited for
 * by polling a readiness check with a deadline (the wait between checks returns at once if the child dies), and
 * killed as a crash would end it.
 */
public final class ChildProcess {
    private final String name;
    private final Path log;
    private final Process process;

    private ChildProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /** Starts {@code command} in {@code workDir} (null: the current one), its output appended to {@code log}. */
    public static ChildProcess start(String name, List<String> command, Path workDir, Path log) {
        ProcessBuilder b = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (workDir != null) {
            b.directory(workDir.toFile());
        }
        try {
            return new ChildProcess(name, log, b.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** {@code java} of the running JDK, then {@code jvmOptions}: the start of a child JVM's command line. */
    public static List<String> java(String... jvmOptions) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(jvmOptions));
        return cmd;
    }

    /** A loopback port no one listens on now. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Polls {@code ready} until it is true; fails, naming the log, if the child exits first or the deadline passes
     * (then the child is killed).
     */
    public void awaitReady(BooleanSupplier ready, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            if (System.nanoTime() > end) {
                kill();
                throw new IllegalStateException(
                        name + " was not ready within " + deadline.toSeconds() + " s; see " + log);
            }
            try {
                // a bounded wait on the child, not a sleep: it returns at once if the child dies
                process.waitFor(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting " + name, e);
            }
        }
    }

    /** Waits for the child to end by itself; true if it ended within {@code deadline} with exit code 0. */
    public boolean awaitSuccess(Duration deadline) {
        try {
            return process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS) && process.exitValue() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    /** Kills the child at once (SIGKILL: a crash, not a clean shutdown) and waits for it to end. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }
}
