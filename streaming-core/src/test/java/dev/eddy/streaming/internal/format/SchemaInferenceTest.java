package dev.eddy.streaming.internal.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaInferenceTest {

    @Test
    void when_csvSampleWithHeader_then_narrowestTypePerColumn() {
        List<ColumnSpec> schema = SchemaInference.inferCsv(
                List.of(
                        "i,l,d,b,ts,s,mixed,empty",
                        "1,3000000000,1,true,2026-01-01T10:00:00Z,x,1,",
                        "2,4,2.5,FALSE,2026-01-01 10:00:01,y,true,",
                        "this,line,is,corrupt,\"",
                        "-3,5,1e3,true,2026-01-02,z,2,"),
                new CsvOptions(',', '"', true));
        assertThat(schema)
                .containsExactly(
                        new ColumnSpec("i", ValueType.INT),
                        new ColumnSpec("l", ValueType.LONG),
                        new ColumnSpec("d", ValueType.DOUBLE),
                        new ColumnSpec("b", ValueType.BOOLEAN),
                        new ColumnSpec("ts", ValueType.TIMESTAMP),
                        new ColumnSpec("s", ValueType.STRING),
                        new ColumnSpec("mixed", ValueType.STRING),
                        new ColumnSpec("empty", ValueType.STRING));
    }

    @Test
    void when_csvSampleWithoutHeader_then_columnsAreNumbered() {
        assertThat(SchemaInference.inferCsv(List.of("1,a", "2,b"), CsvOptions.DEFAULT))
                .containsExactly(new ColumnSpec("_c0", ValueType.INT), new ColumnSpec("_c1", ValueType.STRING));
    }

    @Test
    void when_jsonSample_then_fieldsSortedAndWidened() {
        assertThat(SchemaInference.inferJson(List.of(
                        "{\"b\":1,\"a\":\"2026-01-01T00:00:00Z\",\"c\":null}",
                        "not json",
                        "{\"b\":2.5,\"d\":{\"x\":1},\"e\":true}",
                        "{\"b\":10000000000,\"e\":\"yes\"}")))
                .containsExactly(
                        new ColumnSpec("a", ValueType.TIMESTAMP),
                        new ColumnSpec("b", ValueType.DOUBLE),
                        new ColumnSpec("c", ValueType.STRING),
                        new ColumnSpec("d", ValueType.STRING),
                        new ColumnSpec("e", ValueType.STRING));
    }

    @Test
    void when_textLooksLikeJavaLiterals_then_itStaysString() {
        assertThat(Texts.typeOf("NaN")).isEqualTo(ValueType.STRING);
        assertThat(Texts.typeOf("1d")).isEqualTo(ValueType.STRING);
        assertThat(Texts.typeOf("2026-13-01")).isEqualTo(ValueType.STRING);
        assertThat(Texts.typeOf(" 12 ")).isEqualTo(ValueType.INT);
    }
}
