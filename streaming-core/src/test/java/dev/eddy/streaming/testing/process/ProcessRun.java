package dev.eddy.streaming.testing.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A command the tests run to its end (a Python test suite, an install script): output captured through a file,
 * a timeout after which the command and everything it started is killed, the output echoed for the test log.
 */
public final class ProcessRun {
    private ProcessRun() {}

    /** Runs {@code command} in {@code dir} with {@code env} added; a run past the timeout has exit code -1. */
    public static Result run(List<String> command, Path dir, Map<String, String> env, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("eddy-run", ".log");
        Process p = start(command, dir, env, log);
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
            kill(p);
        }
        return finish(command, p, done, log, "");
    }

    /**
     * Runs {@code command} while it makes progress: it is killed (exit code -1, the output saying why) once its
     * processes together have used no CPU time, written no output and started or ended no process for {@code stall},
     * or when {@code limit} has passed in all. A loaded machine slows a command down without stopping its CPU clock,
     * so the wait stretches with the load; a command that hangs waiting (on a lock, a socket, input) is stopped after
     * the stall, one that hangs spinning at the limit.
     */
    public static Result runWhileProgressing(
            List<String> command, Path dir, Map<String, String> env, Duration stall, Duration limit)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("eddy-run", ".log");
        Process p = start(command, dir, env, log);
        long started = System.nanoTime();
        long lastProgress = started;
        Progress seen = Progress.of(p, log);
        String stopped = "";
        while (!p.waitFor(1, TimeUnit.SECONDS)) {
            long now = System.nanoTime();
            Progress next = Progress.of(p, log);
            if (!next.equals(seen)) {
                seen = next;
                lastProgress = now;
            }
            if (now - lastProgress > stall.toNanos()) {
                stopped = "no progress (CPU time, output, processes) for " + stall.toSeconds() + " s";
            } else if (now - started > limit.toNanos()) {
                stopped = "still running after " + limit.toSeconds() + " s";
            }
            if (!stopped.isEmpty()) {
                kill(p);
                break;
            }
        }
        return finish(command, p, stopped.isEmpty(), log, stopped);
    }

    /**
     * What shows a command is still working: its live processes' CPU time in all, their ids, and the bytes of
     * output so far. (CPU time of a process that has ended is gone from the sum; its end changes the ids.)
     */
    private record Progress(Duration cpu, Set<Long> pids, long outputBytes) {
        static Progress of(Process p, Path log) throws IOException {
            List<ProcessHandle> tree =
                    Stream.concat(Stream.of(p.toHandle()), p.descendants()).toList();
            Duration cpu = tree.stream()
                    .map(h -> h.info().totalCpuDuration().orElse(Duration.ZERO))
                    .reduce(Duration.ZERO, Duration::plus);
            Set<Long> pids = tree.stream().map(ProcessHandle::pid).collect(Collectors.toSet());
            return new Progress(cpu, pids, Files.size(log));
        }
    }

    private static Process start(List<String> command, Path dir, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command))
                .directory(dir.toFile())
                .redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.redirectOutput(log.toFile());
        return pb.start();
    }

    /** A hung command must not leave what it started (a kernel) running. */
    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    private static Result finish(List<String> command, Process p, boolean done, Path log, String why)
            throws IOException {
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        if (!why.isEmpty()) {
            out += "\n[killed: " + why + "]";
        }
        System.out.println("---- " + String.join(" ", command) + "\n" + out);
        return new Result(done ? p.exitValue() : -1, out);
    }

    /** The exit code (-1: killed at the timeout) and everything the command wrote. */
    public record Result(int exitCode, String output) {}
}
