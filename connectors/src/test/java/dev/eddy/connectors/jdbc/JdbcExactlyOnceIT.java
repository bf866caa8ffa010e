package dev.eddy.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.checkpoint.KillRunner;
import dev.eddy.streaming.checkpoint.WordEventFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once into PostgreSQL: streaming-core's kill-point child runs a checkpointed query (JSON files -> windowed
 * counts -> JDBC sink) and is SIGKILLed at seeded points in every checkpoint phase of many batches, incl. between the
 * database commit and the checkpoint's commit; restarted each time, it must leave the same table as a run without
 * crashes, row for row.
 */
class JdbcExactlyOnceIT {
    private static final int FILES = 12;
    private static final LocalPostgres PG = LocalPostgres.shared();

    @TempDir
    Path tmp;

    @Test
    void when_queryIsKilledAtRandomPhasesAndRestarted_then_theTableEqualsARunWithoutCrashes() throws Exception {
        Path input = tmp.resolve("in");
        writeInput(input);
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        KillRunner.runToEnd(args(input, "ref_" + suffix), List.of());
        List<String> expected = JdbcSinkIT.rows(select("ref_" + suffix));
        assertThat(expected).hasSizeGreaterThan(12);

        List<String> killAt = KillRunner.seededPoints(20261206L, 16, FILES + 2);
        int kills = KillRunner.runToEnd(args(input, "crash_" + suffix), killAt);
        assertThat(kills).as("kill points reached").isGreaterThanOrEqualTo(12);
        assertThat(JdbcSinkIT.rows(select("crash_" + suffix))).containsExactlyElementsOf(expected);
    }

    private static String select(String table) {
        return "SELECT window_start AT TIME ZONE 'UTC', word, count FROM " + table + " ORDER BY 1, 2";
    }

    private List<String> args(Path input, String table) {
        return List.of(
                "jdbc",
                input.toString(),
                PG.url(),
                table,
                PG.user(),
                PG.password(),
                tmp.resolve(table + "-ckpt").toString());
    }

    /** 12 files of 10 events over 4 words; event time moves ~6 s per file so windows close as it goes. */
    private static void writeInput(Path dir) throws IOException {
        WordEventFiles.write(dir, FILES, 10, 11L);
    }
}
