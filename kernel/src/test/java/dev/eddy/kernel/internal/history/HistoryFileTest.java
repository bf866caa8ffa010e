package dev.eddy.kernel.internal.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryFileTest {
    @TempDir
    Path dir;

    private History restart(Path file, int max) {
        return new History(HistoryFile.open(file, max));
    }

    @Test
    void when_kernelRestarts_then_earlierSessionsAreInTailRangeAndSearch() {
        Path file = dir.resolve("eddy/history.jsonl");
        History first = restart(file, 100);
        assertThat(first.session()).isEqualTo(1);
        first.add(1, "int x = 1;");
        first.add(2, "x + 1");
        first.setOutput(2, "2");

        History second = restart(file, 100);
        assertThat(second.session()).isEqualTo(2);
        second.add(1, "x * 10");
        assertThat(second.tail(3))
                .containsExactly(
                        new History.Entry(1, 1, "int x = 1;", null),
                        new History.Entry(1, 2, "x + 1", "2"),
                        new History.Entry(2, 1, "x * 10", null));
        assertThat(second.range(-1, 1, 0)).extracting(History.Entry::input).containsExactly("int x = 1;", "x + 1");
        assertThat(second.range(1, 2, 3)).extracting(History.Entry::output).containsExactly("2");
        assertThat(second.range(0, 1, 0)).extracting(History.Entry::input).containsExactly("x * 10");
        assertThat(second.search("x*", 0, false))
                .extracting(History.Entry::session)
                .containsExactly(1, 2);
    }

    @Test
    void when_fileHasCorruptLines_then_goodRowsSurviveAndFileIsRepaired() throws Exception {
        Path file = dir.resolve("history.jsonl");
        Files.writeString(
                file,
                "{\"session\":3}\n{\"s\":3,\"l\":1,\"i\":\"1 + 1\"}\n\u0000garbage{{\n"
                        + "{\"s\":3,\"l\":1,\"o\":\"2\"}\n{\"s\":3,\"l\":2,\"i\":\"torn",
                StandardCharsets.UTF_8);
        History h = restart(file, 100);
        assertThat(h.session()).isEqualTo(4);
        assertThat(h.tail(10)).containsExactly(new History.Entry(3, 1, "1 + 1", "2"));
        assertThat(Files.readString(file)).doesNotContain("garbage").doesNotContain("torn");
        h.add(1, "after repair");
        assertThat(restart(file, 100).tail(10))
                .extracting(History.Entry::input)
                .containsExactly("1 + 1", "after repair");
    }

    @Test
    void when_historyGrowsBeyondItsBound_then_onlyTheNewestEntriesAreKept() throws Exception {
        Path file = dir.resolve("history.jsonl");
        for (int s = 0; s < 6; s++) {
            History h = restart(file, 10);
            for (int line = 1; line <= 5; line++) {
                h.add(line, "cell " + s + "." + line);
            }
        }
        History last = restart(file, 10);
        assertThat(last.tail(100))
                .hasSize(10)
                .last()
                .extracting(History.Entry::input)
                .isEqualTo("cell 5.5");
        assertThat(Files.readAllLines(file).size()).isLessThanOrEqualTo(2 * 10 + 10 + 1);
    }

    @Test
    void when_fileCannotBeUsed_then_historyStaysInMemory() throws Exception {
        Path notADir = dir.resolve("plain-file");
        Files.writeString(notADir, "x");
        History h = restart(notADir.resolve("history.jsonl"), 100);
        h.add(1, "still works");
        assertThat(h.tail(1)).extracting(History.Entry::input).containsExactly("still works");
    }

    @Test
    void when_outputIsHuge_then_fileKeepsAShortenedCopy() throws Exception {
        Path file = dir.resolve("history.jsonl");
        History h = restart(file, 100);
        h.add(1, "big");
        h.setOutput(1, "y".repeat(100_000));
        assertThat(h.tail(1).get(0).output()).hasSize(100_000);
        assertThat(restart(file, 100).range(1, 1, 0).get(0).output().length())
                .isLessThanOrEqualTo(HistoryFile.MAX_OUTPUT_CHARS + 3);
    }

    @Test
    void when_locationIsChosen_then_explicitFileThenJupyterDataDirThenXdgIsUsed() {
        assertThat(HistoryFile.defaultPath(Map.of("EDDY_HISTORY_FILE", "/a/h.jsonl", "JUPYTER_DATA_DIR", "/j")))
                .isEqualTo(Path.of("/a/h.jsonl"));
        assertThat(HistoryFile.defaultPath(Map.of("JUPYTER_DATA_DIR", "/j")))
                .isEqualTo(Path.of("/j/eddy/history.jsonl"));
        assertThat(HistoryFile.defaultPath(Map.of("XDG_DATA_HOME", "/x")))
                .isEqualTo(Path.of("/x/jupyter/eddy/history.jsonl"));
    }
}
