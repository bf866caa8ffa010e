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
import java.util.Map;

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
    /** Spark's CSV and datetime options away from their defaults (quote as its own escape, trims, own formats). */
    private static final CsvOptions OTHER = CsvOptions.from(Map.ofEntries(
            Map.entry("sep", ";"),
            Map.entry("quote", "'"),
            Map.entry("escape", "'"),
            Map.entry("charToEscapeQuoteEscaping", "\\"),
            Map.entry("nullValue", "NA"),
            Map.entry("emptyValue", "E"),
            Map.entry("ignoreLeadingWhiteSpace", "true"),
            Map.entry("ignoreTrailingWhiteSpace", "true"),
            Map.entry("mode", "DROPMALFORMED"),
            Map.entry("dateFormat", "dd/MM/yyyy"),
            Map.entry("timestampFormat", "yyyy-MM-dd HH:mm[:ss][.SSS]XXX"),
            Map.entry("enableDateTimeParsingFallback", "true")));

    private final TextFormats.RecordParser otherCsv = TextFormats.parser("csv", COLUMNS, OTHER);
    private final TextFormats.RecordParser otherJson = TextFormats.parser("json", COLUMNS, OTHER);

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
        ";",
        "'",
        "NA",
        "01/02/2026",
        "2026-01-01 10:00:00.123+01:00",
        "  ",
        "\u00e9",
        "\ud83d\ude00"
    })
    void everyRecordParsesOrIsCorrupt_andNothingThrows(FuzzedDataProvider data) throws IOException {
        boolean header = data.consumeBoolean();
        boolean other = data.consumeBoolean();
        int maxLines = data.consumeInt(1, 5);
        byte[] file = data.consumeRemainingAsBytes();
        CsvOptions options = other ? OTHER.withHeader(header) : new CsvOptions(',', '"', header);
        TextFormats.RecordParser csvParser = other ? otherCsv : csv;
        TextFormats.RecordParser jsonParser = other ? otherJson : json;
        TextFileReader reader = new TextFileReader(true, options, maxLines);
        reader.forEachRecord(new ByteArrayInputStream(file), (text, malformed) -> {
            assertThat(text).isNotNull();
            assertThat(malformed || !Utf8Text.hasLoneSurrogate(text)).isTrue();
            assertThat(text.chars().filter(c -> c == '\n').count()).isLessThan(maxLines);
            check(csvParser.parse(text, row));
            check(jsonParser.parse(text, row));
        });
        check(jsonParser.parse(file, row));
        check(csvParser.parse(file, row));
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
