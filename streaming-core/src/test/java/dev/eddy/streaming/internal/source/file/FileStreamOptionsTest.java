package dev.eddy.streaming.internal.source.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.spi.Offset;
import dev.eddy.streaming.api.spi.Providers;
import dev.eddy.streaming.api.spi.Source;
import dev.eddy.streaming.api.spi.SourceContext;
import dev.eddy.streaming.api.spi.SupportsTriggerAvailableNow;
import dev.eddy.streaming.api.spi.TriggerContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spark's file stream options: each works as in Spark 4 or is refused, naming it. */
class FileStreamOptionsTest {
    @TempDir
    Path dir;

    private static final TriggerContext T = new TriggerContext(0, 0, false);
    private static final long T0 = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();
    private int fileTime;

    /** A JSON-lines file of {@code rows} records of 10 bytes each ({"n":100}\n), arriving one second after the last. */
    private void write(String name, int first, int rows) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            b.append("{\"n\":").append(first + i).append("}\n");
        }
        Path p = dir.resolve(name);
        Files.writeString(p, b);
        Files.setLastModifiedTime(p, FileTime.fromMillis(T0 + fileTime++ * 1000L));
    }

    private Source source(Map<String, String> options) {
        HashMap<String, String> o = new HashMap<>(options);
        o.put("path", dir.toString());
        return Providers.source("json")
                .createSource(new SourceContext(o, Optional.empty(), new ManualClock(0), Optional.empty()));
    }

    /** The n values of each batch until the source has nothing new. */
    private static List<List<Object>> batches(Source s) {
        List<List<Object>> out = new ArrayList<>();
        Offset o = s.initialOffset();
        for (Offset next = s.latestOffset(o, T); !next.equals(o); o = next, next = s.latestOffset(o, T)) {
            out.add(s.getBatch(o, next).toRows().stream().map(r -> r.get("n")).toList());
        }
        return out;
    }

    @Test
    void when_maxBytesPerTrigger_then_eachBatchTakesFilesInOrderWhileTheirTotalFitsTheCap() throws IOException {
        write("a.json", 100, 2); // 20 bytes
        write("b.json", 200, 1); // 10
        write("c.json", 300, 3); // 30
        write("d.json", 400, 1); // 10
        assertThat(batches(source(Map.of("maxBytesPerTrigger", "30"))))
                .containsExactly(List.of(100, 101, 200), List.of(300, 301, 302), List.of(400));
    }

    @Test
    void when_aFileIsLargerThanMaxBytesPerTrigger_then_itIsABatchOfItsOwnAndTheNextFileWaits() throws IOException {
        write("a.json", 100, 1); // 10 bytes
        write("big.json", 200, 5); // 50: over the cap on its own
        write("c.json", 300, 1);
        assertThat(batches(source(Map.of("maxBytesPerTrigger", "25"))))
                .as("Spark stops at the first file that does not fit; a batch always takes at least one file")
                .containsExactly(List.of(100), List.of(200, 201, 202, 203, 204), List.of(300));
    }

    @Test
    void when_availableNowWithMaxBytesPerTrigger_then_theFilesListedAtStartAreTakenWithinTheCap() throws IOException {
        write("a.json", 100, 1);
        write("b.json", 200, 1);
        write("c.json", 300, 1);
        Source s = source(Map.of("maxBytesPerTrigger", "20"));
        ((SupportsTriggerAvailableNow) s).prepareForTriggerAvailableNow();
        write("late.json", 400, 1);
        assertThat(batches(s)).containsExactly(List.of(100, 200), List.of(300));
        Offset all = s.latestOffset(s.initialOffset(), new TriggerContext(0, 0, true));
        assertThat(s.getBatch(s.initialOffset(), all).numRows())
                .as("Trigger.once (all available) ignores the cap")
                .isEqualTo(3);
    }

    @Test
    void when_maxFilesAndMaxBytesPerTriggerAreBothSet_then_theSourceIsRefusedAsSparkRefusesIt() {
        assertThatThrownBy(() -> source(Map.of("maxBytesPerTrigger", "10", "maxFilesPerTrigger", "1")))
                .hasMessage("Options 'maxFilesPerTrigger' and 'maxBytesPerTrigger' can't be both set at the same"
                        + " time (as in Spark): keep one");
        assertThatThrownBy(() -> source(Map.of("maxBytesPerTrigger", "10m")))
                .hasMessageStartingWith("Invalid value '10m' for option 'maxBytesPerTrigger', must be a positive");
    }

    @Test
    void when_latestFirst_then_theNewestFilesAreTakenFirst() throws IOException {
        write("a.json", 100, 1);
        write("b.json", 200, 1);
        write("c.json", 300, 1);
        assertThat(batches(source(Map.of("latestFirst", "true", "maxFilesPerTrigger", "2"))))
                .containsExactly(List.of(300, 200), List.of(100));
    }

    @Test
    void when_modifiedAfterAndBefore_then_onlyFilesModifiedStrictlyBetweenAreRead() throws IOException {
        write("a.json", 100, 1); // 10:00:00
        write("b.json", 200, 1); // 10:00:01
        write("c.json", 300, 1); // 10:00:02
        write("d.json", 400, 1); // 10:00:03
        assertThat(batches(source(
                        Map.of("modifiedAfter", "2024-05-01T10:00:00", "modifiedBefore", "2024-05-01T10:00:03Z"))))
                .containsExactly(List.of(200, 300));
    }

    @Test
    void when_aSparkOptionEddyDoesNotSupportIsGiven_then_loadRefusesItNamingItAndWhy() throws IOException {
        Eddy eddy = Eddy.create();
        assertThatThrownBy(() -> eddy.readStream()
                        .format("json")
                        .option("maxFileAge", "1h")
                        .load(dir.toString()))
                .hasMessageStartingWith("option 'maxFileAge' is not supported by the json source: Eddy never forgets");
        assertThatThrownBy(() -> eddy.readStream()
                        .format("csv")
                        .option("timestampNTZFormat", "dd/MM/yyyy HH:mm")
                        .load(dir.toString()))
                .hasMessageStartingWith("option 'timestampNTZFormat' is not supported by the csv source: Eddy has no"
                        + " TIMESTAMP_NTZ type")
                .hasMessageContaining("use 'timestampFormat'");
        for (String format : List.of("topic", "kafka")) {
            assertThatThrownBy(() -> eddy.readStream()
                            .format(format)
                            .option("topic", "t")
                            .option("subscribe", "t")
                            .option("kafka.bootstrap.servers", "localhost:1")
                            .option("valueFormat", "csv")
                            .option("multiLine", "true")
                            .load())
                    .as(format)
                    .hasMessageStartingWith("option 'multiLine' is not supported by the " + format + " source: a"
                            + " record's value is decoded as one record");
        }
        assertThatThrownBy(() -> eddy.readStream()
                        .format("csv")
                        .option("dateFormat", "YYYY-MM-dd")
                        .load(dir.toString()))
                .hasMessage("option 'dateFormat': Fail to recognize 'YYYY-MM-dd' pattern in the DateTimeFormatter: All"
                        + " week-based patterns are unsupported since Spark 3.0, detected: Y, Please use the SQL"
                        + " function EXTRACT instead");
        assertThatThrownBy(() -> eddy.readStream()
                        .format("csv")
                        .option("maxFilesPerTriger", "1")
                        .load(dir.toString()))
                .hasMessageStartingWith("option 'maxFilesPerTriger' is not an option of the csv source; it takes ")
                .hasMessageContaining("maxFilesPerTrigger");
        assertThatThrownBy(() -> source(Map.of("cleanSource", "archive")))
                .hasMessageStartingWith("option 'cleanSource' = 'archive' is not supported");
        assertThatThrownBy(() -> source(Map.of("recursiveFileLookup", "true")))
                .hasMessageStartingWith("option 'recursiveFileLookup' = true is not supported");
        write("a.json", 100, 1);
        assertThat(source(Map.of("cleanSource", "off", "recursiveFileLookup", "false", "fileNameOnly", "true")))
                .as("Spark's defaults are accepted")
                .isNotNull();
    }
}
