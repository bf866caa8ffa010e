package dev.eddy.streaming.internal.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaInferenceTest {

    @Test
    void when_csvSampleWithHeader_then_narrowestTypePerColumn() {
        List<ColumnSpec> schema = SchemaInference.inferCsv(
                List.of(
                        "i,l,d,b,ts,s,mixed,empty",
                        "1,3000000000,1,true,2026-01-01T10:00:00Z,x,1,",
                        "2,4,2.5,FALSE,2026-01-01 10:00:01,y,true,",
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
    void when_csvColumnsHoldDatesAndTimestamps_then_theyAreTypedAsSparkTypesThem() {
        List<String> rows = List.of(
                "2024-01-05,2024-01-05,2024-01-05 10:00:00,5,92233720368547758070,1",
                "2024-02-29,2024-01-06 10:00:00,2024-01-06,2024-01-05,,\"x,\"",
                "2024-03-01,,,,1,");
        assertThat(types(rows, Map.of()))
                .containsExactly(
                        ValueType.DATE, // preferDate (Spark's default): yyyy-MM-dd is a DATE
                        ValueType.TIMESTAMP, // a DATE, then a TIMESTAMP: Spark's lenient timestamp text reads both
                        ValueType.TIMESTAMP, // a TIMESTAMP, then a date: read as a TIMESTAMP
                        ValueType.STRING, // an INT, then a DATE: no common type
                        ValueType.DOUBLE, // past LONG: Spark's DECIMAL(20, 0), Eddy's DOUBLE
                        ValueType.STRING);
        assertThat(types(rows, Map.of("preferDate", "false")).subList(0, 3))
                .containsExactly(ValueType.TIMESTAMP, ValueType.TIMESTAMP, ValueType.TIMESTAMP);
        // with a timestampFormat a date is not a TIMESTAMP, and the mix is a STRING
        assertThat(types(rows, Map.of("timestampFormat", "yyyy-MM-dd HH:mm:ss")).subList(0, 3))
                .containsExactly(ValueType.DATE, ValueType.STRING, ValueType.STRING);
        assertThat(types(List.of("05/01/2024,1", "06/01/2024"), Map.of("dateFormat", "dd/MM/yyyy")))
                .containsExactly(ValueType.DATE, ValueType.INT);
    }

    @Test
    void when_wholeNumbersHaveCommasOrPassLong_then_theyAreTypedAsSparkInfersThem() {
        // Spark 4.2's DESCRIBE of this file read with inferSchema (sql/README.md, Proof: the session 13 probe):
        // a string, decimal(20,0), decimal(38,0), double (39 digits), string. Its inference does not drop the
        // commas (its reader of a declared DECIMAL column does); Eddy holds a DECIMAL(p, 0) as a DOUBLE.
        List<String> rows = List.of(
                "a,b,c,d,e",
                "\"1,000\",12345678901234567890,1,123456789012345678901234567890123456789,\"1,5\"",
                "\"2,500\",-5,99999999999999999999999999999999999999,1,7");
        assertThat(SchemaInference.inferCsv(rows, CsvOptions.from(Map.of("header", "true"))))
                .containsExactly(
                        new ColumnSpec("a", ValueType.STRING),
                        new ColumnSpec("b", ValueType.DOUBLE),
                        new ColumnSpec("c", ValueType.DOUBLE),
                        new ColumnSpec("d", ValueType.DOUBLE),
                        new ColumnSpec("e", ValueType.STRING));
        assertThat(new CsvTypeInference(CsvOptions.DEFAULT).next(null, "1,000"))
                .isEqualTo(CsvTypeInference.Kind.STRING);
        assertThat(new CsvTypeInference(CsvOptions.DEFAULT).next(CsvTypeInference.Kind.LONG, "12345678901234567890"))
                .isEqualTo(CsvTypeInference.Kind.DECIMAL);
    }

    @Test
    void when_recordsHaveOtherWidths_then_theFirstRecordSetsTheColumns_andEveryRecordTypesItsOwn() {
        assertThat(SchemaInference.inferCsv(List.of("1,a", "x", "2,b,3.5"), CsvOptions.DEFAULT))
                .containsExactly(new ColumnSpec("_c0", ValueType.STRING), new ColumnSpec("_c1", ValueType.STRING));
        assertThat(SchemaInference.inferCsv(
                        List.of("id,Id,,n", "1,2,3,true"), CsvOptions.from(Map.of("header", "true"))))
                .containsExactly(
                        new ColumnSpec("id0", ValueType.INT),
                        new ColumnSpec("Id1", ValueType.INT),
                        new ColumnSpec("_c2", ValueType.INT),
                        new ColumnSpec("n", ValueType.BOOLEAN));
    }

    private static List<ValueType> types(List<String> rows, Map<String, String> options) {
        return SchemaInference.inferCsv(rows, CsvOptions.from(options)).stream()
                .map(ColumnSpec::type)
                .toList();
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
