package dev.eddy.connectors.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.sql.api.Sql;
import dev.eddy.sql.api.SqlResult;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** CREATE TABLE ... WITH ('connector' = 'parquet'): an INSERT INTO sink, a batch table, a stream-static join side. */
class ParquetSqlTest {
    static final Schema EVENTS =
            Schema.of(Field.of("id", DataType.LONG), Field.of("pid", DataType.LONG), Field.of("dt", DataType.STRING));

    @TempDir
    Path tmp;

    Eddy eddy;
    Sql sql;
    MemoryStream events;
    final List<StreamingQuery> started = new ArrayList<>();

    @BeforeEach
    void setUp() {
        eddy = Eddy.create();
        sql = new Sql(eddy);
        events = eddy.memoryStream(EVENTS);
        sql.catalog().registerStream("events", events.toDF());
    }

    @AfterEach
    void stopAll() {
        started.forEach(StreamingQuery::stop);
    }

    @Test
    void when_aStreamIsInsertedIntoAPartitionedParquetTable_then_batchSqlOverTheTableSeesEveryCommittedRow()
            throws Exception {
        Path dir = tmp.resolve("archive");
        sql.execute("CREATE TABLE archive (id BIGINT, pid BIGINT, dt STRING) WITH ('connector' = 'parquet', "
                + "'path' = '" + dir + "', 'partitionBy' = 'dt', 'compression' = 'zstd')");
        assertThat(rows("SELECT count(*) AS n FROM archive")).containsExactly("0");
        StreamingQuery q = insert("INSERT INTO archive SELECT id, pid, dt FROM events");
        events.addData(new Object[] {1L, 10L, "2024-05-01"}, new Object[] {2L, 11L, "2024-05-02"}, new Object[] {
            3L, 10L, "2024-05-01"
        });
        q.processAllAvailable();
        assertThat(Files.list(dir.resolve("dt=2024-05-01"))
                        .map(p -> p.getFileName().toString()))
                .containsExactly("part-00000-00000.zstd.parquet");
        assertThat(rows("SELECT dt, count(*) AS n, sum(id) AS s FROM archive GROUP BY dt ORDER BY dt"))
                .containsExactly("2024-05-01|2|4", "2024-05-02|1|2");
        events.addData(new Object[] {4L, 12L, "2024-05-02"});
        q.processAllAvailable();
        assertThat(rows("SELECT id FROM archive WHERE dt = '2024-05-02' ORDER BY id"))
                .containsExactly("2", "4");
        try (DuckDb duck = new DuckDb()) {
            assertThat(duck.query("SELECT id, dt FROM read_parquet('" + dir
                            + "/**/*.parquet', hive_partitioning = true) ORDER BY id"))
                    .extracting(r -> r.get(0) + "|" + r.get(1))
                    .containsExactly("1|2024-05-01", "2|2024-05-02", "3|2024-05-01", "4|2024-05-02");
        }
    }

    @Test
    void when_noColumnsAreDeclared_then_theSchemaComesFromTheFilesAndTheDirectoryNames() throws Exception {
        Path dir = tmp.resolve("products");
        try (DuckDb duck = new DuckDb()) {
            duck.execute("COPY (SELECT * FROM (VALUES (10::BIGINT, 'pen', 1.5::DOUBLE, 'a'), (11, 'ink', 7.0, 'b'), "
                    + "(12, 'pad', 3.0, 'a')) t(pid, name, price, shelf)) TO '" + dir
                    + "' (FORMAT PARQUET, PARTITION_BY (shelf))");
        }
        String created = ((SqlResult.Message) sql.execute(
                        "CREATE TABLE products WITH ('connector' = 'parquet', " + "'path' = '" + dir + "')"))
                .text();
        assertThat(created).contains("4 columns");
        assertThat(rows("DESCRIBE products"))
                .extracting(r -> r.split("\\|")[0] + ":" + r.split("\\|")[1])
                .containsExactly("pid:LONG", "name:STRING", "price:DOUBLE", "shelf:STRING");
        assertThat(rows("SELECT shelf, name FROM products WHERE price > 2 ORDER BY name"))
                .containsExactly("b|ink", "a|pad");
    }

    @Test
    void when_aQueryUsesSomeColumns_then_onlyThoseAreRead() throws Exception {
        Path file = tmp.resolve("t.parquet");
        try (DuckDb duck = new DuckDb()) {
            duck.execute("COPY (SELECT 1::BIGINT AS id, 5::BIGINT AS odd) TO '" + file + "' (FORMAT PARQUET)");
        }
        // 'odd' is declared as a STRING but the file holds a BIGINT: reading it fails, so a query that works did
        // not read it
        sql.execute("CREATE TABLE t (id BIGINT, odd STRING) WITH ('connector' = 'parquet', 'path' = '" + file + "')");
        assertThat(rows("SELECT id + 1 AS x FROM t")).containsExactly("2");
        assertThatThrownBy(() -> sql.execute("SELECT odd FROM t"))
                .hasMessageContaining("column 'odd' in Parquet file " + file + " is BIGINT, not STRING");
    }

    @Test
    void when_aStreamIsJoinedWithAParquetTable_then_eachEventGetsItsProductsColumns() throws Exception {
        Path dir = tmp.resolve("products");
        try (DuckDb duck = new DuckDb()) {
            Files.createDirectories(dir);
            duck.execute("COPY (SELECT * FROM (VALUES (10::BIGINT, 'pen'), (11, 'ink')) t(pid, name)) TO '"
                    + dir.resolve("p.parquet") + "' (FORMAT PARQUET)");
        }
        sql.execute("CREATE TABLE products WITH ('connector' = 'parquet', 'path' = '" + dir + "')");
        sql.execute("CREATE STREAM named (id BIGINT, name STRING) WITH ('connector' = 'memory')");
        StreamingQuery q =
                insert("INSERT INTO named SELECT e.id, p.name FROM events e JOIN products p ON e.pid = p.pid");
        events.addData(new Object[] {1L, 11L, "d"}, new Object[] {2L, 10L, "d"}, new Object[] {3L, 99L, "d"});
        q.processAllAvailable();
        assertThat(rows("SELECT id, name FROM named ORDER BY id")).containsExactly("1|ink", "2|pen");
    }

    @Test
    void when_readWithTheJavaApi_then_aTablesawTableWithThePartitionColumnComesBack() throws Exception {
        Path dir = tmp.resolve("out");
        StreamingQuery q =
                events.toDF().writeStream().format("parquet").partitionBy("dt").start(dir.toString());
        started.add(q);
        events.addData(new Object[] {1L, 10L, "x"}, new Object[] {2L, 11L, "y"});
        q.processAllAvailable();
        Table t = eddy.read().parquet(dir.toString());
        assertThat(t.columnNames()).containsExactly("id", "pid", "dt");
        assertThat(t.sortAscendingOn("id").stringColumn("dt").asList()).containsExactly("x", "y");
        Table one = eddy.read().format("parquet").columns("dt").load(dir.toString());
        assertThat(one.columnNames()).containsExactly("dt");
    }

    @Test
    void when_theTableOptionsAreWrong_then_createTableSaysWhatIsWrong() {
        assertThatThrownBy(() -> sql.execute(
                        "CREATE TABLE t WITH ('connector' = 'parquet', 'path' = '" + tmp.resolve("none") + "')"))
                .hasMessageContaining("no Parquet file or directory at");
        assertThatThrownBy(() -> sql.execute("CREATE TABLE t (a BIGINT) WITH ('connector' = 'parquet', 'path' = '" + tmp
                        + "', 'compresion' = 'zstd')"))
                .hasMessageContaining("unknown Parquet option 'compresion'");
        assertThatThrownBy(() -> sql.execute("CREATE TABLE t (a BIGINT) WITH ('connector' = 'parquet')"))
                .hasMessageContaining("option 'path' is required");
    }

    @Test
    void when_insertTargetsATableThatCannotBeWritten_then_itIsRefusedAsBefore() throws Exception {
        Path csv = tmp.resolve("people.csv");
        Files.writeString(csv, "id\n1\n");
        sql.execute("CREATE TABLE people (id BIGINT) WITH ('connector' = 'file', 'path' = '" + csv + "')");
        assertThatThrownBy(() -> sql.execute("INSERT INTO people SELECT id FROM events"))
                .hasMessageContaining("INSERT INTO needs a stream sink; 'people' is a table");
        assertThat(Files.readString(csv)).isEqualTo("id\n1\n");
    }

    private StreamingQuery insert(String statement) {
        StreamingQuery q = ((SqlResult.Streaming) sql.execute(statement)).query();
        started.add(q);
        return q;
    }

    private List<String> rows(String query) {
        Table t = ((SqlResult.Rows) sql.execute(query)).table();
        List<String> out = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < t.columnCount(); c++) {
                sb.append(c == 0 ? "" : "|").append(t.column(c).getString(r));
            }
            out.add(sb.toString());
        }
        return out;
    }
}
