package dev.eddy.connectors.parquet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.eddy.connectors.parquet.internal.ParquetDataset.Decoder;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
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

    /** One column of a random schema: its Parquet type, a value generator and the value Eddy should read. */
    private record Col(
            Type type,
            Function<Random, Object> gen,
            Function<Object, Object> eddy,
            String duckExpr,
            Function<Object, Object> duck) {}

    private static Col col(Random rnd, String name, double nullRate, boolean lowCardinality) {
        Type.Repetition rep = nullRate > 0 || rnd.nextInt(4) == 0 ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
        if (rep == Type.Repetition.REQUIRED) {
            nullRate = 0;
        }
        double nr = nullRate;
        int card = lowCardinality ? 1 + rnd.nextInt(40) : Integer.MAX_VALUE;
        String q = "\"" + name + "\"";
        int pick = rnd.nextInt(14);
        Function<Random, Object> base;
        Type t;
        Function<Object, Object> eddy = v -> v;
        String duck = "CAST(" + q + " AS BIGINT)";
        Function<Object, Object> duckValue = null; // what DuckDB's expression gives for a written value: as Eddy
        switch (pick) {
            case 0, 1 -> {
                t = Types.primitive(PrimitiveTypeName.INT64, rep).named(name);
                base = r -> pickLong(r, card);
            }
            case 2 -> {
                t = Types.primitive(PrimitiveTypeName.INT64, rep)
                        .as(LogicalTypeAnnotation.intType(64, true))
                        .named(name);
                base = r -> pickLong(r, card);
            }
            case 3, 4 -> {
                t = Types.primitive(PrimitiveTypeName.INT32, rep).named(name);
                base = r -> (int) pickLong(r, card);
            }
            case 5 -> {
                int bits = rnd.nextBoolean() ? 8 : 16;
                t = Types.primitive(PrimitiveTypeName.INT32, rep)
                        .as(LogicalTypeAnnotation.intType(bits, true))
                        .named(name);
                base = r -> (int) (pickLong(r, card) >> (64 - bits));
            }
            case 6 -> {
                t = Types.primitive(PrimitiveTypeName.INT32, rep)
                        .as(LogicalTypeAnnotation.intType(32, false))
                        .named(name);
                base = r -> (int) pickLong(r, card);
                eddy = v -> Integer.toUnsignedLong((Integer) v);
            }
            case 7 -> {
                t = Types.primitive(PrimitiveTypeName.DOUBLE, rep).named(name);
                base = r -> pickDouble(r, card);
                duck = "CAST(" + q + " AS DOUBLE)";
            }
            case 8 -> {
                t = Types.primitive(PrimitiveTypeName.FLOAT, rep).named(name);
                base = r -> (float) pickDouble(r, card);
                eddy = v -> (double) (Float) v;
                duck = "CAST(" + q + " AS DOUBLE)";
            }
            case 9 -> {
                t = Types.primitive(PrimitiveTypeName.BOOLEAN, rep).named(name);
                boolean skew = rnd.nextBoolean();
                base = r -> skew ? r.nextInt(10) == 0 : r.nextBoolean();
                duck = q;
            }
            case 10, 11 -> {
                t = Types.primitive(PrimitiveTypeName.BINARY, rep)
                        .as(LogicalTypeAnnotation.stringType())
                        .named(name);
                base = r -> pickString(r, card);
                duck = q;
            }
            default -> {
                TimeUnit unit = TimeUnit.values()[rnd.nextInt(3)];
                boolean utc = rnd.nextBoolean();
                t = Types.primitive(PrimitiveTypeName.INT64, rep)
                        .as(LogicalTypeAnnotation.timestampType(utc, unit))
                        .named(name);
                long range = unit == TimeUnit.NANOS ? 1L << 62 : unit == TimeUnit.MICROS ? 1L << 55 : 1L << 45;
                base = r -> card == Integer.MAX_VALUE
                        ? r.nextLong(-range, range)
                        : (r.nextInt(card) - card / 2) * (range / 64) + r.nextInt(3);
                eddy = switch (unit) {
                    case MILLIS -> v -> (Long) v * 1000;
                    case MICROS -> v -> v;
                    case NANOS -> v -> Math.floorDiv((Long) v, 1000);
                };
                duck = unit == TimeUnit.NANOS ? "epoch_ns(" + q + ")" : "epoch_us(" + q + ")";
                if (unit == TimeUnit.NANOS) {
                    // DuckDB keeps a local TIMESTAMP_NS whole; a UTC one it reads as micros rounded toward zero,
                    // where Eddy rounds down (as it always did): compare DuckDB with its own rounding
                    duckValue = utc ? v -> (Long) v / 1000 * 1000 : v -> v;
                }
            }
        }
        Function<Random, Object> b = base;
        Function<Object, Object> e = eddy;
        Function<Object, Object> dv = duckValue != null ? duckValue : eddy;
        return new Col(
                t,
                r -> nr > 0 && r.nextDouble() < nr ? null : b.apply(r),
                v -> v == null ? null : e.apply(v),
                duck,
                v -> v == null ? null : dv.apply(v));
    }

    private static long pickLong(Random r, int card) {
        if (card == Integer.MAX_VALUE) {
            return switch (r.nextInt(8)) {
                case 0 -> Long.MIN_VALUE + r.nextInt(3);
                case 1 -> Long.MAX_VALUE - r.nextInt(3);
                case 2 -> r.nextInt(1000) - 500;
                default -> r.nextLong();
            };
        }
        return (r.nextInt(card) - card / 2) * 0x9E3779B97F4A7C15L;
    }

    private static double pickDouble(Random r, int card) {
        if (card == Integer.MAX_VALUE) {
            return switch (r.nextInt(10)) {
                case 0 -> -0.0;
                case 1 -> Double.MAX_VALUE;
                case 2 -> Double.MIN_VALUE;
                case 3 -> Double.NEGATIVE_INFINITY;
                default -> r.nextGaussian() * 1e6;
            };
        }
        return (r.nextInt(card) - card / 2) * 0.25;
    }

    private static String pickString(Random r, int card) {
        if (card != Integer.MAX_VALUE) {
            return "v" + r.nextInt(card) + (r.nextInt(card + 1) == 0 ? "é" : "");
        }
        int len = r.nextInt(6) == 0 ? 0 : r.nextInt(r.nextBoolean() ? 8 : 120);
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            int k = r.nextInt(20);
            sb.append(k == 0 ? 'ü' : k == 1 ? '€' : k == 2 ? "😀" : String.valueOf((char) ('a' + r.nextInt(26))));
        }
        return sb.toString();
    }

    @Test
    void when_parquetMrWroteRandomFiles_then_everyDecoderAndDuckDbReadTheRowsWritten() throws Exception {
        Random rnd = new Random(SEED);
        Set<Encoding> seen = EnumSet.noneOf(Encoding.class);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            for (int file = 0; file < 40; file++) {
                int ncols = 1 + rnd.nextInt(7);
                List<Col> cols = new ArrayList<>();
                for (int c = 0; c < ncols; c++) {
                    double nullRate = switch (rnd.nextInt(5)) {
                        case 0 -> 1.0; // all null
                        case 1, 2 -> 0;
                        default -> rnd.nextDouble() * 0.6;
                    };
                    cols.add(col(rnd, "c" + c, nullRate, rnd.nextInt(3) > 0));
                }
                int rows = rnd.nextInt(8) == 0 ? rnd.nextInt(3) : rnd.nextInt(6000);
                List<Object[]> data = new ArrayList<>(rows);
                for (int r = 0; r < rows; r++) {
                    Object[] row = new Object[ncols];
                    for (int c = 0; c < ncols; c++) {
                        row[c] = cols.get(c).gen().apply(rnd);
                    }
                    data.add(row);
                }
                MessageType schema =
                        new MessageType("m", cols.stream().map(Col::type).toList());
                Path f = fileIn("mr-" + file);
                String settings = write(f, schema, data, rnd);
                String what = "file " + file + " (" + settings + ", " + rows + " rows) " + schema;
                seen.addAll(dataPageEncodings(f));

                List<List<Object>> expected = new ArrayList<>(rows);
                for (Object[] row : data) {
                    List<Object> out = new ArrayList<>(ncols);
                    for (int c = 0; c < ncols; c++) {
                        out.add(cols.get(c).eddy().apply(row[c]));
                    }
                    expected.add(out);
                }
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
                List<List<Object>> expected = new ArrayList<>();
                try (Statement s = duck.createStatement();
                        ResultSet rs = s.executeQuery("SELECT l, n, d, CAST(f AS DOUBLE), b, s, epoch_us(ts), "
                                + "CAST(t8 AS INTEGER), allnull FROM read_parquet('" + f + "')")) {
                    while (rs.next()) {
                        List<Object> row = new ArrayList<>();
                        for (int c = 1; c <= 9; c++) {
                            row.add(rs.getObject(c));
                        }
                        expected.add(row);
                    }
                }
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
            List<Col> cols = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                cols.add(col(rnd, "c" + c, rnd.nextDouble() * 0.3, rnd.nextBoolean()));
            }
            MessageType schema =
                    new MessageType("m", cols.stream().map(Col::type).toList());
            List<Object[]> data = new ArrayList<>();
            for (int r = 0; r < 3000; r++) {
                Object[] row = new Object[cols.size()];
                for (int c = 0; c < row.length; c++) {
                    row[c] = cols.get(c).gen().apply(rnd);
                }
                data.add(row);
            }
            Path good = fileIn("good-" + file);
            write(good, schema, data, rnd);
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

    private static Batch read(Path f, Decoder d) {
        return ParquetDataset.open(f, null).withDecoder(d).read(List.of());
    }

    private static List<List<Object>> rowsOf(Batch b) {
        List<List<Object>> out = new ArrayList<>(b.numRows());
        for (int i = 0; i < b.numRows(); i++) {
            Row r = b.row(i);
            List<Object> row = new ArrayList<>();
            for (int c = 0; c < b.numColumns(); c++) {
                row.add(r.isNull(c) ? null : r.get(c));
            }
            out.add(row);
        }
        return out;
    }

    private static void assertRows(List<List<Object>> got, List<List<Object>> expected, String what) {
        assertThat(got.size()).as("%s: rows", what).isEqualTo(expected.size());
        for (int i = 0; i < got.size(); i++) {
            List<Object> g = got.get(i);
            List<Object> e = expected.get(i);
            for (int c = 0; c < e.size(); c++) {
                if (!same(g.get(c), e.get(c))) {
                    fail(what + ": row " + i + " column " + c + ": got " + g.get(c) + " expected " + e.get(c));
                }
            }
        }
    }

    /** Equal values; numbers of any boxed integer type by value, doubles bit for bit (NaN, -0.0). */
    private static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Double x && b instanceof Double y) {
            return Double.doubleToLongBits(x) == Double.doubleToLongBits(y);
        }
        if (a instanceof Number x && b instanceof Number y && !(a instanceof Double) && !(b instanceof Double)) {
            return x.longValue() == y.longValue();
        }
        return a.equals(b);
    }

    private static void assertDuckDbAgrees(Connection duck, Path f, List<Col> cols, List<Object[]> data, String what)
            throws SQLException {
        List<List<Object>> expected = new ArrayList<>();
        for (Object[] row : data) {
            List<Object> out = new ArrayList<>();
            for (int c = 0; c < row.length; c++) {
                out.add(cols.get(c).duck().apply(row[c]));
            }
            expected.add(out);
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int c = 0; c < cols.size(); c++) {
            sql.append(c == 0 ? "" : ", ").append(cols.get(c).duckExpr());
        }
        sql.append(" FROM read_parquet('").append(f).append("')");
        List<List<Object>> got = new ArrayList<>();
        try (Statement s = duck.createStatement();
                ResultSet rs = s.executeQuery(sql.toString())) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int c = 0; c < cols.size(); c++) {
                    row.add(rs.getObject(c + 1));
                }
                got.add(row);
            }
        }
        assertRows(got, expected, what + " read by DuckDB");
    }

    /** Writes {@code rows} with random writer settings; returns them, for messages. */
    private static String write(Path f, MessageType schema, List<Object[]> rows, Random rnd) throws IOException {
        CompressionCodecName codec = List.of(
                        CompressionCodecName.SNAPPY,
                        CompressionCodecName.GZIP,
                        CompressionCodecName.ZSTD,
                        CompressionCodecName.UNCOMPRESSED)
                .get(rnd.nextInt(4));
        WriterVersion version = rnd.nextBoolean() ? WriterVersion.PARQUET_1_0 : WriterVersion.PARQUET_2_0;
        boolean dictionary = rnd.nextInt(3) > 0;
        boolean split = rnd.nextInt(4) == 0;
        int pageRows = 20 + rnd.nextInt(2000);
        int pageSize = 512 + rnd.nextInt(64 * 1024);
        int dictPageSize = rnd.nextBoolean() ? 256 + rnd.nextInt(4096) : 1024 * 1024;
        int groupRows = 200 + rnd.nextInt(10_000);
        try (ParquetWriter<Object[]> w = new Builder(f, schema)
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(LocalCodecs.INSTANCE)
                .withCompressionCodec(codec)
                .withWriterVersion(version)
                .withDictionaryEncoding(dictionary)
                .withByteStreamSplitEncoding(split)
                .withPageRowCountLimit(pageRows)
                .withPageSize(pageSize)
                .withDictionaryPageSize(dictPageSize)
                .withRowGroupRowCountLimit(groupRows)
                .withMinRowCountForPageSizeCheck(1)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build()) {
            for (Object[] row : rows) {
                w.write(row);
            }
        }
        return codec + ", " + version + ", dictionary " + dictionary + ", byte-stream-split " + split
                + ", page rows " + pageRows + ", page size " + pageSize + ", dictionary page " + dictPageSize
                + ", row group rows " + groupRows;
    }

    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
        private final MessageType schema;

        Builder(Path file, MessageType schema) {
            super(new LocalOutputFile(file));
            this.schema = schema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
            return new RowsWriteSupport(schema);
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(ParquetConfiguration conf) {
            return new RowsWriteSupport(schema);
        }
    }

    /** Writes an Object[] per row: Long, Integer, Double, Float, Boolean or String by the column's physical type. */
    private static final class RowsWriteSupport extends WriteSupport<Object[]> {
        private final MessageType schema;
        private RecordConsumer out;

        RowsWriteSupport(MessageType schema) {
            this.schema = schema;
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(schema, Map.of());
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(schema, Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            out = recordConsumer;
        }

        @Override
        public void write(Object[] row) {
            out.startMessage();
            for (int i = 0; i < row.length; i++) {
                Object v = row[i];
                if (v == null) {
                    continue;
                }
                String name = schema.getType(i).getName();
                out.startField(name, i);
                if (v instanceof Long l) {
                    out.addLong(l);
                } else if (v instanceof Integer n) {
                    out.addInteger(n);
                } else if (v instanceof Double d) {
                    out.addDouble(d);
                } else if (v instanceof Float x) {
                    out.addFloat(x);
                } else if (v instanceof Boolean b) {
                    out.addBoolean(b);
                } else {
                    out.addBinary(Binary.fromString((String) v));
                }
                out.endField(name, i);
            }
            out.endMessage();
        }
    }
}
