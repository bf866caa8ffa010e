package dev.eddy.streaming.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once end to end: a checkpointed query (file source -> windowed counts -> file sink) in a child JVM is
 * SIGKILLed at 24 seeded points spread over every checkpoint phase of many batches and restarted each time; its
 * committed output must equal that of a run without crashes, row for row.
 */
class CheckpointKillIT {
    private static final int FILES = 16;

    @TempDir
    Path tmp;

    @Test
    void when_queryIsKilledAtRandomPhasesAndRestarted_then_itsOutputEqualsARunWithoutCrashes() throws Exception {
        Path input = tmp.resolve("in");
        writeInput(input);
        KillRunner.runToEnd(args(input, "ref"), List.of());
        List<String> expected = committedOutput(tmp.resolve("ref-out"));
        assertThat(expected).hasSizeGreaterThan(20);

        List<String> killAt = KillRunner.seededPoints(20261121L, 24, FILES + 2);
        int kills = KillRunner.runToEnd(args(input, "crash"), killAt);
        assertThat(kills).as("kill points reached").isGreaterThanOrEqualTo(20);
        assertThat(committedOutput(tmp.resolve("crash-out"))).containsExactlyElementsOf(expected);
    }

    @Test
    void when_queryIsKilledBetweenItsStateFiles_then_itsOutputEqualsARunWithoutCrashes() throws Exception {
        Path input = tmp.resolve("in");
        writeInput(input);
        KillRunner.runToEnd(args(input, "ref"), List.of());
        List<String> expected = committedOutput(tmp.resolve("ref-out"));
        // after-delta: the delta is written, a due snapshot (every 3 versions) and the commit are not
        List<String> killAt = KillRunner.seededPoints(5L, 8, FILES + 2, "after-delta", "after-state");
        int kills = KillRunner.runToEnd(args(input, "crash"), killAt);
        assertThat(kills).as("kill points reached").isGreaterThanOrEqualTo(6);
        assertThat(committedOutput(tmp.resolve("crash-out"))).containsExactlyElementsOf(expected);
    }

    private List<String> args(Path input, String run) {
        return List.of(
                "file",
                input.toString(),
                tmp.resolve(run + "-out").toString(),
                tmp.resolve(run + "-ckpt").toString());
    }

    /** Rows of the batches the sink's commit log lists, in batch order (what a reader of the output sees). */
    private static List<String> committedOutput(Path out) throws IOException {
        Path log = out.resolve("_eddy_log");
        List<String> rows = new ArrayList<>();
        List<Long> batches;
        try (Stream<Path> s = Files.list(log)) {
            batches = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("\\d+"))
                    .map(Long::parseLong)
                    .sorted()
                    .toList();
        }
        for (long b : batches) {
            List<String> lines = Files.readAllLines(log.resolve(Long.toString(b)), StandardCharsets.UTF_8);
            for (String file : lines.subList(1, lines.size())) {
                Files.readAllLines(out.resolve(file), StandardCharsets.UTF_8).stream()
                        .sorted()
                        .forEach(row -> rows.add(b + " " + row));
            }
        }
        return rows;
    }

    /** 16 files of 12 events each over 4 words; event time moves ~6 s per file so windows close as it goes. */
    private static void writeInput(Path dir) throws IOException {
        WordEventFiles.write(dir, FILES, 12, 7L);
    }
}
