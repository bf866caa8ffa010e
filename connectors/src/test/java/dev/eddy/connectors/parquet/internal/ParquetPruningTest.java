package dev.eddy.connectors.parquet.internal;

import static dev.eddy.streaming.api.expr.Functions.alias;
import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.count;
import static dev.eddy.streaming.api.expr.Functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.connectors.parquet.api.ParquetFiles;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.FileStreamOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Column pruning into the Parquet reader, and the Parquet stream with read-ahead. */
class ParquetPruningTest {
    static final Schema WRITTEN =
            Schema.of(Field.of("a", DataType.LONG), Field.of("b", DataType.STRING), Field.of("c", DataType.DOUBLE));

    @TempDir
    Path tmp;

    @Test
    void when_onlySomeColumnsAreRead_then_theyHoldTheFilesValues_andTheOthersAreNull() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("t/dt=x"));
        ParquetFiles.write(rows(0, 100), dir.resolve("f.parquet"), "snappy");
        ParquetDataset data = ParquetDataset.open(tmp.resolve("t"), null);

        Batch pruned = data.readPruned(data.files(), Set.of("a", "dt"));
        Batch full = data.read(data.files(), List.of());

        assertThat(pruned.schema()).isEqualTo(full.schema());
        assertThat(pruned.numRows()).isEqualTo(100);
        for (int r = 0; r < 100; r++) {
            assertThat(pruned.row(r).getLong("a")).isEqualTo(full.row(r).getLong("a"));
            assertThat(pruned.row(r).getString("dt")).isEqualTo("x");
            assertThat(pruned.row(r).isNull("b")).isTrue();
            assertThat(pruned.row(r).isNull("c")).isTrue();
        }
        Batch none = data.readPruned(data.files(), Set.of());
        assertThat(none.numRows()).as("no column read: the row count alone").isEqualTo(100);
        assertThat(none.row(99).isNull("a")).isTrue();
    }

    @Test
    void when_aColumnIsNotRead_then_itsChunkIsNeverDecoded() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("t"));
        ParquetFiles.write(rows(0, 10), dir.resolve("f.parquet"), "snappy");
        // declared as BIGINT, written as STRING: reading b's chunk is an error naming the file
        Schema declared =
                Schema.of(Field.of("a", DataType.LONG), Field.of("b", DataType.LONG), Field.of("c", DataType.DOUBLE));
        ParquetDataset data = ParquetDataset.open(dir, declared);
        assertThatThrownBy(() -> data.read(data.files(), List.of("a", "b")))
                .hasMessageContaining("column 'b'")
                .hasMessageContaining("f.parquet");

        Batch pruned = data.readPruned(data.files(), Set.of("a", "c"));
        assertThat(pruned.numRows()).isEqualTo(10);
        assertThat(pruned.row(9).getLong("a")).isEqualTo(9);
        assertThat(pruned.row(9).getDouble("c")).isEqualTo(4.5);
    }

    @Test
    void when_aStreamReadsSomeColumnsOfManyFiles_then_itsAnswerIsThatOfEveryRow() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("s"));
        long expectedSum = 0;
        for (int f = 0; f < 5; f++) {
            Path file = dir.resolve("f" + f + ".parquet");
            ParquetFiles.write(rows(f * 1000, 1000), file, "snappy");
            Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000L + f * 1000L));
            for (int i = f * 1000; i < (f + 1) * 1000; i++) {
                expectedSum += i;
            }
        }
        Eddy eddy = Eddy.create();
        StreamingQuery q = eddy.readStream()
                .format("parquet")
                .option("maxFilesPerTrigger", 1)
                .load(dir.toString())
                .groupBy()
                .agg(alias(count(), "n"), alias(sum(col("a")), "total"))
                .writeStream()
                .outputMode("complete")
                .memory("pruned_sum")
                .start();
        try {
            q.processAllAvailable();
            assertThat(q.exception()).isEmpty();
            assertThat(q.recentProgress()).extracting(p -> p.numInputRows()).containsOnly(1000L);
            assertThat(eddy.table("pruned_sum").longColumn("n").get(0)).isEqualTo(5000L);
            assertThat(eddy.table("pruned_sum").longColumn("total").get(0)).isEqualTo(expectedSum);
        } finally {
            q.stop();
        }
    }

    @Test
    void when_aParquetStreamIsPlanned_then_theEngineMayReadItsNextBatchAhead() {
        Schema declared = WRITTEN;
        ParquetSource s =
                new ParquetSource(new ParquetDataset(tmp, declared, List.of()), FileStreamOptions.NONE, false);
        assertThat(s.supportsReadAhead()).isTrue();
        assertThat(s.isReplayable()).isTrue();
    }

    private static Batch rows(int from, int n) {
        BatchBuilder b = Batch.builder(WRITTEN, n);
        for (int i = from; i < from + n; i++) {
            b.addRow((long) i, "s" + i, i / 2.0);
        }
        return b.build();
    }
}
