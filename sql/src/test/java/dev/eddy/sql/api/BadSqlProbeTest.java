package dev.eddy.sql.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.Eddy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The repeat of issue 13's probe of bad SQL (its families and more): every statement gets one line with its
 * position, no Java exception name or stack trace, at most 200 characters of the input echoed, and the same
 * front end answers the next statement.
 */
class BadSqlProbeTest {
    private static final Pattern POSITION = Pattern.compile("line \\d+, column \\d+");
    private static final Pattern JAVA_NAME =
            Pattern.compile("[A-Z]\\w*(Exception|Error)\\b|\\bat [a-z]+\\.[a-z]+\\.|java\\.");
    private static Eddy eddy;
    private static Sql sql;

    @BeforeAll
    static void setUp() {
        eddy = Eddy.create();
        sql = new Sql(eddy).startInserts(false);
        sql.execute(SqlFixtures.LINES);
        sql.execute("CREATE STREAM clicks (page STRING, ms BIGINT, flag BOOLEAN, ts TIMESTAMP(3),"
                + " WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'topic', 'topic' = 'clicks')");
        sql.execute("CREATE STREAM r WITH ('connector' = 'rate')"
                .replace(" WITH", " (`timestamp` TIMESTAMP(3), `value` BIGINT) WITH"));
        sql.catalog()
                .registerTable(
                        "visits",
                        Table.create(
                                "visits",
                                StringColumn.create("page", "home", "cart", "x1"),
                                LongColumn.create("ms", 1L, Long.MAX_VALUE, 3L),
                                BooleanColumn.create("flag", true, false, true),
                                InstantColumn.create("ts", Instant.EPOCH, Instant.EPOCH, Instant.EPOCH)));
    }

    static Stream<String> badStatements() {
        List<String> s = new ArrayList<>(List.of(
                // syntax
                "SELEC page FROM visits",
                "SELECT page FROM",
                "SELECT page,, ms FROM visits",
                "SELECT * FROM visits WHERE",
                "SELECT 'unclosed FROM visits",
                "SELECT \"page\" FROM visits",
                "SELECT page FROM visits GROUP page",
                "SELECT (page FROM visits",
                "SELECT page) FROM visits",
                "SELECT page FROM visits ORDER",
                "CREATE STREAM",
                "CREATE STREAM s (a STRING",
                "CREATE STREAM s (a STRING) WITH",
                "DROP",
                "SELECT page FROM visits LIMIT x",
                "SELECT CAST(ms AS) FROM visits",
                "SELECT ms FROM visits WHERE ms = = 1",
                "INSERT INTO",
                "SELECT @ FROM visits",
                "SELECT page FROM visits; SELEC 1",
                // unknown names
                "SELECT pag FROM visits",
                "SELECT page FROM visit",
                "SELECT nosuch(page) FROM visits",
                "SELECT v.page FROM visits w",
                "DROP STREAM nosuch",
                "DROP TABLE nosuch",
                "DESCRIBE nosuch",
                "SELECT word FROM lines GROUP BY window(nosuch, '1 minute'), word",
                "INSERT INTO nosuch SELECT page FROM clicks",
                "SELECT page FROM clicks JOIN nosuch ON true",
                // types (Spark 4 ANSI: a literal that cannot cast is an error; a column is cast when rows come)
                "SELECT ms = 'abc' FROM visits",
                "SELECT * FROM visits WHERE ts > 'not a time'",
                "SELECT flag + 1 FROM visits",
                "SELECT SUM(flag) FROM visits",
                "SELECT ts + 1 FROM visits",
                "SELECT ts = 5 FROM visits",
                "SELECT ms IN (1, 'x') FROM visits",
                "SELECT ms BETWEEN 'a' AND 'z' FROM visits",
                "SELECT page + 1 FROM visits",
                "SELECT SUM(page) FROM visits",
                "SELECT AVG(page) FROM visits",
                "SELECT -page FROM visits",
                "SELECT CAST(page AS INT) FROM visits",
                "SELECT ms + 'x' FROM visits",
                "SELECT flag = 'maybe' FROM visits",
                "SELECT upper(ms, 2) FROM visits",
                "SELECT substring(page) FROM visits",
                "SELECT ms / 0 FROM visits",
                "SELECT SUM(ms) FROM visits",
                "SELECT ms * 9999999999 FROM visits",
                "SELECT * FROM clicks WHERE ms = 'abc'",
                "SELECT page FROM clicks WHERE ts > 'yesterday'",
                "SELECT COUNT(*) FROM clicks GROUP BY window(page, '1 minute')",
                "SELECT CAST('abc' AS INT) FROM visits",
                "SELECT date_trunc('HOUR', page) FROM visits",
                // DDL options
                "CREATE STREAM s (a BIGINT) WITH ('connector' = 'rate', 'rowsPerSecond' = '-5')",
                "CREATE STREAM s (a BIGINT) WITH ('connector' = 'rate', 'rowsPerSecond' = 'fast')",
                "CREATE STREAM s (a BIGINT) WITH ('connector' = 'rate', 'rowsPerSecnd' = '5')",
                "CREATE STREAM s (a BIGINT) WITH ('connector' = 'rate', 'numPartitions' = '0')",
                "CREATE TABLE t (a STRING) WITH ('connector' = 'file', 'path' = '/no/such/file.csv')",
                "CREATE TABLE t (a STRING) WITH ('connector' = 'file')",
                "CREATE STREAM s (a STRING) WITH ('connector' = 'file')",
                "CREATE STREAM s (a STRING) WITH ('connector' = 'topc', 'topic' = 't')",
                "CREATE STREAM s (a STRING) WITH ('connector' = 'topic')",
                "CREATE STREAM s (a STRING)",
                "CREATE STREAM s (a STRING) WITH ('connector' = 'socket', 'host' = 'h', 'port' = '-1')",
                "CREATE STREAM s (a STRING) WITH ('connector' = 'socket', 'host' = 'h', 'port' = '1', 'hots' = 'x')",
                "CREATE STREAM s (a STRING) WITH ('connector' = 'topic', 'topic' = 't', 'format' = 'xml')",
                "CREATE STREAM s (a STRING, a INT) WITH ('connector' = 'rate')",
                "CREATE STREAM s (a FOO) WITH ('connector' = 'rate')",
                "CREATE STREAM s (a STRING, WATERMARK FOR a AS a) WITH ('connector' = 'rate')",
                "CREATE STREAM lines (a STRING) WITH ('connector' = 'rate')",
                "CREATE STREAM s (a STRING) WITH ('connector' = 'memory', 'idd' = 'x')",
                "CREATE STREAM s (a STRING) WITH ('connector' = 'rate', 'connector' = 'rate')",
                "CREATE STREAM s (a STRING) WITH ('connector' = 'kafka', 'topic' = 't')",
                // INSERT
                "INSERT INTO r SELECT ts, ms FROM clicks",
                "INSERT INTO visits SELECT page FROM clicks",
                "INSERT INTO lines SELECT page, ts, ms FROM clicks",
                "INSERT INTO lines SELECT * FROM nosuch",
                // streaming rules
                "SELECT page FROM clicks ORDER BY page",
                "SELECT page FROM clicks LIMIT 5",
                "SELECT a.page FROM clicks a JOIN clicks b ON a.page = b.page",
                "SELECT page FROM clicks INTERSECT SELECT page FROM clicks",
                "SELECT page, ROW_NUMBER() OVER (ORDER BY ts) FROM clicks",
                "SELECT session_window(ts, '1 minute') FROM clicks",
                "SELECT window(ts, '1 minute') AS a, window(ts, '2 minutes') AS b FROM clicks",
                "SELECT COUNT(*) FROM clicks GROUP BY window(ts, '10 minuets')",
                "SELECT COUNT(*) FROM clicks GROUP BY window(ts, '5 minutes', '10 minutes')",
                "SELECT window.start FROM clicks",
                "SELECT * FROM clicks, DESCRIPTOR(ts)",
                // big inputs
                "SELECT try_cast(page AS) FROM visits",
                "SELECT page FROM visits WHERE " + "ms = 1 OR ".repeat(3000) + "ms = 'x'",
                "SELECT " + "(".repeat(3000) + "1" + ")".repeat(3000) + " FROM visits",
                "SELECT page FROM visits WHERE " + "(".repeat(3000) + "ms > 1" + ")".repeat(3000),
                "SELECT " + "x".repeat(5000) + " FROM visits",
                "SELECT '" + "y".repeat(5000) + " FROM visits",
                "SELECT page FROM visits WHERE " + "ms > 1 AND ".repeat(3000) + "pag = 'x'",
                "SELECT page FROM visits WHERE ms IN (" + "1, ".repeat(20000) + "'no')"));
        return s.stream();
    }

    @ParameterizedTest
    @MethodSource("badStatements")
    void when_aStatementIsBad_then_oneLineWithPositionAndTheNextStatementRuns(String statement) {
        String message = null;
        try {
            sql.execute(statement);
        } catch (SqlException e) {
            message = e.getMessage();
        } catch (RuntimeException | StackOverflowError e) {
            message = "escaped " + e;
        }
        assertThat(message).as("an error for %s", clip(statement)).isNotNull();
        assertThat(message).doesNotContain("\n").doesNotStartWith("escaped");
        assertThat(POSITION.matcher(message).find())
                .as("position in: " + message)
                .isTrue();
        assertThat(JAVA_NAME.matcher(message).find())
                .as("no Java exception name in: " + message)
                .isFalse();
        assertThat(echoesMoreThan200(statement, message))
                .as("echo in: " + clip(message))
                .isFalse();
        Table next = ((SqlResult.Rows) sql.execute("SELECT COUNT(*) FROM visits")).table();
        assertThat(next.rowCount()).isEqualTo(1);
    }

    static boolean echoesMoreThan200(String input, String message) {
        if (message.length() <= 200) {
            return false;
        }
        for (int i = 0; i + 201 <= input.length(); i++) {
            if (message.contains(input.substring(i, i + 201))) {
                return true;
            }
        }
        return false;
    }

    private static String clip(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
