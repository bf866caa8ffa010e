package dev.eddy.connectors.parquet.internal;

import static dev.eddy.connectors.parquet.internal.DecodedRows.assertRows;
import static dev.eddy.connectors.parquet.internal.DecodedRows.read;
import static dev.eddy.connectors.parquet.internal.DecodedRows.rowsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.eddy.connectors.parquet.internal.ParquetDataset.Decoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded differential test of the three ways Eddy decodes a Parquet row group: a page at a time ({@link PageColumns},
 * the default), a value at a time ({@link FlatColumns}) and record assembly ({@link RowMaterializer}). Random flat
 * schemas of every Parquet type Eddy reads (nullable or not, all-null columns, low and high cardinality so chunks
 * hold dictionary pages, plain pages and a dictionary that overflows into plain pages), written by parquet-mr with
 * random settings (page v1/v2, dictionary on/off, byte-stream-split, page and row group sizes, every codec) and by
 * DuckDB: every path must give exactly the rows written, and DuckDB must read the same values.
 */
class ParquetDecodersDifferentialTest {
    private static final long SEED = 20261206L;

    @TempDir
    Path tmp;

    @Test
    void when_parquetMrWroteRandomFiles_then_everyDecoderAndDuckDbReadTheRowsWritten() throws Exception {
        Random rnd = new Random(SEED);
        Set<Encoding> seen = EnumSet.noneOf(Encoding.class);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            for (int file = 0; file < 40; file++) {
                int ncols = 1 + rnd.nextInt(7);
                List<RandomColumn> cols = new ArrayList<>();
                for (int c = 0; c < ncols; c++) {
                    double nullRate = switch (rnd.nextInt(5)) {
                        case 0 -> 1.0; // all null
                        case 1, 2 -> 0;
                        default -> rnd.nextDouble() * 0.6;
                    };
                    cols.add(RandomColumn.of(rnd, "c" + c, nullRate, rnd.nextInt(3) > 0));
                }
                int rows = rnd.nextInt(8) == 0 ? rnd.nextInt(3) : rnd.nextInt(6000);
                List<Object[]> data = RandomColumn.rows(cols, rows, rnd);
                MessageType schema = RandomColumn.schema(cols);
                Path f = fileIn("mr-" + file);
                String settings = RandomSettingsWriter.write(f, schema, data, rnd);
                String what = "file " + file + " (" + settings + ", " + rows + " rows) " + schema;
                seen.addAll(dataPageEncodings(f));

                List<List<Object>> expected = RandomColumn.values(cols, data, RandomColumn::eddy);
                for (Decoder d : Decoder.values()) {
                    assertRows(rowsOf(read(f, d)), expected, what + " read " + d);
                }
                assertDuckDbAgrees(duck, f, cols, data, what);
            }
        }
        // the seed's files hold every value encoding parquet-mr writes for these types
        assertThat(seen)
                .contains(
                        Encoding.PLAIN,
                        Encoding.PLAIN_DICTIONARY,
                        Encoding.RLE_DICTIONARY,
                        Encoding.DELTA_BINARY_PACKED,
                        Encoding.DELTA_BYTE_ARRAY,
                        Encoding.BYTE_STREAM_SPLIT,
                        Encoding.RLE);
    }

    /** The encodings of the data pages of every column chunk of {@code f}. */
    private static Set<Encoding> dataPageEncodings(Path f) throws IOException {
        Set<Encoding> out = EnumSet.noneOf(Encoding.class);
        try (ParquetFileReader r = ParquetDataset.open(f)) {
            for (BlockMetaData block : r.getFooter().getBlocks()) {
                for (ColumnChunkMetaData c : block.getColumns()) {
                    out.addAll(c.getEncodingStats().getDataEncodings());
                }
            }
        }
        return out;
    }

    @Test
    void when_duckDbWroteRandomFiles_then_everyDecoderReadsWhatDuckDbReads() throws Exception {
        Random rnd = new Random(SEED + 1);
        String[] codecs = {"snappy", "zstd", "gzip", "uncompressed"};
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            for (int file = 0; file < 12; file++) {
                int rows = rnd.nextInt(20_000);
                int mod = 1 + rnd.nextInt(rnd.nextBoolean() ? 30 : 100_000);
                String nul = "CASE WHEN hash(i * 7) % 100 < " + rnd.nextInt(60) + " THEN NULL ELSE ";
                String select = "SELECT "
                        + "(i % " + mod + ") * 104729 - 7 AS l, "
                        + nul + "CAST(i % " + mod + " AS INTEGER) - 3 END AS n, "
                        + nul + "(i % " + mod + ") / 8.0 END AS d, "
                        + nul + "CAST((i % " + mod + ") / 4.0 AS FLOAT) END AS f, "
                        + nul + "i % 3 = 0 END AS b, "
                        + nul + "'s' || (i % " + mod + ") || repeat('x', CAST(i % 5 AS INTEGER)) END AS s, "
                        + nul + "TIMESTAMP '2020-01-01' + to_microseconds(i % " + mod + " * 1000003) END AS ts, "
                        + nul + "CAST(i % 100 AS TINYINT) END AS t8, "
                        + "CAST(NULL AS BIGINT) AS allnull "
                        + "FROM range(" + rows + ") r(i)";
                Path f = fileIn("duck-" + file);
                String opts = "FORMAT PARQUET, COMPRESSION " + codecs[rnd.nextInt(codecs.length)] + ", ROW_GROUP_SIZE "
                        + (1000 + rnd.nextInt(20_000)) + (rnd.nextBoolean() ? ", PARQUET_VERSION V2" : "");
                try (Statement s = duck.createStatement()) {
                    s.execute("COPY (" + select + ") TO '" + f + "' (" + opts + ")");
                }
                List<List<Object>> expected = DecodedRows.query(
                        duck,
                        "SELECT l, n, d, CAST(f AS DOUBLE), b, s, epoch_us(ts), CAST(t8 AS INTEGER), allnull"
                                + " FROM read_parquet('" + f + "')",
                        9);
                for (Decoder d : Decoder.values()) {
                    assertRows(rowsOf(read(f, d)), expected, "DuckDB file " + file + " (" + opts + ") read " + d);
                }
            }
        }
    }

    @Test
    void when_aFileIsTruncatedOrCorrupt_then_everyDecoderFailsNamingTheFile() throws Exception {
        Random rnd = new Random(SEED + 2);
        for (int file = 0; file < 24; file++) {
            List<RandomColumn> cols = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                cols.add(RandomColumn.of(rnd, "c" + c, rnd.nextDouble() * 0.3, rnd.nextBoolean()));
            }
            MessageType schema = RandomColumn.schema(cols);
            List<Object[]> data = RandomColumn.rows(cols, 3000, rnd);
            Path good = fileIn("good-" + file);
            RandomSettingsWriter.write(good, schema, data, rnd);
            byte[] bytes = Files.readAllBytes(good);
            Path bad = fileIn("bad-" + file);
            if (file % 2 == 0) { // cut off
                Files.write(bad, Arrays.copyOf(bytes, 4 + rnd.nextInt(bytes.length - 8)));
                for (Decoder d : Decoder.values()) {
                    assertThatThrownBy(() -> read(bad, d))
                            .as("truncated file %s read %s", file, d)
                            .isInstanceOfAny(IllegalArgumentException.class, UncheckedIOException.class)
                            .hasMessageContaining(bad.toString());
                }
            } else { // bytes in the column chunks overwritten: an error naming the file, or (no checksum) values
                byte[] b = bytes.clone();
                int dataEnd = b.length - 8 - readFooterLength(b);
                for (int k = 0; k < 8; k++) {
                    b[4 + rnd.nextInt(dataEnd - 4)] = (byte) rnd.nextInt(256);
                }
                Files.write(bad, b);
                for (Decoder d : Decoder.values()) {
                    try {
                        assertThat(read(bad, d).numRows()).isEqualTo(data.size());
                    } catch (IllegalArgumentException | UncheckedIOException e) {
                        assertThat(e).as("corrupt file %s read %s", file, d).hasMessageContaining(bad.toString());
                    } catch (RuntimeException e) {
                        fail("corrupt file " + file + " read " + d + " failed without naming the file", e);
                    }
                }
            }
        }
    }

    /** A file alone in a directory of its own (a table is every file of its directory). */
    private Path fileIn(String dir) throws IOException {
        return Files.createDirectories(tmp.resolve(dir)).resolve("part-0.parquet");
    }

    private static int readFooterLength(byte[] b) {
        int p = b.length - 8;
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }

    private static void assertDuckDbAgrees(
            Connection duck, Path f, List<RandomColumn> cols, List<Object[]> data, String what) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int c = 0; c < cols.size(); c++) {
            sql.append(c == 0 ? "" : ", ").append(cols.get(c).duckExpr());
        }
        sql.append(" FROM read_parquet('").append(f).append("')");
        assertRows(
                DecodedRows.query(duck, sql.toString(), cols.size()),
                RandomColumn.values(cols, data, RandomColumn::duck),
                what + " read by DuckDB");
    }
}
