package dev.eddy.streaming.testing.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command the tests run to its end (a Python test suite, an install script): output captured through a file,
 * a timeout after which the command and everything it started is killed, the output echoed for the test log.
 */
public final class ProcessRun {
    private ProcessRun() {}

    /** Runs {@code command} in {@code dir} with {@code env} added; a run past the timeout has exit code -1. */
    public static Result run(List<String> command, Path dir, Map<String, String> env, long timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command))
                .directory(dir.toFile())
                .redirectErrorStream(true);
        pb.environment().putAll(env);
        Path log = Files.createTempFile("eddy-run", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
            // a hung suite must not leave its kernel running
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        System.out.println("---- " + String.join(" ", command) + "\n" + out);
        return new Result(done ? p.exitValue() : -1, out);
    }

    /** The exit code (-1: killed at the timeout) and everything the command wrote. */
    public record Result(int exitCode, String output) {}
}
