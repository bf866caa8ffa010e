package dev.eddy.streaming.internal.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesParserTest {
    private final List<ColumnSpec> cols = List.of(
            new ColumnSpec("id", ValueType.LONG),
            new ColumnSpec("name", ValueType.STRING),
            new ColumnSpec("ts", ValueType.TIMESTAMP),
            new ColumnSpec("n", ValueType.INT),
            new ColumnSpec("x", ValueType.DOUBLE));
    private final JsonLinesParser parser = new JsonLinesParser(cols);
    private final ParsedRow row = new ParsedRow(cols);

    @Test
    void when_objectHasExtraMissingAndNestedFields_then_theyAreSkippedNullOrKeptAsJson() {
        assertThat(parser.parse("{\"id\":5,\"other\":{\"a\":[1,2]},\"name\":{\"k\":[1,\"v\"]},\"x\":2}", row))
                .isTrue();
        assertThat(row.get(0)).isEqualTo(5L);
        assertThat(row.get(1)).isEqualTo("{\"k\":[1,\"v\"]}");
        assertThat(row.get(2)).isNull();
        assertThat(row.get(4)).isEqualTo(2.0);
    }

    @Test
    void when_parsedFromUtf8Bytes_then_sameAsFromText() {
        byte[] utf8 = "{\"id\":9,\"name\":\"zoë\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(parser.parse(utf8, row)).isTrue();
        assertThat(row.get(0)).isEqualTo(9L);
        assertThat(row.get(1)).isEqualTo("zoë");
        assertThat(parser.parse("{\"id\":".getBytes(StandardCharsets.UTF_8), row))
                .isFalse();
    }

    @Test
    void when_aStringHoldsALoneEscapedSurrogate_then_theLineIsMalformed_butAPairIsText() {
        assertThat(parser.parse("{\"id\":1,\"name\":\"a\\ud800\"}", row)).isFalse();
        assertThat(parser.parse("{\"id\":1,\"name\":\"\\udc00b\"}", row)).isFalse();
        assertThat(parser.parse("{\"id\":1,\"name\":{\"k\":\"\\ud800\"}}", row))
                .as("nested, kept as JSON")
                .isFalse();
        assertThat(parser.parse("{\"id\":1,\"name\":\"\\ud83d\\ude00\"}", row)).isTrue();
        assertThat(row.get(1)).isEqualTo(new String(Character.toChars(0x1F600)));
    }

    @Test
    void when_bytesAreNotUtf8_then_theRecordIsMalformedForEveryFormat() {
        byte[] encodedSurrogate = {
            '{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'
        };
        assertThat(TextFormats.parser("json", cols, CsvOptions.DEFAULT).parse(encodedSurrogate, row))
                .isFalse();
        List<ColumnSpec> one = List.of(new ColumnSpec("value", ValueType.STRING));
        ParsedRow r1 = new ParsedRow(one);
        assertThat(TextFormats.parser("text", one, CsvOptions.DEFAULT).parse(new byte[] {'a', (byte) 0xFE}, r1))
                .isFalse();
        assertThat(TextFormats.parser("csv", one, CsvOptions.DEFAULT).parse(new byte[] {(byte) 0xC3}, r1))
                .isFalse();
        assertThat(TextFormats.parser("csv", one, CsvOptions.DEFAULT)
                        .parse("\u00e9".getBytes(StandardCharsets.UTF_8), r1))
                .isTrue();
    }

    @Test
    void when_timestampIsIsoOrEpochSeconds_then_itBecomesMicros_asSparkReadsAJsonNumber() {
        assertThat(parser.parse("{\"ts\":\"2026-01-01T00:00:00.5+01:00\"}", row))
                .isTrue();
        assertThat(row.get(2)).isEqualTo(1_767_222_000_500_000L);
        assertThat(parser.parse("{\"ts\":1000}", row)).isTrue();
        assertThat(row.get(2)).isEqualTo(1_000_000_000L);
    }

    @Test
    void when_lineIsMalformedOrValueDoesNotFit_then_itIsCorrupt() {
        assertThat(parser.parse("{\"id\":1", row)).isFalse();
        assertThat(parser.parse("[1,2]", row)).isFalse();
        assertThat(parser.parse("{\"id\":\"abc\"}", row)).isFalse();
        assertThat(parser.parse("{\"n\":3000000000}", row)).isFalse();
        assertThat(parser.parse("{\"ts\":\"yesterday\"}", row)).isFalse();
        assertThat(parser.parse("{\"id\":1} {\"id\":2}", row)).isFalse();
        assertThat(parser.parse("", row)).isFalse();
        assertThat(parser.parse("{\"id\":null,\"name\":\"ok\"}", row)).isTrue();
        assertThat(row.get(0)).isNull();
    }
}
