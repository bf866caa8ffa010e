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
    void when_fieldsAreQuoted_then_separatorsBackslashEscapedQuotesAndLineBreaksInsideAreKept() {
        split("a,\"b,c\",\"say \\\"hi\\\"\",\"x\ny\",\"c:\\\\d\"");
        assertThat(out).containsExactly("a", "b,c", "say \"hi\"", "x\ny", "c:\\d");
    }

    @Test
    void when_escapeIsTheQuote_then_aDoubledQuoteIsAQuote() {
        CsvParser rfc = new CsvParser(CsvOptions.from(Map.of("escape", "\"")));
        rfc.split("\"say \"\"hi\"\"\",\"a\\\"", out);
        assertThat(out).containsExactly("say \"hi\"", "a\\");
    }

    @Test
    void when_fieldsAreEmpty_then_unquotedAndQuotedEmptyAreNullUnlessEmptyValueOrNullValueSaySo() {
        split(",\"\",");
        assertThat(out).containsExactly(null, null, null);
        new CsvParser(CsvOptions.from(Map.of("nullValue", "NA"))).split("NA,\"\",,\"NA\"", out);
        assertThat(out).containsExactly(null, "", null, null);
        new CsvParser(CsvOptions.from(Map.of("emptyValue", "none"))).split(",\"\"", out);
        assertThat(out).containsExactly(null, "none");
    }

    @Test
    void when_quotesAreStray_then_theyAreTextAsSparkReadsThem() {
        split("a,\"unclosed,b");
        assertThat(out).containsExactly("a", "unclosed,b");
        split("a,\"b\"c,d");
        assertThat(out).containsExactly("a", "\"b\"c", "d");
        split("a,b\"c,\"b\"\"c\"");
        assertThat(out).containsExactly("a", "b\"c", "\"b\"\"c\"");
        split(" \"a\" ,\"b\" ");
        assertThat(out).containsExactly(" \"a\" ", "b");
    }

    @Test
    void when_whiteSpaceOptionsAreSet_then_unquotedFieldsAreTrimmed() {
        new CsvParser(CsvOptions.from(Map.of("ignoreLeadingWhiteSpace", "true"))).split(" a , \" b \" ,  ", out);
        assertThat(out).containsExactly("a ", " b ", null);
        new CsvParser(CsvOptions.from(Map.of("ignoreTrailingWhiteSpace", "true"))).split(" a , \" b \" ", out);
        assertThat(out).containsExactly(" a", " \" b \"");
    }

    @Test
    void when_recordEndsInsideQuotes_then_endsInsideQuotesSaysSo() {
        assertThat(parser.endsInsideQuotes("a,\"b")).isTrue();
        assertThat(parser.endsInsideQuotes("a,\"b\\\"")).isTrue();
        assertThat(parser.endsInsideQuotes("a,\"b\nc\"")).isFalse();
        assertThat(parser.endsInsideQuotes("a,b\"c")).isFalse();
    }

    private void split(String record) {
        assertThat(parser.split(record, out)).isTrue();
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
        // as Spark names them: fields as they are, repeated names (ignoring case) with their index
        assertThat(parser.headerNames("id, name ,,ID")).containsExactly("id0", " name ", "_c2", "ID3");
    }
}
