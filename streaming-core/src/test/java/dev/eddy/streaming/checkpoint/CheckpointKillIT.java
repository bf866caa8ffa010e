package dev.eddy.streaming.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly-once end to end: a checkpointed query (file source -> windowed counts -> file sink) in a child JVM is
 * SIGKILLed at 24 seeded points spread over every checkpoint phase of many batches and restarted each time; its
 * committed output must equal that of a run without crashes, row for row.
 */
class CheckpointKillIT {
    private static final String[] PHASES = {"before-offsets", "after-offsets", "after-sink", "after-state",
            "after-commit"};
    private static final int FILES = 16;
    @TempDir
    Path tmp;

    @Test
    void when_queryIsKilledAtRandomPhasesAndRestarted_then_itsOutputEqualsARunWithoutCrashes() throws Exception {
        Path input = tmp.resolve("in");
        writeInput(input);
        List<String> expected = runToEnd(input, tmp.resolve("ref-out"), tmp.resolve("ref-ckpt"), List.of());
        assertThat(expected).hasSizeGreaterThan(20);

        Random rnd = new Random(20261121L);
        TreeSet<String> points = new TreeSet<>();
        while (points.size() < 24) {
            int batch = rnd.nextInt(FILES + 2);
            String phase = PHASES[rnd.nextInt(PHASES.length)];
            points.add(String.format("%03d %d %s", batch, indexOf(phase), phase));
        }
        List<String> killAt = new ArrayList<>();
        for (String p : points) {
            String[] f = p.split(" ");
            killAt.add("PHASE " + f[2] + " " + Integer.parseInt(f[0]));
        }
        List<String> actual = runToEnd(input, tmp.resolve("out"), tmp.resolve("ckpt"), killAt);
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    /** Runs the child until it finishes, killing it at each of {@code killAt} that it reaches (in order). */
    private List<String> runToEnd(Path input, Path out, Path ckpt, List<String> killAt) throws Exception {
        int next = 0;
        int kills = 0;
        for (int run = 0; run < killAt.size() + 2; run++) {
            Process p = start(input, out, ckpt, !killAt.isEmpty());
            boolean killed = false;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                 OutputStream go = p.getOutputStream()) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.equals("DONE")) {
                        break;
                    }
                    if (!line.startsWith("PHASE ")) {
                        continue;
                    }
                    while (next < killAt.size() && passed(killAt.get(next), line)) {
                        next++; // a point before where this run resumed: never reached again
                    }
                    if (next < killAt.size() && killAt.get(next).equals(line)) {
                        p.destroyForcibly();
                        killed = true;
                        next++;
                        kills++;
                        break;
                    }
                    go.write('\n');
                    go.flush();
                }
            }
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child ends").isTrue();
            if (!killed) {
                assertThat(p.exitValue()).as("child exit code").isZero();
                if (!killAt.isEmpty()) {
                    assertThat(kills).as("kill points reached").isGreaterThanOrEqualTo(20);
                }
                return committedOutput(out);
            }
        }
        throw new AssertionError("the query did not finish after " + killAt.size() + " restarts");
    }

    private static boolean passed(String point, String line) {
        String[] a = point.split(" ");
        String[] b = line.split(" ");
        long pa = Long.parseLong(a[2]) * 10 + indexOf(a[1]);
        long pb = Long.parseLong(b[2]) * 10 + indexOf(b[1]);
        return pa < pb;
    }

    private static int indexOf(String phase) {
        for (int i = 0; i < PHASES.length; i++) {
            if (PHASES[i].equals(phase)) {
                return i;
            }
        }
        throw new IllegalArgumentException(phase);
    }

    private Process start(Path input, Path out, Path ckpt, boolean announce) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), KillPointChild.class.getName(), input.toString(),
                out.toString(), ckpt.toString(), Boolean.toString(announce))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Rows of the batches the sink's commit log lists, in batch order (what a reader of the output sees). */
    private static List<String> committedOutput(Path out) throws IOException {
        Path log = out.resolve("_eddy_log");
        List<String> rows = new ArrayList<>();
        List<Long> batches;
        try (Stream<Path> s = Files.list(log)) {
            batches = s.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+")).map(Long::parseLong)
                    .sorted().toList();
        }
        for (long b : batches) {
            List<String> lines = Files.readAllLines(log.resolve(Long.toString(b)), StandardCharsets.UTF_8);
            for (String file : lines.subList(1, lines.size())) {
                Files.readAllLines(out.resolve(file), StandardCharsets.UTF_8).stream().sorted().forEach(
                        row -> rows.add(b + " " + row));
            }
        }
        return rows;
    }

    /** 16 files of 12 events each over 4 words; event time moves ~6 s per file so windows close as it goes. */
    private static void writeInput(Path dir) throws IOException {
        Files.createDirectories(dir);
        Random rnd = new Random(7);
        String[] words = {"ant", "bee", "cat", "dog"};
        for (int f = 0; f < FILES; f++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 12; i++) {
                long second = 1_700_000_000L + f * 6L + rnd.nextInt(8);
                sb.append("{\"ts\":\"").append(java.time.Instant.ofEpochSecond(second)).append("\",\"word\":\"")
                        .append(words[rnd.nextInt(words.length)]).append("\"}\n");
            }
            Path p = dir.resolve(String.format("events-%03d.json", f));
            Files.writeString(p, sb);
            Files.setLastModifiedTime(p, FileTime.fromMillis(1_000_000L * (f + 1)));
        }
    }
}
