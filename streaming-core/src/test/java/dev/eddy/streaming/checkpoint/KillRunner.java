package dev.eddy.streaming.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link KillPointChild} in child JVMs until it finishes, SIGKILLing it ({@code destroyForcibly}) exactly at
 * each kill point it reaches ("PHASE name batch") and restarting it from its checkpoint.
 */
public final class KillRunner {
    /** In the order they happen within a batch; a stateless query skips after-sink, after-delta and after-state. */
    static final String[] PHASES = {
        "before-offsets", "after-offsets", "after-sink", "after-delta", "after-state", "before-commit", "after-commit"
    };

    private KillRunner() {}

    /** {@code count} distinct seeded kill points over batches {@code [0, batches)} and all phases, in run order. */
    public static List<String> seededPoints(long seed, int count, int batches, String... phases) {
        List<String> allowed = phases.length == 0 ? List.of(PHASES) : List.of(phases);
        Random rnd = new Random(seed);
        TreeSet<Long> points = new TreeSet<>();
        while (points.size() < count) {
            points.add(rnd.nextInt(batches) * 10L + List.of(PHASES).indexOf(allowed.get(rnd.nextInt(allowed.size()))));
        }
        List<String> out = new ArrayList<>();
        points.forEach(p -> out.add("PHASE " + PHASES[(int) (p % 10)] + " " + p / 10));
        return out;
    }

    /**
     * Runs the child (announcing phases if {@code killAt} is not empty) until it prints DONE; returns how many
     * times it was killed.
     */
    public static int runToEnd(List<String> childArgs, List<String> killAt) throws Exception {
        int next = 0;
        int kills = 0;
        for (int run = 0; run < killAt.size() + 2; run++) {
            Process p = start(childArgs, !killAt.isEmpty());
            boolean killed = false;
            try (BufferedReader r =
                            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                    OutputStream go = p.getOutputStream()) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.equals("DONE")) {
                        break;
                    }
                    if (!line.startsWith("PHASE ")) {
                        continue;
                    }
                    while (next < killAt.size() && order(killAt.get(next)) < order(line)) {
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
                return kills;
            }
        }
        throw new AssertionError("the query did not finish after " + killAt.size() + " restarts");
    }

    private static long order(String phaseLine) {
        String[] f = phaseLine.split(" ");
        for (int i = 0; i < PHASES.length; i++) {
            if (PHASES[i].equals(f[1])) {
                return Long.parseLong(f[2]) * 10 + i;
            }
        }
        throw new IllegalArgumentException(phaseLine);
    }

    private static Process start(List<String> childArgs, boolean announce) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(
                java,
                "-Xmx128m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                KillPointChild.class.getName()));
        cmd.addAll(childArgs);
        cmd.add(Boolean.toString(announce));
        return new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }
}
