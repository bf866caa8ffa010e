package dev.eddy.sql.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** CREATE/DROP STREAM|TABLE with each connector and option, SHOW and DESCRIBE. */
class SqlDdlTest {
    private final Sql sql = new Sql(new SqlCatalog());

    private Table rows(String text) {
        return ((SqlResult.Rows) sql.execute(text)).table();
    }

    @Test
    void when_streamIsCreatedWithWatermark_then_catalogHasSchemaOptionsAndDelay() {
        SqlResult r = sql.execute(SqlFixtures.LINES);
        assertThat(((SqlResult.Message) r).text())
                .isEqualTo("Created stream 'lines' (2 columns, watermark on ts delayed 10m)");
        Relation lines = sql.catalog().get("LINES").orElseThrow();
        assertThat(lines.schema().names()).containsExactly("word", "ts");
        assertThat(lines.options())
                .containsEntry("connector", "topic")
                .containsEntry("topic", "lines")
                .containsEntry("format", "json");
        assertThat(lines.watermark()).contains(new WatermarkSpec("ts", Duration.ofMinutes(10)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
      'connector' = 'topic', 'topic' = 't'                                      | topic  | json
      'connector' = 'kafka', 'topic' = 't', 'bootstrap.servers' = 'localhost:9092' | kafka | json
      'connector' = 'file', 'path' = '/tmp/in', 'format' = 'csv'                | file   | csv
      'connector' = 'socket', 'host' = 'localhost', 'port' = 9999               | socket | text
      'connector' = 'rate', 'rowsPerSecond' = 100                               | rate   |
      'CONNECTOR' = 'Topic', 'topic' = 't', 'format' = 'TEXT'                   | topic  | text
      """)
    void when_streamUsesAConnector_then_itsOptionsAreCheckedAndDefaulted(String with, String connector, String format) {
        sql.execute("CREATE STREAM s (v STRING) WITH (" + with + ")");
        Relation s = sql.catalog().get("s").orElseThrow();
        assertThat(s.connector()).isEqualTo(connector);
        assertThat(s.options().get("format")).isEqualTo(format);
    }

    @Test
    void when_numericOptionIsGiven_then_itIsKeptAsText() {
        sql.execute("CREATE STREAM r (v BIGINT) WITH ('connector' = 'rate', 'rowsPerSecond' = 100)");
        assertThat(sql.catalog().get("r").orElseThrow().options()).containsEntry("rowspersecond", "100");
    }

    @Test
    void when_tableIsCreatedOverCsv_then_selectReadsTheFileWithDeclaredTypes(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("prices.csv");
        Files.writeString(csv, "item,price\napple,3\npear,5\nfig,4\n");
        sql.execute("CREATE TABLE prices (item STRING, price INT) WITH ('connector' = 'file', 'path' = '" + csv
                + "', 'format' = 'csv')");
        Table t = rows("SELECT item, price * 2 AS doubled FROM prices WHERE price > 3 ORDER BY price DESC");
        assertThat(t.stringColumn("item").asList()).containsExactly("pear", "fig");
        assertThat(t.intColumn("doubled").asList()).containsExactly(10, 8);
    }

    @Test
    void when_showAndDescribe_then_theyListTheCatalog() {
        sql.executeAll(SqlFixtures.LINES + ";\nCREATE STREAM clicks (url STRING) WITH ('connector' = 'rate');");
        sql.catalog().registerTable("users", Table.create("users", StringColumn.create("name", "ann")));
        Table streams = rows("SHOW STREAMS");
        assertThat(streams.stringColumn("name").asList()).containsExactly("clicks", "lines");
        assertThat(streams.stringColumn("watermark").asList()).containsExactly("", "ts - 10m");
        assertThat(rows("SHOW TABLES").stringColumn("name").asList()).containsExactly("users");
        Table d = rows("DESCRIBE lines");
        assertThat(d.stringColumn("column").asList()).containsExactly("word", "ts");
        assertThat(d.stringColumn("type").asList()).containsExactly("STRING", "TIMESTAMP");
        assertThat(d.stringColumn("note").get(1)).isEqualTo("watermark: ts - 10m");
    }

    @Test
    void when_showQueries_then_theListerIsAsked() {
        Table queries = Table.create("q", StringColumn.create("name", "counts"));
        sql.withQueryLister(() -> queries);
        assertThat(rows("SHOW QUERIES")).isSameAs(queries);
    }

    @Test
    void when_dropAndRecreate_then_ifExistsAndOrReplaceBehave() {
        sql.execute(SqlFixtures.LINES);
        assertThat(((SqlResult.Message)
                                sql.execute("CREATE STREAM IF NOT EXISTS lines (x INT) WITH ('connector'='rate')"))
                        .text())
                .isEqualTo("stream 'lines' already exists, not changed");
        assertThat(sql.catalog().get("lines").orElseThrow().schema().names()).containsExactly("word", "ts");
        sql.execute("CREATE OR REPLACE STREAM lines (x INT) WITH ('connector' = 'rate')");
        assertThat(sql.catalog().get("lines").orElseThrow().schema().names()).containsExactly("x");
        assertThat(((SqlResult.Message) sql.execute("DROP STREAM lines")).text())
                .isEqualTo("Dropped stream 'lines'");
        assertThat(((SqlResult.Message) sql.execute("DROP STREAM IF EXISTS lines")).text())
                .isEqualTo("No stream 'lines', nothing dropped");
        assertThatThrownBy(() -> sql.execute("SELECT x FROM lines"))
                .hasMessageStartingWith("Unknown stream or table 'lines'");
    }

    @Test
    void when_textHasSeveralStatements_then_eachRunsInOrderAndAnErrorStopsTheRest() {
        List<SqlResult> results = sql.executeAll("CREATE STREAM a (x INT) WITH ('connector' = 'rate');\n"
                + "CREATE STREAM b (x INT) WITH ('connector' = 'rate');\nSHOW STREAMS");
        assertThat(results).hasSize(3);
        assertThat(((SqlResult.Rows) results.get(2)).table().rowCount()).isEqualTo(2);
        assertThatThrownBy(() -> sql.executeAll("DROP STREAM a;\nDROP STREAM nope;\nDROP STREAM b"))
                .hasMessageStartingWith("Unknown stream 'nope' at line 2, column 13");
        assertThat(sql.catalog().get("a")).isEmpty();
        assertThat(sql.catalog().get("b")).isPresent();
    }

    @Test
    void when_columnNamesAreKeywordsOfTheDialect_then_theyStillWork() {
        sql.execute("CREATE STREAM k (watermark BIGINT, streams STRING, tables INT) WITH ('connector' = 'rate')");
        assertThat(sql.catalog().get("k").orElseThrow().schema().names())
                .containsExactly("watermark", "streams", "tables");
    }
}
