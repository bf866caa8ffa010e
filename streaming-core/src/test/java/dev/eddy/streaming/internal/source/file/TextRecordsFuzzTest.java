package dev.eddy.streaming.internal.source.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.eddy.streaming.internal.format.ColumnSpec;
import dev.eddy.streaming.internal.format.CsvOptions;
import dev.eddy.streaming.internal.format.ParsedRow;
import dev.eddy.streaming.internal.format.TextFormats;
import dev.eddy.streaming.internal.format.Utf8Text;
import dev.eddy.streaming.internal.format.ValueType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

/**
 * Fuzzes the text path every file, topic and Kafka record takes: bytes split into records (lines, quoted CSV
 * records over several lines, bounded), decoded from UTF-8, parsed as JSON lines or CSV into typed columns. A bad
 * record may only be reported as corrupt (false), never throw; a record the reader calls well-formed is valid
 * Unicode; a parsed row never holds a string with a lone surrogate.
 */
class TextRecordsFuzzTest {
    private static final List<ColumnSpec> COLUMNS = List.of(
            new ColumnSpec("id", ValueType.INT),
            new ColumnSpec("n", ValueType.LONG),
            new ColumnSpec("s", ValueType.STRING),
            new ColumnSpec("x", ValueType.DOUBLE),
            new ColumnSpec("b", ValueType.BOOLEAN),
            new ColumnSpec("ts", ValueType.TIMESTAMP));
    private final ParsedRow row = new ParsedRow(COLUMNS);
    private final TextFormats.RecordParser json = TextFormats.parser("json", COLUMNS, CsvOptions.DEFAULT);
    private final TextFormats.RecordParser csv = TextFormats.parser("csv", COLUMNS, CsvOptions.DEFAULT);

    // dictionary entries hold no line breaks: Jazzer writes them into libFuzzer's dictionary file unescaped
    @FuzzTest(maxDuration = "15s")
    @DictionaryEntries({
        "{\"id\":",
        "\"s\":",
        "\"ts\":\"2026-01-01T00:00:00Z\"",
        "\\ud800",
        "\\udc00",
        "\"\"",
        ",",
        "\"",
        "true",
        "1e308",
        "9223372036854775808",
        "\u00e9",
        "\ud83d\ude00"
    })
    void everyRecordParsesOrIsCorrupt_andNothingThrows(FuzzedDataProvider data) throws IOException {
        boolean header = data.consumeBoolean();
        int maxLines = data.consumeInt(1, 5);
        byte[] file = data.consumeRemainingAsBytes();
        TextFileReader reader = new TextFileReader(true, new CsvOptions(',', '"', header), maxLines);
        reader.forEachRecord(new ByteArrayInputStream(file), (text, malformed) -> {
            assertThat(text).isNotNull();
            assertThat(malformed || !Utf8Text.hasLoneSurrogate(text)).isTrue();
            assertThat(text.chars().filter(c -> c == '\n').count()).isLessThan(maxLines);
            check(csv.parse(text, row));
            check(json.parse(text, row));
        });
        check(json.parse(file, row));
        check(csv.parse(file, row));
        String escaped = Utf8Text.escaped(file, 0, file.length);
        String strict = Utf8Text.decodeOrNull(file);
        assertThat(strict == null || strict.equals(escaped)).isTrue();
    }

    private void check(boolean parsed) {
        if (parsed) {
            for (int c = 0; c < row.size(); c++) {
                Object v = row.get(c);
                assertThat(!(v instanceof String s) || !Utf8Text.hasLoneSurrogate(s))
                        .isTrue();
            }
        }
    }
}
