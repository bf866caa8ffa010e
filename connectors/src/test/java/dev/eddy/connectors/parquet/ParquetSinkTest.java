package dev.eddy.connectors.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.connectors.parquet.api.ParquetFiles;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** writeStream().format("parquet") read back by DuckDB, an independent Parquet implementation. */
class ParquetSinkTest {
    static final Schema SCHEMA = Schema.of(
            new Field("id", DataType.LONG, false, List.of()),
            Field.of("n", DataType.INT),
            Field.of("price", DataType.DOUBLE),
            Field.of("ok", DataType.BOOLEAN),
            Field.of("name", DataType.STRING),
            Field.of("ts", DataType.TIMESTAMP),
            Field.struct("loc", Field.of("x", DataType.INT), Field.of("city", DataType.STRING)));

    static final Instant T1 = Instant.parse("2024-05-01T10:15:30.123456Z");

    @TempDir
    Path tmp;

    @Test
    void when_streamIsWrittenAsParquet_then_duckDbReadsTheSameRowsWithSparksTypes() throws Exception {
        Path out = tmp.resolve("out");
        Eddy eddy = Eddy.create();
        MemoryStream in = eddy.memoryStream(SCHEMA);
        StreamingQuery q = in.toDF().writeStream().format("parquet").start(out.toString());
        try {
            in.addData(new Object[] {1L, 7, 2.5, true, "ünïcode ✓", T1, new Object[] {3, "Oslo"}});
            q.processAllAvailable();
            in.addData(
                    new Object[] {2L, null, null, null, null, null, null},
                    new Object[] {3L, -1, -0.5, false, "", 0L, new Object[] {null, null}});
            q.processAllAvailable();
        } finally {
            q.stop();
        }
        assertThat(q.exception()).isEmpty();
        assertThat(names(out))
                .containsExactly("_eddy_log", "part-00000-00000.snappy.parquet", "part-00001-00000.snappy.parquet");
        try (DuckDb duck = new DuckDb()) {
            assertThat(duck.query(
                            "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM " + DuckDb.glob(out) + ")"))
                    .containsExactly(
                            List.of("id", "BIGINT"),
                            List.of("n", "INTEGER"),
                            List.of("price", "DOUBLE"),
                            List.of("ok", "BOOLEAN"),
                            List.of("name", "VARCHAR"),
                            List.of("ts", "TIMESTAMP WITH TIME ZONE"),
                            List.of("loc", "STRUCT(x INTEGER, city VARCHAR)"));
            assertThat(duck.query("SELECT id, n, price, ok, name, epoch_us(ts), loc.x, loc.city, loc IS NULL FROM "
                            + DuckDb.glob(out) + " ORDER BY id"))
                    .containsExactly(
                            List.of("1", "7", "2.5", "true", "ünïcode ✓", "1714558530123456", "3", "Oslo", "false"),
                            Arrays.asList("2", null, null, null, null, null, null, null, "true"),
                            Arrays.asList("3", "-1", "-0.5", "false", "", "0", null, null, "false"));
            assertThat(duck.query("SELECT DISTINCT compression FROM parquet_metadata('" + out + "/*.parquet')"))
                    .containsExactly(List.of("SNAPPY"));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "snappy, SNAPPY, .snappy",
        "zstd, ZSTD, .zstd",
        "gzip, GZIP, .gz",
        "none, UNCOMPRESSED, ''",
        "uncompressed, UNCOMPRESSED, ''"
    })
    void when_compressionIsChosen_then_pagesUseThatCodecAndRoundTrip(String option, String duckName, String ext)
            throws Exception {
        Path out = tmp.resolve(option);
        Eddy eddy = Eddy.create();
        MemoryStream in = eddy.memoryStream(SCHEMA);
        StreamingQuery q = in.toDF()
                .writeStream()
                .format("parquet")
                .option("path", out.toString())
                .option("compression", option)
                .start();
        try {
            Object[][] rows = new Object[500][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = new Object[] {
                    (long) i, i % 7, i / 4.0, i % 2 == 0, "name-" + (i % 13), (long) i * 1000, new Object[] {i, "c" + i}
                };
            }
            in.addData(rows);
            q.processAllAvailable();
        } finally {
            q.stop();
        }
        assertThat(q.exception()).isEmpty();
        assertThat(names(out)).containsExactly("_eddy_log", "part-00000-00000" + ext + ".parquet");
        try (DuckDb duck = new DuckDb()) {
            assertThat(duck.query("SELECT DISTINCT compression FROM parquet_metadata('" + out + "/*.parquet')"))
                    .containsExactly(List.of(duckName));
            assertThat(duck.query("SELECT count(*), sum(id), sum(n), sum(price), count(*) FILTER (ok), "
                            + "count(DISTINCT name), sum(loc.x) FROM " + DuckDb.glob(out)))
                    .containsExactly(List.of("500", "124750", "1494", "31187.5", "250", "13", "124750"));
        }
        Batch back = ParquetFiles.read(out);
        assertThat(back.numRows()).isEqualTo(500);
        assertThat(back.row(499).get(4)).isEqualTo("name-5");
        assertThat(back.row(123).get(5)).isEqualTo(123_000L);
    }

    @Test
    void when_compressionIsUnknown_then_theQueryDoesNotStartAndSaysWhy() {
        Eddy eddy = Eddy.create();
        MemoryStream in = eddy.memoryStream(SCHEMA);
        assertThatThrownBy(() -> in.toDF()
                        .writeStream()
                        .format("parquet")
                        .option("compression", "lzo")
                        .start(tmp.resolve("x").toString()))
                .hasMessageContaining("option 'compression' must be snappy, zstd, gzip or none, got 'lzo'");
    }

    @Test
    void when_modeIsNotAppend_then_theQueryDoesNotStart() {
        Eddy eddy = Eddy.create();
        MemoryStream in = eddy.memoryStream(SCHEMA);
        assertThatThrownBy(() -> in.toDF()
                        .writeStream()
                        .format("parquet")
                        .outputMode("update")
                        .start(tmp.resolve("x").toString()))
                .hasMessageContaining("parquet")
                .hasMessageContaining("APPEND");
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
