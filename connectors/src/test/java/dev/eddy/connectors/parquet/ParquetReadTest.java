package dev.eddy.connectors.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.connectors.parquet.api.ParquetFiles;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

/** Eddy reads Parquet files that DuckDB, an independent implementation, wrote. */
class ParquetReadTest {
    /** Every mapped type, nested and null, as DuckDB writes them. */
    static final String ROWS = "SELECT * FROM (VALUES "
            + "(1::BIGINT, 10::INTEGER, 1.5::DOUBLE, true, 'héllo', TIMESTAMPTZ '2024-05-01 10:15:30.123456+00', "
            + "  TIMESTAMP '2024-05-01 00:00:01', 0.25::FLOAT, {'x': 3, 'inner': {'city': 'Oslo'}}), "
            + "(2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL), "
            + "(3, -7, -0.0, false, '', TIMESTAMPTZ '1970-01-01 00:00:00+00', TIMESTAMP '1969-12-31 23:59:59', "
            + "  -2.0, {'x': NULL, 'inner': NULL})"
            + ") t(id, n, price, ok, name, ts, local_ts, f, loc)";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"snappy", "zstd", "gzip", "uncompressed"})
    void when_duckDbWroteAFile_then_eddyReadsTheSameValuesAndTypes(String codec) throws Exception {
        Path file = tmp.resolve("duck.parquet");
        try (DuckDb duck = new DuckDb()) {
            duck.execute("COPY (" + ROWS + ") TO '" + file + "' (FORMAT PARQUET, COMPRESSION " + codec + ")");
        }
        Batch b = ParquetFiles.read(file);
        Schema s = b.schema();
        assertThat(s.fields())
                .extracting(Field::name)
                .containsExactly("id", "n", "price", "ok", "name", "ts", "local_ts", "f", "loc");
        assertThat(s.fields())
                .extracting(Field::type)
                .containsExactly(
                        DataType.LONG,
                        DataType.INT,
                        DataType.DOUBLE,
                        DataType.BOOLEAN,
                        DataType.STRING,
                        DataType.TIMESTAMP,
                        DataType.TIMESTAMP,
                        DataType.DOUBLE,
                        DataType.STRUCT);
        assertThat(s.field("loc").children()).extracting(Field::name).containsExactly("x", "inner");
        assertThat(s.field("loc").children().get(1).type()).isEqualTo(DataType.STRUCT);
        assertThat(b.numRows()).isEqualTo(3);

        Row r1 = b.row(0);
        assertThat(Arrays.asList(
                        r1.get(0), r1.get(1), r1.get(2), r1.get(3), r1.get(4), r1.get(5), r1.get(6), r1.get(7)))
                .containsExactly(1L, 10, 1.5, true, "héllo", 1714558530123456L, 1714521601000000L, 0.25);
        Row loc1 = (Row) r1.get(8);
        assertThat(loc1.get(0)).isEqualTo(3);
        assertThat(((Row) loc1.get(1)).get(0)).isEqualTo("Oslo");

        Row r2 = b.row(1);
        assertThat(r2.get(0)).isEqualTo(2L);
        for (int i = 1; i < 9; i++) {
            assertThat(r2.isNull(i)).as("column %s of row 2", s.field(i).name()).isTrue();
        }

        Row r3 = b.row(2);
        assertThat(Arrays.asList(r3.get(1), r3.get(3), r3.get(4), r3.get(5), r3.get(6), r3.get(7)))
                .containsExactly(-7, false, "", 0L, -1_000_000L, -2.0);
        Row loc3 = (Row) r3.get(8);
        assertThat(r3.isNull(8)).isFalse();
        assertThat(loc3.isNull(0)).isTrue();
        assertThat(loc3.isNull(1)).isTrue();

        // without the struct the columnar path reads the columns: the same values and nulls as the row path
        Batch flat = ParquetFiles.read(file, "id", "n", "price", "ok", "name", "ts", "local_ts", "f");
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 8; c++) {
                assertThat(flat.row(r).get(c))
                        .as("row %s column %s", r, c)
                        .isEqualTo(b.row(r).get(c));
                assertThat(flat.row(r).isNull(c)).isEqualTo(b.row(r).isNull(c));
            }
        }
    }

    @Test
    void when_columnsAreRequested_then_onlyThoseAreRead_soAnUnsupportedColumnCanBeLeftOut() throws Exception {
        Path file = tmp.resolve("list.parquet");
        try (DuckDb duck = new DuckDb()) {
            duck.execute("COPY (SELECT 1::BIGINT AS id, [1, 2] AS tags, 'a' AS name UNION ALL "
                    + "SELECT 2, [], 'b') TO '" + file + "' (FORMAT PARQUET)");
        }
        assertThatThrownBy(() -> ParquetFiles.read(file))
                .hasMessageContaining("column 'tags'")
                .hasMessageContaining("leave it out with a column list");

        Batch b = ParquetFiles.read(file, "name", "id");
        assertThat(b.schema().names()).containsExactly("name", "id");
        assertThat(b.toRows()).extracting(r -> r.get(0) + "/" + r.get(1)).containsExactly("a/1", "b/2");

        assertThatThrownBy(() -> ParquetFiles.read(file, "nope")).hasMessageContaining("column 'nope' is not in");
    }

    @Test
    void when_aDirectoryHasNoCommitLog_then_hiddenAndUnderscoreFilesAreIgnored() throws Exception {
        try (DuckDb duck = new DuckDb()) {
            duck.execute("COPY (SELECT 1::BIGINT AS id) TO '" + tmp.resolve("a.parquet") + "' (FORMAT PARQUET)");
            duck.execute("COPY (SELECT 2::BIGINT AS id) TO '" + tmp.resolve("b.parquet") + "' (FORMAT PARQUET)");
            duck.execute("COPY (SELECT 3::BIGINT AS id) TO '" + tmp.resolve(".c.parquet") + "' (FORMAT PARQUET)");
            duck.execute("COPY (SELECT 4::BIGINT AS id) TO '" + tmp.resolve("_d.parquet") + "' (FORMAT PARQUET)");
        }
        Files.writeString(tmp.resolve("_SUCCESS"), "");
        assertThat(ParquetFiles.read(tmp).toRows()).extracting(r -> r.get(0)).containsExactly(1L, 2L);
    }

    @Test
    void when_readAsTablesaw_then_columnsHaveMatchingTypes() throws Exception {
        Path file = tmp.resolve("t.parquet");
        try (DuckDb duck = new DuckDb()) {
            duck.execute("COPY (SELECT 5::BIGINT AS id, 2::INTEGER AS n, 'x' AS name, 0.5 ::DOUBLE AS p, true AS ok) "
                    + "TO '" + file + "' (FORMAT PARQUET)");
        }
        Table t = ParquetFiles.readTable(file);
        assertThat(t.rowCount()).isEqualTo(1);
        assertThat(t.columnNames()).containsExactly("id", "n", "name", "p", "ok");
        assertThat(t.column("id").type()).isEqualTo(ColumnType.LONG);
        assertThat(t.column("n").type()).isEqualTo(ColumnType.INTEGER);
        assertThat(t.column("name").type()).isEqualTo(ColumnType.STRING);
        assertThat(t.column("p").type()).isEqualTo(ColumnType.DOUBLE);
        assertThat(t.column("ok").type()).isEqualTo(ColumnType.BOOLEAN);
        assertThat(t.longColumn("id").get(0)).isEqualTo(5L);
    }

    @Test
    void when_aFileIsNotParquet_then_theErrorNamesIt() throws Exception {
        Path bad = tmp.resolve("bad.parquet");
        Files.writeString(bad, "not parquet at all");
        assertThatThrownBy(() -> ParquetFiles.read(bad)).hasMessageContaining(bad.toString());
    }

    static List<Object> firsts(Batch b) {
        return b.toRows().stream().map(r -> r.get(0)).toList();
    }
}
