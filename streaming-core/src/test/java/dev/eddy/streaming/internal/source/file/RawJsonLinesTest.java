package dev.eddy.streaming.internal.source.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.internal.format.ColumnSpec;
import dev.eddy.streaming.internal.format.CsvOptions;
import dev.eddy.streaming.internal.format.ParsedRow;
import dev.eddy.streaming.internal.format.TextFormats;
import dev.eddy.streaming.internal.format.ValueType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A JSON-lines file read with the raw-bytes fast path gives the same records, values and corrupt records (with the
 * same text) as reading every line decoded first, on a file mixing good, blank, odd and malformed lines.
 */
class RawJsonLinesTest {
    private static final List<ColumnSpec> COLUMNS =
            List.of(new ColumnSpec("id", ValueType.LONG), new ColumnSpec("s", ValueType.STRING));

    @Test
    void when_aJsonLinesFileHasGoodBlankAndMalformedLines_then_theFastPathReadsItAsTheDecodedPathDoes()
            throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (String line : List.of(
                "{\"id\":1,\"s\":\"a\"}",
                "",
                "   ",
                "\u000B\t",
                "{\"id\":2,\"s\":\"zo\u00eb\"}\r",
                "{\"id\":3,\"s\":\"esc\\\"aped\"}",
                "{\"id\":\"x\"}",
                "{\"id\":4",
                "\"unterminated",
                "{\"id\":5}",
                "\u2003",
                "{\"id\":6,\"s\":\"\\ud800\"}",
                "{}")) {
            file.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            file.write('\n');
        }
        file.writeBytes(new byte[] {'{', '"', 's', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}', '\r', '\n'});
        file.writeBytes("{\"id\":7}".getBytes(StandardCharsets.UTF_8)); // no newline at the end
        byte[] bytes = file.toByteArray();

        List<String> fast = read(bytes, true);
        assertThat(normalized(fast)).isEqualTo(normalized(read(bytes, false)));
        assertThat(fast)
                .hasSize(11)
                .contains(
                        "fast [1, a]",
                        "fast [7, null]",
                        "fast [3, esc\"aped]",
                        "corrupt {\"id\":4",
                        "corrupt {\"s\":\"\\xC0\\xAF\"}");
    }

    private static List<String> normalized(List<String> records) {
        return records.stream()
                .map(s -> s.replaceFirst("^(fast|text) ", "row "))
                .toList();
    }

    /** Each record as "fast [values]" (raw bytes), "text [values]" (decoded first) or "corrupt <text>". */
    private static List<String> read(byte[] file, boolean fast) throws IOException {
        TextFormats.RecordParser parser = TextFormats.parser("json", COLUMNS, CsvOptions.DEFAULT);
        ParsedRow row = new ParsedRow(COLUMNS);
        List<String> out = new ArrayList<>();
        new TextFileReader(false, CsvOptions.DEFAULT)
                .forEachRecord(new ByteArrayInputStream(file), new TextFileReader.Records() {
                    @Override
                    public void record(String text, boolean malformed) {
                        out.add(!malformed && parser.parse(text, row) ? "text " + values(row) : "corrupt " + text);
                    }

                    @Override
                    public boolean rawLine(byte[] b, int off, int len) {
                        if (fast && parser.parseFast(b, off, len, row)) {
                            out.add("fast " + values(row));
                            return true;
                        }
                        return false;
                    }
                });
        return out;
    }

    private static String values(ParsedRow row) {
        return "[" + row.get(0) + ", " + row.get(1) + "]";
    }
}
