package dev.eddy.streaming.internal.source.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.Offset;
import dev.eddy.streaming.api.spi.Providers;
import dev.eddy.streaming.api.spi.Source;
import dev.eddy.streaming.api.spi.SourceContext;
import dev.eddy.streaming.api.spi.SupportsTriggerAvailableNow;
import dev.eddy.streaming.api.spi.TriggerContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceTest {
    @TempDir
    Path dir;

    private static final TriggerContext T = new TriggerContext(0, 0, false);
    private int fileTime;

    private void write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        Files.setLastModifiedTime(p, FileTime.fromMillis(1_000_000L + fileTime++ * 1000L)); // arrival order
    }

    private Source source(String format, Map<String, String> options, Schema schema) {
        HashMap<String, String> o = new HashMap<>(options);
        o.put("path", dir.toString());
        return Providers.source(format)
                .createSource(new SourceContext(o, Optional.ofNullable(schema), new ManualClock(0), Optional.empty()));
    }

    @Test
    void when_newFilesArrive_then_eachTriggerPicksUpOnlyTheNewOnesInOrder() throws IOException {
        write("b.csv", "id,name\n1,ann\n");
        Source s = source("csv", Map.of("header", "true", "multiLine", "true"), null);
        assertThat(s.schema().fields())
                .containsExactly(
                        Field.of("id", DataType.INT),
                        Field.of("name", DataType.STRING),
                        Field.of("_corrupt_record", DataType.STRING));
        Offset o1 = s.latestOffset(s.initialOffset(), T);
        assertThat(s.getBatch(s.initialOffset(), o1).toRows())
                .extracting(r -> r.get("name"))
                .containsExactly("ann");
        assertThat(s.latestOffset(o1, T)).isEqualTo(o1);
        write("a.csv", "id,name\n2,\"bob, jr\"\n3,\"multi\nline\"\n");
        write(".hidden.csv", "id,name\n9,no\n");
        write("_tmp.csv", "id,name\n9,no\n");
        Offset o2 = s.latestOffset(o1, T);
        assertThat(s.getBatch(o1, o2).toRows())
                .extracting(r -> r.get("name"))
                .containsExactly("bob, jr", "multi\nline");
        assertThat(o2.json()).isEqualTo("{\"files\":[\"b.csv\",\"a.csv\"]}");
    }

    @Test
    void when_maxFilesPerTrigger_then_filesAreTakenThatManyAtATime() throws IOException {
        for (int i = 0; i < 5; i++) {
            write("f" + i + ".json", "{\"n\":" + i + "}\n");
        }
        Source s = source("json", Map.of("maxFilesPerTrigger", "2"), null);
        Offset o = s.initialOffset();
        List<Integer> sizes = new ArrayList<>();
        while (true) {
            Offset next = s.latestOffset(o, T);
            if (next.equals(o)) {
                break;
            }
            sizes.add(s.getBatch(o, next).numRows());
            o = next;
        }
        assertThat(sizes).containsExactly(2, 2, 1);
        Offset all = s.latestOffset(s.initialOffset(), new TriggerContext(0, 0, true));
        assertThat(s.getBatch(s.initialOffset(), all).numRows())
                .as("all available (Trigger.once) ignores the cap")
                .isEqualTo(5);
    }

    @Test
    void when_availableNowWithMaxFilesPerTrigger_then_theFilesListedAtStartAreTakenThatManyAtATime()
            throws IOException {
        for (int i = 0; i < 5; i++) {
            write("f" + i + ".json", "{\"n\":" + i + "}\n");
        }
        Source s = source("json", Map.of("maxFilesPerTrigger", "2"), null);
        ((SupportsTriggerAvailableNow) s).prepareForTriggerAvailableNow();
        write("late.json", "{\"n\":99}\n"); // arrives after the run started: not part of it
        Offset o = s.initialOffset();
        List<List<Object>> batches = new ArrayList<>();
        for (Offset next = s.latestOffset(o, T); !next.equals(o); o = next, next = s.latestOffset(o, T)) {
            batches.add(
                    s.getBatch(o, next).toRows().stream().map(r -> r.get("n")).toList());
        }
        assertThat(batches).containsExactly(List.of(0, 1), List.of(2, 3), List.of(4));
        Source next = source("json", Map.of("maxFilesPerTrigger", "2"), null);
        Offset more = next.latestOffset(o, T);
        assertThat(next.getBatch(o, more).toRows())
                .as("the next run reads it")
                .extracting(r -> r.get("n"))
                .containsExactly(99);
    }

    @Test
    void when_batchReplayedFromItsOffsets_then_sameRowsComeBack() throws IOException {
        write("1.json", "{\"n\":1}\n{\"n\":2}\n");
        Source s = source("json", Map.of(), null);
        Offset o1 = s.latestOffset(s.initialOffset(), T);
        write("2.json", "{\"n\":3}\n");
        Offset o2 = s.latestOffset(o1, T);
        List<Row> first = s.getBatch(o1, o2).toRows();
        Source restarted = source("json", Map.of(), null);
        Offset start = restarted.deserializeOffset(o1.json());
        Offset end = restarted.deserializeOffset(o2.json());
        assertThat(restarted.getBatch(start, end).toRows()).isEqualTo(first);
        assertThat(first).extracting(r -> r.get("n")).containsExactly(3);
    }

    @Test
    void when_rowsAreMalformed_then_theyAreKeptInCorruptRecordAndCounted() throws IOException {
        write("x.json", "{\"n\":1,\"s\":\"a\"}\n{broken\n\n{\"n\":\"two\",\"s\":\"b\"}\n");
        Source s = source(
                "file",
                Map.of("format", "json"),
                Schema.of(Field.of("n", DataType.LONG), Field.of("s", DataType.STRING)));
        Batch b = s.getBatch(s.initialOffset(), s.latestOffset(s.initialOffset(), T));
        assertThat(b.toRows())
                .extracting(r -> r.get("_corrupt_record"))
                .containsExactly(null, "{broken", "{\"n\":\"two\",\"s\":\"b\"}");
        assertThat(b.column("n").get(0)).isEqualTo(1L);
        assertThat(s.status()).startsWith("2 corrupt records");
    }

    private void writeBytes(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        Files.setLastModifiedTime(p, FileTime.fromMillis(1_000_000L + fileTime++ * 1000L));
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            byte[] b = p instanceof String str ? str.getBytes(StandardCharsets.UTF_8) : (byte[]) p;
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    private List<Row> readAll(Source s) {
        return s.getBatch(s.initialOffset(), s.latestOffset(s.initialOffset(), T))
                .toRows();
    }

    @Test
    void when_aJsonLineHasAnInvalidUtf8Byte_then_onlyThatLineIsCorruptWithTheByteEscaped_andTheRestIsRead()
            throws IOException {
        writeBytes(
                "a.json",
                bytes(
                        "{\"n\":1,\"s\":\"caf\u00e9\"}\n{\"n\":2,\"s\":\"x",
                        new byte[] {(byte) 0xFF},
                        "y\"}\n{\"n\":3,\"s\":\"z\"}\n"));
        Source s = source("json", Map.of(), Schema.of(Field.of("n", DataType.LONG), Field.of("s", DataType.STRING)));
        List<Row> rows = readAll(s);
        assertThat(rows).extracting(r -> r.get("n")).containsExactly(1L, null, 3L);
        assertThat(rows).extracting(r -> r.get("s")).containsExactly("caf\u00e9", null, "z");
        assertThat(rows.get(1).get("_corrupt_record")).isEqualTo("{\"n\":2,\"s\":\"x\\xFFy\"}");
        assertThat(s.status()).startsWith("1 corrupt records");
    }

    @Test
    void when_aCsvLineHasAnEncodedSurrogateOrOverlongBytes_then_itIsCorrupt_andInferenceIgnoresIt() throws IOException {
        writeBytes(
                "a.csv",
                bytes(
                        "id,name\n1,ann\n2,",
                        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        "\n3,",
                        new byte[] {(byte) 0xC0, (byte) 0xAF},
                        "\n4,dan\n"));
        Source s = source("csv", Map.of("header", "true"), null);
        assertThat(s.schema().fields()).startsWith(Field.of("id", DataType.INT), Field.of("name", DataType.STRING));
        List<Row> rows = readAll(s);
        assertThat(rows).extracting(r -> r.get("id")).containsExactly(1, null, null, 4);
        assertThat(rows)
                .extracting(r -> r.get("_corrupt_record"))
                .containsExactly(null, "2,\\xED\\xA0\\x80", "3,\\xC0\\xAF", null);
    }

    @Test
    void when_aTextFileHasInvalidUtf8_then_thatLineGoesToCorruptRecord() throws IOException {
        writeBytes("t.txt", bytes("ok\n", new byte[] {(byte) 0x80}, "bad\nfine\n"));
        Source s = source("text", Map.of(), null);
        List<Row> rows = readAll(s);
        assertThat(rows).extracting(r -> r.get("value")).containsExactly("ok", null, "fine");
        assertThat(rows.get(1).get("_corrupt_record")).isEqualTo("\\x80bad");
    }

    @Test
    void when_multiLineIsOff_then_eachLineIsARecord_andAnOpenQuoteRunsToItsEnd() throws IOException {
        write("a.csv", "id,name\n1,ann\n2,\"unterminated\n3,bob\n4,\"two\nlines\"\n5,eve\n");
        Source s = source(
                "csv",
                Map.of("header", "true"),
                Schema.of(Field.of("id", DataType.INT), Field.of("name", DataType.STRING)));
        List<Row> rows = readAll(s);
        assertThat(rows).extracting(r -> r.get("id")).containsExactly(1, 2, 3, 4, null, 5);
        assertThat(rows)
                .extracting(r -> r.get("name"))
                .containsExactly("ann", "unterminated", "bob", "two", null, "eve");
        assertThat(rows.get(4).get("_corrupt_record")).isEqualTo("lines\""); // one field of two
    }

    @Test
    void when_multiLineIsOn_then_aQuotedFieldSpansLines_forAtMostMaxRecordLines() throws IOException {
        write("a.csv", "1,\"a\n2,b\n3,c\n4,d\"\n5,e\n");
        Source s = source(
                "csv",
                Map.of("maxRecordLines", "3", "multiLine", "true"),
                Schema.of(Field.of("id", DataType.INT), Field.of("name", DataType.STRING)));
        List<Row> rows = readAll(s);
        // the quote is still open after 3 lines: its first line is a record alone, the others are read again
        assertThat(rows).extracting(r -> r.get("name")).containsExactly("a", "b", "c", "d\"", "e");
        Source wide = source(
                "csv",
                Map.of("maxRecordLines", "4", "multiLine", "true"),
                Schema.of(Field.of("id", DataType.INT), Field.of("name", DataType.STRING)));
        assertThat(readAll(wide)).extracting(r -> r.get("name")).containsExactly("a\n2,b\n3,c\n4,d", "e");
        assertThatThrownBy(() -> source("csv", Map.of("maxRecordLines", "0"), null))
                .hasMessageContaining("maxRecordLines");
        assertThatThrownBy(() -> source("text", Map.of("multiLine", "true"), null))
                .hasMessageContaining("'multiLine' = true is only supported for CSV and JSON files");
    }

    @Test
    void when_multiLineIsOn_andAQuoteNeverCloses_then_theRecordRunsToTheEndOfTheFile() throws IOException {
        write("a.csv", "1,ann\n2,\"open\n3,bob\n4,eve\n");
        Source s = source(
                "csv",
                Map.of("multiLine", "true"),
                Schema.of(Field.of("id", DataType.INT), Field.of("name", DataType.STRING)));
        // as Spark: the open quote takes the lines after it (their line breaks included) into its field
        assertThat(readAll(s)).extracting(r -> r.get("name")).containsExactly("ann", "open\n3,bob\n4,eve\n");
    }

    @Test
    void when_jsonIsReadWithMultiLine_then_aFileIsOneDocument_anObjectOrAnArrayOfThem() throws IOException {
        write("a.json", "[\n  {\"id\": 1,\n   \"name\": \"ann\"},\n  {\"id\": \"x\", \"name\": \"bob\"}\n]\n");
        write("b.json", "{\"id\": 3,\n \"name\": \"cy\"}\n");
        write("c.json", "{\"id\": 4,\n");
        Source s = source(
                "json",
                Map.of("multiLine", "true"),
                Schema.of(Field.of("id", DataType.INT), Field.of("name", DataType.STRING)));
        List<Row> rows = readAll(s);
        assertThat(rows).extracting(r -> r.get("id")).containsExactly(1, null, 3, null);
        assertThat(rows).extracting(r -> r.get("name")).containsExactly("ann", "bob", "cy", null);
        // Spark's record is the whole document: one malformed element makes every row of it malformed, each with its
        // own values and the file's text
        String a = Files.readString(dir.resolve("a.json"));
        assertThat(rows).extracting(r -> r.get("_corrupt_record")).containsExactly(a, a, null, "{\"id\": 4,\n");
    }

    @Test
    void when_noFilesAndNoSchema_then_clearErrorAsksForASchema() {
        assertThatThrownBy(() -> source("csv", Map.of(), null)).hasMessageContaining("declare the schema");
    }

    @Test
    void when_textFormat_then_eachLineIsAValue() throws IOException {
        write("t.txt", "hello world\nbye\n");
        Source s = source("text", Map.of(), null);
        Batch b = s.getBatch(s.initialOffset(), s.latestOffset(s.initialOffset(), T));
        assertThat(b.toRows()).extracting(r -> r.get("value")).containsExactly("hello world", "bye");
    }
}
