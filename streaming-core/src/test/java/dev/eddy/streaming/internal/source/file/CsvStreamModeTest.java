package dev.eddy.streaming.internal.source.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.StreamingQueryException;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.Providers;
import dev.eddy.streaming.api.spi.Source;
import dev.eddy.streaming.api.spi.SourceContext;
import dev.eddy.streaming.api.spi.TriggerContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV streams honour Spark's {@code mode} and {@code columnNameOfCorruptRecord}, as CSV tables do. */
class CsvStreamModeTest {
    @TempDir
    Path dir;

    private static final TriggerContext T = new TriggerContext(0, 0, false);
    private static final Schema PEOPLE = Schema.of(Field.of("id", DataType.INT), Field.of("name", DataType.STRING));
    private int fileTime;

    private void write(Path in, String name, String content) throws IOException {
        Path p = in.resolve(name);
        Files.writeString(p, content);
        Files.setLastModifiedTime(p, FileTime.fromMillis(1_000_000L + fileTime++ * 1000L)); // arrival order
    }

    private Source source(Map<String, String> options, Schema schema) {
        HashMap<String, String> o = new HashMap<>(options);
        o.put("path", dir.toString());
        return Providers.source("csv")
                .createSource(new SourceContext(o, Optional.ofNullable(schema), new ManualClock(0), Optional.empty()));
    }

    private static List<Row> readAll(Source s) {
        return s.getBatch(s.initialOffset(), s.latestOffset(s.initialOffset(), T))
                .toRows();
    }

    @Test
    void when_modeIsPermissive_then_malformedRecordsAreKeptWithTheirTextAndCounted() throws IOException {
        write(dir, "a.csv", "1,ann\nx,bob\n2,cy\n");
        Source s = source(Map.of("mode", "permissive"), PEOPLE);
        assertThat(readAll(s))
                .extracting(r -> r.get("id"), r -> r.get("_corrupt_record"))
                .containsExactly(tuple(1, null), tuple(null, "x,bob"), tuple(2, null));
        assertThat(s.status()).isEqualTo("1 corrupt records (kept in _corrupt_record)");
    }

    @Test
    void when_theSchemaDeclaresColumnNameOfCorruptRecord_then_thatColumnHoldsTheMalformedText() throws IOException {
        write(dir, "a.csv", "1,ann\nx,bob\n");
        Schema declared = Schema.of(
                Field.of("id", DataType.INT), Field.of("bad", DataType.STRING), Field.of("name", DataType.STRING));
        Source s = source(Map.of("columnNameOfCorruptRecord", "bad"), declared);
        assertThat(s.schema().names()).containsExactly("id", "name", "bad");
        List<Row> rows = readAll(s);
        assertThat(rows)
                .extracting(r -> r.get("name"))
                .as("Spark's partial results: the malformed record keeps the values that parsed")
                .containsExactly("ann", "bob");
        assertThat(rows).extracting(r -> r.get("bad")).containsExactly(null, "x,bob");
        assertThat(s.status()).isEqualTo("1 corrupt records (kept in bad)");
    }

    @Test
    void when_theCorruptRecordColumnIsNotAString_then_theSourceRefusesWithOneLine() {
        Schema declared = Schema.of(Field.of("id", DataType.INT), Field.of("bad", DataType.INT));
        assertThatThrownBy(() -> source(Map.of("columnNameOfCorruptRecord", "bad"), declared))
                .hasMessage("the corrupt record column 'bad' must be a STRING column");
    }

    @Test
    void when_modeIsDropMalformed_then_malformedRecordsAreLeftOutAndCountedInTheStatus() throws IOException {
        write(dir, "a.csv", "id,name\n1,ann\nx,bob\n2,\"c,d\"\n3,cy,extra\n");
        Source s = source(Map.of("mode", "DROPMALFORMED", "header", "true"), PEOPLE);
        List<Row> rows = readAll(s);
        assertThat(rows).extracting(r -> r.get("id")).containsExactly(1, 2);
        assertThat(rows).extracting(r -> r.get("_corrupt_record")).containsOnlyNulls();
        assertThat(s.status()).isEqualTo("2 corrupt records (dropped)");
    }

    /** Spark 4.2's file source counts the rows it keeps in numInputRows (its scan drops them while it parses). */
    @Test
    void when_modeIsDropMalformed_then_numInputRowsCountsOnlyTheKeptRows() throws IOException {
        write(dir, "a.csv", "id,name\n1,ann\nx,bob\n3,cy\n");
        Source s = source(Map.of("mode", "DROPMALFORMED", "header", "true"), PEOPLE);
        Batch b = s.getBatch(s.initialOffset(), s.latestOffset(s.initialOffset(), T));
        assertThat(b.numRows()).isEqualTo(2);
        assertThat(s.numInputRows(b)).isEqualTo(2);
    }

    @Test
    void when_modeIsFailFast_then_readingTheBatchFailsNamingTheFileAndRecord() throws IOException {
        write(dir, "a.csv", "id,name\n1,ann\nx,bob\n2,cy\n");
        Source s = source(Map.of("mode", "FAILFAST", "header", "true"), PEOPLE);
        assertThatThrownBy(() -> readAll(s))
                .hasMessage(dir.resolve("a.csv") + ": malformed CSV record 2 (mode FAILFAST): x,bob");
    }

    @Test
    void when_anInvalidModeIsGiven_then_theSourceRefusesWithOneLine() {
        assertThatThrownBy(() -> source(Map.of("mode", "lenient"), PEOPLE))
                .hasMessage("option 'mode' must be PERMISSIVE, DROPMALFORMED or FAILFAST, got 'lenient'");
    }

    @Test
    void when_failFastStopsAQuery_then_aRestartAfterTheFileIsFixedReadsTheWholeBatchOnce(@TempDir Path work)
            throws Exception {
        Path in = Files.createDirectory(work.resolve("in"));
        Path out = work.resolve("out");
        Path cp = work.resolve("cp");
        write(in, "1.csv", "1,ann\n");
        Eddy eddy = Eddy.create();
        StreamingQuery first = start(eddy, in, out, cp);
        first.processAllAvailable();
        write(in, "2.csv", "2,bob\nx,bad\n3,cy\n");

        assertThatThrownBy(first::processAllAvailable)
                .isInstanceOf(StreamingQueryException.class)
                .hasStackTraceContaining(in.resolve("2.csv") + ": malformed CSV record 2 (mode FAILFAST): x,bad");
        assertThat(first.exception()).isPresent();
        assertThat(first.exception().get().getMessage()).doesNotContain("\n");
        assertThat(ids(out)).containsExactly("1"); // nothing of the failed batch was written

        Files.writeString(in.resolve("2.csv"), "2,bob\n4,dee\n3,cy\n"); // the user fixes the file
        StreamingQuery again = start(eddy, in, out, cp);
        again.processAllAvailable();
        again.stop();
        assertThat(ids(out)).containsExactlyInAnyOrder("1", "2", "4", "3");
    }

    private static StreamingQuery start(Eddy eddy, Path in, Path out, Path cp) {
        return eddy.readStream()
                .format("csv")
                .schema(PEOPLE)
                .option("mode", "FAILFAST")
                .load(in.toString())
                .select("id")
                .writeStream()
                .format("json")
                .option("path", out.toString())
                .checkpointLocation(cp.toString())
                .start();
    }

    private static List<String> ids(Path out) throws IOException {
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(out)) {
            return ids;
        }
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("part-"))
                    .toList()) {
                for (String line : Files.readAllLines(f)) {
                    ids.add(line.replaceAll("[^0-9]", ""));
                }
            }
        }
        return ids;
    }
}
