package dev.eddy.streaming.internal.source.file;

import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.isNull;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV directory -> query -> JSON-lines directory, through the engine's deterministic test driver. */
class FileQueryRoundTripTest {
    @TempDir
    Path in;

    @TempDir
    Path out;

    @Test
    void when_csvFilesArrive_then_goodRowsAreWrittenAsJsonLinesPerBatch() throws IOException {
        write("1.csv", "name,qty\nann,3\nbroken\n", 1); // one field of two: corrupt
        Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
        Dataset rows = eddy.readStream()
                .format("csv")
                .option("header", "true")
                .option("maxFilesPerTrigger", "1")
                .load(in.toString());
        Dataset good = rows.filter(isNull(col("_corrupt_record"))).select("name", "qty");
        try (QueryTestDriver d = QueryTestDriver.start(
                good.writeStream().format("json").option("path", out.toString()).outputMode("append"))) {
            d.runTrigger();
            write("2.csv", "name,qty\nbob,4\n", 2);
            d.runTrigger();
        }
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("_eddy_log", "part-00000-00000.json", "part-00001-00000.json");
        }
        assertThat(Files.readString(out.resolve("part-00000-00000.json"))).isEqualTo("{\"name\":\"ann\",\"qty\":3}\n");
        assertThat(Files.readString(out.resolve("part-00001-00000.json"))).isEqualTo("{\"name\":\"bob\",\"qty\":4}\n");
    }

    private void write(String name, String content, int order) throws IOException {
        Path p = in.resolve(name);
        Files.writeString(p, content);
        Files.setLastModifiedTime(p, FileTime.fromMillis(1_000_000L * order));
    }
}
