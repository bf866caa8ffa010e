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
import dev.eddy.streaming.api.spi.BatchCommitLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** partitionBy writes Hive-style directories that DuckDB (hive_partitioning) and Eddy's reader read back. */
class ParquetPartitionTest {
    static final Schema SCHEMA = Schema.of(
            Field.of("id", DataType.LONG),
            Field.of("date", DataType.STRING),
            Field.of("shop", DataType.INT),
            Field.of("price", DataType.DOUBLE));

    @TempDir
    Path tmp;

    @Test
    void when_partitionedByTwoColumns_then_hiveDirectoriesHoldTheRowsWithoutTheirColumns_andDuckDbReadsTheSameRows()
            throws Exception {
        Path out = tmp.resolve("out");
        Eddy eddy = Eddy.create();
        MemoryStream in = eddy.memoryStream(SCHEMA);
        StreamingQuery q = in.toDF()
                .writeStream()
                .format("parquet")
                .partitionBy("date", "shop")
                .start(out.toString());
        try {
            in.addData(
                    new Object[] {1L, "2024-05-01", 1, 1.5},
                    new Object[] {2L, "2024-05-02", 1, 2.5},
                    new Object[] {3L, "2024-05-01", 2, 3.5},
                    new Object[] {4L, "2024-05-01", 1, 4.5});
            q.processAllAvailable();
            in.addData(new Object[] {5L, "2024-05-02", 1, 5.5});
            q.processAllAvailable();
        } finally {
            q.stop();
        }
        assertThat(q.exception()).isEmpty();
        assertThat(files(out))
                .containsExactly(
                        "date=2024-05-01/shop=1/part-00000-00000.snappy.parquet",
                        "date=2024-05-01/shop=2/part-00000-00002.snappy.parquet",
                        "date=2024-05-02/shop=1/part-00000-00001.snappy.parquet",
                        "date=2024-05-02/shop=1/part-00001-00000.snappy.parquet");
        assertThat(BatchCommitLog.forOutput(out).files(0)).hasSize(3);
        try (DuckDb duck = new DuckDb()) {
            assertThat(duck.query("SELECT * FROM read_parquet('" + out
                            + "/date=2024-05-01/shop=1/*.parquet', hive_partitioning = false) ORDER BY id"))
                    .as("partition columns are not in the files")
                    .containsExactly(List.of("1", "1.5"), List.of("4", "4.5"));
            assertThat(duck.query("SELECT id, CAST(date AS VARCHAR), shop, price FROM read_parquet('" + out
                            + "/**/*.parquet', hive_partitioning = true) ORDER BY id"))
                    .containsExactly(
                            List.of("1", "2024-05-01", "1", "1.5"),
                            List.of("2", "2024-05-02", "1", "2.5"),
                            List.of("3", "2024-05-01", "2", "3.5"),
                            List.of("4", "2024-05-01", "1", "4.5"),
                            List.of("5", "2024-05-02", "1", "5.5"));
        }
        Batch back = ParquetFiles.read(out);
        assertThat(back.schema().fields())
                .extracting(f -> f.name() + ":" + f.type())
                .as("partition columns come last, typed from the directory values")
                .containsExactly("id:LONG", "price:DOUBLE", "date:STRING", "shop:INT");
        assertThat(rows(ParquetFiles.read(out, "id", "date", "shop", "price")))
                .containsExactlyInAnyOrder(
                        "1|2024-05-01|1|1.5",
                        "2|2024-05-02|1|2.5",
                        "3|2024-05-01|2|3.5",
                        "4|2024-05-01|1|4.5",
                        "5|2024-05-02|1|5.5");
    }

    @Test
    void when_valuesNeedEscapingOrAreNull_then_namesAreEscapedLikeSparks_andReadBackUnchanged() throws Exception {
        Path out = tmp.resolve("out");
        Schema schema = Schema.of(
                Field.of("id", DataType.LONG), Field.of("k", DataType.STRING), Field.of("ts", DataType.TIMESTAMP));
        Eddy eddy = Eddy.create();
        MemoryStream in = eddy.memoryStream(schema);
        StreamingQuery q =
                in.toDF().writeStream().format("parquet").partitionBy("k").start(out.toString());
        try {
            in.addData(
                    new Object[] {1L, "a/b:c=d%e f", Instant.parse("2024-05-01T10:00:00Z")},
                    new Object[] {2L, null, null},
                    new Object[] {3L, "", null});
            q.processAllAvailable();
        } finally {
            q.stop();
        }
        assertThat(q.exception()).isEmpty();
        assertThat(files(out))
                .containsExactly(
                        "k=__HIVE_DEFAULT_PARTITION__/part-00000-00001.snappy.parquet",
                        "k=a%2Fb%3Ac%3Dd%25e f/part-00000-00000.snappy.parquet");
        assertThat(rows(ParquetFiles.read(out, "id", "k")))
                .containsExactlyInAnyOrder("1|a/b:c=d%e f", "2|null", "3|null");
        try (DuckDb duck = new DuckDb()) {
            assertThat(duck.query("SELECT id, k FROM read_parquet('" + out
                            + "/**/*.parquet', hive_partitioning = true) WHERE id = 1"))
                    .containsExactly(List.of("1", "a/b:c=d%e f"));
        }
    }

    @Test
    void when_partitionColumnIsATimestamp_then_theDirectoryHasSparksTimestampString_andItIsReadBackAsATimestamp()
            throws Exception {
        Path out = tmp.resolve("out");
        Schema schema = Schema.of(Field.of("id", DataType.LONG), Field.of("hour", DataType.TIMESTAMP));
        Eddy eddy = Eddy.create();
        MemoryStream in = eddy.memoryStream(schema);
        StreamingQuery q =
                in.toDF().writeStream().format("parquet").partitionBy("hour").start(out.toString());
        try {
            in.addData(
                    new Object[] {1L, Instant.parse("2024-05-01T10:00:00Z")},
                    new Object[] {2L, Instant.parse("2024-05-01T11:30:00.25Z")});
            q.processAllAvailable();
        } finally {
            q.stop();
        }
        assertThat(files(out))
                .containsExactly(
                        "hour=2024-05-01 10%3A00%3A00/part-00000-00000.snappy.parquet",
                        "hour=2024-05-01 11%3A30%3A00.25/part-00000-00001.snappy.parquet");
        Batch back = ParquetFiles.read(out, "id", "hour");
        assertThat(back.schema().field(1).type()).isEqualTo(DataType.TIMESTAMP);
        assertThat(rows(back))
                .containsExactlyInAnyOrder(
                        "1|" + micros("2024-05-01T10:00:00Z"), "2|" + micros("2024-05-01T11:30:00.25Z"));
    }

    @Test
    void when_maxRecordsPerFileIsSet_then_eachPartitionIsSplitIntoFilesOfAtMostThatManyRows() throws Exception {
        Path out = tmp.resolve("out");
        Eddy eddy = Eddy.create();
        MemoryStream in = eddy.memoryStream(SCHEMA);
        StreamingQuery q = in.toDF()
                .writeStream()
                .format("parquet")
                .partitionBy("date")
                .option("maxRecordsPerFile", 2)
                .start(out.toString());
        try {
            List<Object[]> rows = new ArrayList<>();
            for (long i = 0; i < 5; i++) {
                rows.add(new Object[] {i, "d" + (i % 2), 1, 0.0});
            }
            in.addData(rows.toArray(Object[][]::new));
            q.processAllAvailable();
        } finally {
            q.stop();
        }
        assertThat(files(out))
                .containsExactly(
                        "date=d0/part-00000-00000.snappy.parquet",
                        "date=d0/part-00000-00001.snappy.parquet",
                        "date=d1/part-00000-00002.snappy.parquet");
        try (DuckDb duck = new DuckDb()) {
            assertThat(duck.query(
                            "SELECT count(*) FROM read_parquet('" + out + "/date=d0/part-00000-00000.snappy.parquet')"))
                    .containsExactly(List.of("2"));
            assertThat(duck.query("SELECT date, count(*) FROM read_parquet('" + out
                            + "/**/*.parquet', hive_partitioning = true) GROUP BY date ORDER BY date"))
                    .containsExactly(List.of("d0", "3"), List.of("d1", "2"));
        }
    }

    @Test
    void when_aPartitionedBatchIsReplayedAfterARestart_then_noFileIsWrittenTwice_andUncommittedFilesAreNotRead()
            throws Exception {
        Path out = tmp.resolve("out");
        Path ckpt = tmp.resolve("ckpt");
        Eddy eddy = Eddy.create();
        MemoryStream in = eddy.memoryStream(SCHEMA);
        StreamingQuery q = start(in, out, ckpt);
        try {
            in.addData(new Object[] {1L, "a", 1, 1.0});
            q.processAllAvailable();
            in.addData(new Object[] {2L, "a", 1, 2.0}, new Object[] {3L, "b", 1, 3.0});
            q.processAllAvailable();
        } finally {
            q.stop();
        }
        Path a1 = out.resolve("date=a/part-00001-00000.snappy.parquet");
        Path b1 = out.resolve("date=b/part-00001-00001.snappy.parquet");
        FileTime marked = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(a1, marked);
        Files.setLastModifiedTime(b1, marked);
        Files.delete(ckpt.resolve("commits").resolve("1")); // died after the sink, before the engine's commit
        StreamingQuery again = start(in, out, ckpt);
        try {
            again.processAllAvailable();
        } finally {
            again.stop();
        }
        assertThat(again.exception()).isEmpty();
        assertThat(Files.exists(ckpt.resolve("commits").resolve("1"))).isTrue();
        assertThat(Files.getLastModifiedTime(a1)).isEqualTo(marked);
        assertThat(Files.getLastModifiedTime(b1)).isEqualTo(marked);
        assertThat(files(out)).hasSize(3);
        assertThat(rows(ParquetFiles.read(out, "id", "date"))).containsExactlyInAnyOrder("1|a", "2|a", "3|b");

        // a batch whose files were moved into place but never committed (crash before the log entry): not read
        Files.createDirectories(out.resolve("date=c"));
        Files.copy(
                a1,
                out.resolve("date=c").resolve("part-00002-00000.snappy.parquet"),
                StandardCopyOption.REPLACE_EXISTING);
        assertThat(rows(ParquetFiles.read(out, "id", "date"))).containsExactlyInAnyOrder("1|a", "2|a", "3|b");
    }

    @Test
    void when_aPartitionColumnIsUnknownOrEveryColumn_then_theQueryDoesNotStart() {
        Eddy eddy = Eddy.create();
        MemoryStream in = eddy.memoryStream(SCHEMA);
        assertThatThrownBy(() -> in.toDF()
                        .writeStream()
                        .format("parquet")
                        .partitionBy("day")
                        .start(tmp.resolve("x").toString()))
                .hasMessageContaining("partition column 'day' is not in");
        assertThatThrownBy(() -> in.toDF()
                        .writeStream()
                        .format("parquet")
                        .partitionBy("id", "date", "shop", "price")
                        .start(tmp.resolve("y").toString()))
                .hasMessageContaining("cannot use all columns");
    }

    private static StreamingQuery start(MemoryStream in, Path out, Path ckpt) {
        return in.toDF()
                .writeStream()
                .format("parquet")
                .partitionBy("date")
                .option("path", out.toString())
                .checkpointLocation(ckpt.toString())
                .start();
    }

    static List<String> files(Path out) throws IOException {
        try (Stream<Path> s = Files.walk(out)) {
            return s.filter(Files::isRegularFile)
                    .map(p -> out.relativize(p).toString())
                    .filter(n -> !n.startsWith("_"))
                    .sorted()
                    .toList();
        }
    }

    static List<String> rows(Batch b) {
        List<String> out = new ArrayList<>();
        b.forEach(r -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < b.numColumns(); i++) {
                sb.append(i == 0 ? "" : "|").append(r.get(i));
            }
            out.add(sb.toString());
        });
        return out;
    }

    private static long micros(String iso) {
        Instant t = Instant.parse(iso);
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }
}
