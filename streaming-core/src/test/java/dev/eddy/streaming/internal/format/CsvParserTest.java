package dev.eddy.streaming.internal.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvParserTest {
    private final CsvParser parser = new CsvParser(CsvOptions.DEFAULT);
    private final List<String> out = new ArrayList<>();

    @Test
    void when_fieldsAreQuoted_then_separatorsQuotesAndLineBreaksInsideAreKept() {
        assertThat(parser.split("a,\"b,c\",\"say \"\"hi\"\"\",\"x\ny\"", out)).isTrue();
        assertThat(out).containsExactly("a", "b,c", "say \"hi\"", "x\ny");
    }

    @Test
    void when_fieldsAreEmpty_then_unquotedIsNullAndQuotedIsEmptyString() {
        assertThat(parser.split(",\"\",", out)).isTrue();
        assertThat(out).containsExactly(null, "", null);
    }

    @Test
    void when_quotesAreBroken_then_recordIsMalformed() {
        assertThat(parser.split("a,\"unclosed", out)).isFalse();
        assertThat(parser.split("a,\"b\"c", out)).isFalse();
        assertThat(parser.split("a,b\"c", out)).isFalse();
    }

    @Test
    void when_recordIsIncompleteAcrossLines_then_isCompleteSaysSo() {
        assertThat(CsvParser.isComplete("a,\"b", '"')).isFalse();
        assertThat(CsvParser.isComplete("a,\"b\nc\"", '"')).isTrue();
    }

    @Test
    void when_recordParsedIntoTypes_then_valuesAreTypedAndBadOnesCorrupt() {
        ParsedRow row = new ParsedRow(List.of(
                new ColumnSpec("id", ValueType.INT),
                new ColumnSpec("name", ValueType.STRING),
                new ColumnSpec("score", ValueType.DOUBLE),
                new ColumnSpec("ok", ValueType.BOOLEAN),
                new ColumnSpec("ts", ValueType.TIMESTAMP)));
        assertThat(parser.parse("7,ann,1.5,true,2026-01-01T00:00:01Z\r", row)).isTrue();
        assertThat(Arrays.asList(row.get(0), row.get(1), row.get(2), row.get(3), row.get(4)))
                .containsExactly(7, "ann", 1.5, true, 1_767_225_601_000_000L);
        assertThat(parser.parse("x,ann,1.5,true,2026-01-01T00:00:01Z", row)).isFalse();
        assertThat(parser.parse("7,ann,1.5,maybe,2026-01-01T00:00:01Z", row)).isFalse();
        assertThat(parser.parse("7,ann,1.5,true", row)).as("too few fields").isFalse();
        assertThat(parser.parse("7,ann,1.5,true,2026-01-01,extra", row))
                .as("too many fields")
                .isFalse();
        assertThat(parser.parse("99999999999,a,1,true,2026-01-01", row))
                .as("int overflow")
                .isFalse();
        assertThat(parser.parse(",,,,", row)).isTrue();
        assertThat(row.get(0)).isNull();
        assertThat(row.get(4)).isNull();
    }

    @Test
    void when_separatorOptionGiven_then_itIsUsed() {
        CsvParser tabs = new CsvParser(CsvOptions.from(Map.of("sep", "\\t")));
        assertThat(tabs.split("a\tb,c", out)).isTrue();
        assertThat(out).containsExactly("a", "b,c");
    }

    @Test
    void when_headerHasBlanksOrDuplicates_then_namesAreMadeUnique() {
        assertThat(parser.headerNames("id, name ,,id")).containsExactly("id", "name", "_c2", "_c3");
    }
}
