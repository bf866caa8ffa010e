package dev.eddy.connectors.parquet;

import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.to_date;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.connectors.parquet.api.ParquetFiles;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A DATE column in Parquet: Spark's INT32 DATE logical type, read by DuckDB and read back by Eddy. */
class ParquetDateTest {
    @TempDir
    Path tmp;

    @Test
    void when_aDateColumnIsWritten_then_duckDbReadsParquetDatesAndEddyReadsThemBack() throws Exception {
        Path out = tmp.resolve("out");
        Eddy eddy = Eddy.create();
        MemoryStream in =
                eddy.memoryStream(Schema.of(Field.of("id", DataType.LONG), Field.of("ts", DataType.TIMESTAMP)));
        StreamingQuery q = in.toDF()
                .select(col("id"), to_date(col("ts")).as("day"))
                .writeStream()
                .format("parquet")
                .start(out.toString());
        try {
            in.addData(
                    new Object[] {1L, Instant.parse("2024-01-05T23:59:59Z")},
                    new Object[] {2L, Instant.parse("1969-12-31T10:00:00Z")},
                    new Object[] {3L, null});
            q.processAllAvailable();
        } finally {
            q.stop();
        }
        assertThat(q.exception()).isEmpty();
        try (DuckDb duck = new DuckDb()) {
            assertThat(duck.query(
                            "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM " + DuckDb.glob(out) + ")"))
                    .containsExactly(List.of("id", "BIGINT"), List.of("day", "DATE"));
            assertThat(duck.query("SELECT id, CAST(day AS VARCHAR) FROM " + DuckDb.glob(out) + " ORDER BY id"))
                    .containsExactly(List.of("1", "2024-01-05"), List.of("2", "1969-12-31"), Arrays.asList("3", null));
        }
        Path file;
        try (Stream<Path> files = Files.list(out)) {
            file = files.filter(p -> p.toString().endsWith(".parquet"))
                    .findFirst()
                    .orElseThrow();
        }
        assertThat(ParquetFiles.schema(file).field("day").type()).isEqualTo(DataType.DATE);
        Batch back = ParquetFiles.read(file);
        assertThat(back.column(1).get(0)).isEqualTo(LocalDate.of(2024, 1, 5));
        assertThat(back.column(1).get(1)).isEqualTo(LocalDate.of(1969, 12, 31));
        assertThat(back.column(1).isNull(2)).isTrue();
    }
}
