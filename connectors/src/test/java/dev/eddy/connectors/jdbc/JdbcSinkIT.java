package dev.eddy.connectors.jdbc;

import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.to_date;
import static dev.eddy.streaming.api.expr.Functions.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC sink against a real PostgreSQL: modes, exactly once, schema checks, constraint failures, credentials. */
class JdbcSinkIT {
    static final Schema ORDERS = Schema.of(
            Field.of("id", DataType.LONG),
            Field.of("user", DataType.STRING),
            Field.of("amount", DataType.DOUBLE),
            Field.of("ts", DataType.TIMESTAMP));
    static final LocalPostgres PG = LocalPostgres.shared();

    @TempDir
    Path tmp;

    private static String table() {
        return "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static Object[] order(long id, String user, double amount, String ts) {
        return new Object[] {id, user, amount, Instant.parse(ts)};
    }

    private StreamingQuery start(Dataset d, String mode, String table, Path checkpoint) {
        return d.writeStream()
                .format("jdbc")
                .outputMode(mode)
                .option("url", PG.url())
                .option("dbtable", table)
                .option("user", PG.user())
                .option("password", PG.password())
                .checkpointLocation(checkpoint.toString())
                .start();
    }

    static List<String> rows(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = PG.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                List<String> vs = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    vs.add(rs.getString(i));
                }
                out.add(String.join(" ", vs));
            }
        }
        return out;
    }

    @Test
    void when_appendModeQueryRuns_then_itsRowsAreInTheCreatedTableWithTheirTypes() throws Exception {
        String t = table();
        Eddy eddy = Eddy.create();
        MemoryStream in = eddy.memoryStream(ORDERS);
        StreamingQuery q = start(in.toDF(), "append", t, tmp.resolve("ckpt"));
        try {
            in.addData(
                    order(1, "ann", 9.5, "2024-05-01T12:00:00.123456Z"),
                    new Object[] {2L, "tab\tand\\back\nslash", null, null});
            q.processAllAvailable();
            in.addData(order(3, "bob", -1, "2024-05-01T12:01:00Z"));
            q.processAllAvailable();
        } finally {
            q.stop();
        }
        assertThat(q.exception()).isEmpty();
        assertThat(rows("SELECT id, \"user\", amount, ts AT TIME ZONE 'UTC' FROM " + t + " ORDER BY id"))
                .containsExactly(
                        "1 ann 9.5 2024-05-01 12:00:00.123456",
                        "2 tab\tand\\back\nslash null null",
                        "3 bob -1 2024-05-01 12:01:00");
        assertThat(rows("SELECT column_name || ' ' || data_type FROM information_schema.columns WHERE table_name = '"
                        + t + "' ORDER BY ordinal_position"))
                .containsExactly("id bigint", "user text", "amount double precision", "ts timestamp with time zone");
        assertThat(q.lastProgress().sink().description())
                .contains("JdbcSink", t)
                .doesNotContain(PG.password());
    }

    @Test
    void when_aDateColumnIsWritten_then_postgresHoldsItAsADateInAppendAndUpdateMode() throws Exception {
        String appended = table();
        String updated = table();
        Eddy eddy = Eddy.create();
        MemoryStream in = eddy.memoryStream(ORDERS);
        Dataset days = in.toDF().select(col("id"), to_date(col("ts")).as("day"));
        StreamingQuery a = start(days, "append", appended, tmp.resolve("a"));
        StreamingQuery u = start(
                days.filter(col("day").isNotNull()).groupBy(col("day")).count(), "update", updated, tmp.resolve("u"));
        try {
            in.addData(
                    order(1, "ann", 1, "2024-01-05T23:59:59Z"),
                    order(2, "bob", 1, "1969-12-31T10:00:00Z"),
                    order(3, "cid", 1, "2024-01-05T01:00:00Z"),
                    new Object[] {4L, "dan", 1.0, null});
            a.processAllAvailable();
            u.processAllAvailable();
        } finally {
            a.stop();
            u.stop();
        }
        assertThat(a.exception()).isEmpty();
        assertThat(u.exception()).isEmpty();
        assertThat(rows("SELECT id, day FROM " + appended + " ORDER BY id"))
                .containsExactly("1 2024-01-05", "2 1969-12-31", "3 2024-01-05", "4 null");
        assertThat(rows("SELECT day, count FROM " + updated + " ORDER BY day"))
                .containsExactly("1969-12-31 1", "2024-01-05 2");
        assertThat(rows("SELECT data_type FROM information_schema.columns WHERE table_name = '" + appended
                        + "' AND column_name = 'day'"))
                .containsExactly("date");
    }

    @Test
    void when_updateModeAggregates_then_theTableHoldsTheLatestCountPerKeyWithWindowsFlattened() throws Exception {
        String t = table();
        Eddy eddy = Eddy.create();
        MemoryStream in = eddy.memoryStream(ORDERS);
        Dataset counts =
                in.toDF().groupBy(window(col("ts"), "1 minute"), col("user")).count();
        StreamingQuery q = start(counts, "update", t, tmp.resolve("ckpt"));
        try {
            in.addData(order(1, "ann", 1, "2024-05-01T12:00:10Z"), order(2, "bob", 1, "2024-05-01T12:00:20Z"));
            q.processAllAvailable();
            in.addData(order(3, "ann", 1, "2024-05-01T12:00:30Z"), order(4, "ann", 1, "2024-05-01T12:01:30Z"));
            q.processAllAvailable();
        } finally {
            q.stop();
        }
        assertThat(q.exception()).isEmpty();
        assertThat(rows("SELECT to_char(window_start AT TIME ZONE 'UTC', 'HH24:MI'), \"user\", count FROM " + t
                        + " ORDER BY 1, 2"))
                .containsExactly("12:00 ann 2", "12:00 bob 1", "12:01 ann 1");
        assertThat(rows("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
                        + " AND a.attnum = ANY(i.indkey) WHERE i.indrelid = '" + t + "'::regclass AND i.indisprimary"
                        + " ORDER BY 1"))
                .as("the created table's key")
                .containsExactly("user", "window_end", "window_start");
    }

    @Test
    void when_completeModeRuns_then_theTableHoldsExactlyTheLatestResult() throws Exception {
        String t = table();
        Eddy eddy = Eddy.create();
        MemoryStream in = eddy.memoryStream(ORDERS);
        Dataset counts = in.toDF().groupBy(col("user")).count();
        StreamingQuery q = start(counts, "complete", t, tmp.resolve("ckpt"));
        try {
            in.addData(order(1, "ann", 1, "2024-05-01T12:00:10Z"), order(2, "bob", 1, "2024-05-01T12:00:20Z"));
            q.processAllAvailable();
            in.addData(order(3, "ann", 1, "2024-05-01T12:00:30Z"));
            q.processAllAvailable();
        } finally {
            q.stop();
        }
        assertThat(q.exception()).isEmpty();
        assertThat(rows("SELECT \"user\", count FROM " + t + " ORDER BY 1")).containsExactly("ann 2", "bob 1");
    }

    @Test
    void when_theEngineReplaysACommittedBatchAfterARestart_then_itsRowsAreNotWrittenTwice() throws Exception {
        String t = table();
        Path checkpoint = tmp.resolve("ckpt");
        Eddy eddy = Eddy.create();
        MemoryStream in = eddy.memoryStream(ORDERS);
        StreamingQuery q = start(in.toDF(), "append", t, checkpoint);
        try {
            in.addData(order(1, "ann", 1, "2024-05-01T12:00:00Z"));
            q.processAllAvailable();
            in.addData(order(2, "bob", 2, "2024-05-01T12:00:00Z"));
            q.processAllAvailable();
        } finally {
            q.stop();
        }
        // as if the query had died after the database commit of batch 1 but before its checkpoint commit
        Files.delete(checkpoint.resolve("commits").resolve("1"));
        StreamingQuery again = start(in.toDF(), "append", t, checkpoint);
        try {
            again.processAllAvailable();
            assertThat(again.lastProgress().batchId()).as("batch 1 ran again").isEqualTo(1L);
            in.addData(order(3, "cy", 3, "2024-05-01T12:00:00Z"));
            again.processAllAvailable();
        } finally {
            again.stop();
        }
        assertThat(again.exception()).isEmpty();
        assertThat(rows("SELECT id FROM " + t + " ORDER BY id")).containsExactly("1", "2", "3");
        assertThat(rows("SELECT batch_id FROM eddy_sink_progress WHERE sink_table = '" + t + "'"))
                .containsExactly("2");
    }

    @Test
    void when_theTableLacksAColumnOrATypeDiffers_then_theQueryIsRefusedAtStartNamingTheColumn() {
        String missing = table();
        String wrongType = table();
        PG.execute(
                "CREATE TABLE " + missing + " (id BIGINT, \"user\" TEXT, ts TIMESTAMPTZ)",
                "CREATE TABLE " + wrongType + " (id BIGINT, \"user\" TEXT, amount TEXT, ts TIMESTAMPTZ)");
        Eddy eddy = Eddy.create();
        MemoryStream in = eddy.memoryStream(ORDERS);
        assertThatThrownBy(() -> start(in.toDF(), "append", missing, tmp.resolve("a")))
                .hasMessageContaining("has no column 'amount'")
                .hasMessageContaining("DOUBLE")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PG.password()));
        assertThatThrownBy(() -> start(in.toDF(), "append", wrongType, tmp.resolve("b")))
                .hasMessageContaining("column 'amount'")
                .hasMessageContaining("TEXT")
                .hasMessageContaining("does not fit");
        assertThatThrownBy(() -> in.toDF()
                        .writeStream()
                        .format("jdbc")
                        .option("url", PG.url())
                        .option("dbtable", table())
                        .option("user", PG.user())
                        .option("password", PG.password())
                        .option("createTable", "false")
                        .start())
                .hasMessageContaining("does not exist");
    }

    @Test
    void when_aRowViolatesAConstraint_then_theBatchFailsWhole_andAfterTheFixTheQueryResumesAtThatBatch()
            throws Exception {
        String t = table();
        PG.execute("CREATE TABLE " + t + " (id BIGINT PRIMARY KEY, \"user\" TEXT, amount DOUBLE PRECISION"
                + " CONSTRAINT amount_positive CHECK (amount > 0), ts TIMESTAMPTZ)");
        Path checkpoint = tmp.resolve("ckpt");
        Eddy eddy = Eddy.create();
        MemoryStream in = eddy.memoryStream(ORDERS);
        StreamingQuery q = start(in.toDF(), "append", t, checkpoint);
        try {
            in.addData(order(1, "ann", 5, "2024-05-01T12:00:00Z"));
            q.processAllAvailable();
            in.addData(order(2, "bob", 7, "2024-05-01T12:00:00Z"), order(3, "cy", -4, "2024-05-01T12:00:00Z"));
            assertThatThrownBy(q::processAllAvailable).isNotNull();
        } finally {
            q.stop();
        }
        assertThat(q.exception()).isPresent();
        String message = q.exception().get().getMessage();
        assertThat(message)
                .contains(
                        "batch 1",
                        "row 1 of the batch",
                        "id=3",
                        "amount=-4.0",
                        "constraint amount_positive",
                        "resumes at batch 1")
                .doesNotContain(PG.password());
        assertThat(rows("SELECT id FROM " + t)).as("nothing of batch 1").containsExactly("1");

        PG.execute("ALTER TABLE " + t + " DROP CONSTRAINT amount_positive");
        StreamingQuery again = start(in.toDF(), "append", t, checkpoint);
        try {
            again.processAllAvailable();
        } finally {
            again.stop();
        }
        assertThat(again.exception()).isEmpty();
        assertThat(rows("SELECT id FROM " + t + " ORDER BY id")).containsExactly("1", "2", "3");
    }

    @Test
    void when_theTableHasNoUniqueIndexOnTheKeyInUpdateMode_then_theQueryIsRefusedAtStart() {
        String t = table();
        PG.execute("CREATE TABLE " + t + " (\"user\" TEXT, count BIGINT)");
        Eddy eddy = Eddy.create();
        MemoryStream in = eddy.memoryStream(ORDERS);
        assertThatThrownBy(() -> start(in.toDF().groupBy(col("user")).count(), "update", t, tmp.resolve("c")))
                .hasMessageContaining("needs a primary key or unique index on [user]");
    }

    @Test
    void when_updateModeTargetsADatabaseWithoutUpserts_then_itIsRefusedAtStartNamingTheDialects() {
        Eddy eddy = Eddy.create();
        MemoryStream in = eddy.memoryStream(ORDERS);
        assertThatThrownBy(() -> in.toDF()
                        .groupBy(col("user"))
                        .count()
                        .writeStream()
                        .format("jdbc")
                        .outputMode("update")
                        .option("url", "jdbc:sqlserver://db:1433;password=hunter22")
                        .option("dbtable", "t")
                        .start())
                .hasMessageContaining("update mode")
                .hasMessageContaining("PostgreSQL")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter22"));
    }

    @Test
    void when_thePasswordIsWrong_then_theErrorSaysSoWithoutShowingIt() {
        Eddy eddy = Eddy.create();
        MemoryStream in = eddy.memoryStream(ORDERS);
        assertThatThrownBy(() -> in.toDF()
                        .writeStream()
                        .format("jdbc")
                        .option("url", PG.url() + "?password=s3cr3t-x")
                        .option("dbtable", table())
                        .option("user", PG.user())
                        .start())
                .hasMessageContaining("cannot connect")
                .hasMessageContaining("password authentication failed")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-x"));
    }

    @Test
    void when_queriesRunAndFail_then_neitherTheConsoleNorTheLogsShowThePassword() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        List<String> logged = new CopyOnWriteArrayList<>();
        Logger root = Logger.getLogger("");
        Level level = root.getLevel();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(new SimpleFormatter().format(r));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
        root.setLevel(Level.ALL);
        PrintStream both = new PrintStream(console, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
        String t = table();
        try {
            PG.execute("CREATE TABLE " + t + " (id BIGINT PRIMARY KEY, \"user\" TEXT, amount DOUBLE PRECISION"
                    + " CHECK (amount > 0), ts TIMESTAMPTZ)");
            Eddy eddy = Eddy.create();
            MemoryStream in = eddy.memoryStream(ORDERS);
            StreamingQuery q = start(in.toDF(), "append", t, tmp.resolve("ckpt"));
            in.addData(order(1, "ann", 5, "2024-05-01T12:00:00Z"));
            q.processAllAvailable();
            in.addData(order(2, "bob", -5, "2024-05-01T12:00:00Z"));
            assertThatThrownBy(q::processAllAvailable).hasMessageContaining("violates");
            q.stop();
            assertThatThrownBy(() -> in.toDF()
                            .writeStream()
                            .format("jdbc")
                            .option("url", PG.url())
                            .option("dbtable", t)
                            .option("user", PG.user())
                            .option("password", PG.password() + "x")
                            .start())
                    .hasMessageContaining("password authentication failed");
        } finally {
            System.setOut(out);
            System.setErr(err);
            root.removeHandler(capture);
            root.setLevel(level);
        }
        assertThat(logged).as("the driver logged at its finest level").isNotEmpty();
        assertThat(String.join("\n", logged)).doesNotContain(PG.password());
        assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain(PG.password());
    }
}
