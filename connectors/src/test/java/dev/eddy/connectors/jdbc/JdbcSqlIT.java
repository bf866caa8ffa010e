package dev.eddy.connectors.jdbc;

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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * JDBC tables in SQL against a real PostgreSQL: batch queries, stream-static joins that see the table's rows of each
 * batch, {@code cache.ttl}, INSERT INTO a JDBC table, and credentials kept out of listings, progress and errors.
 */
class JdbcSqlIT {
    private static final LocalPostgres PG = LocalPostgres.shared();
    private final Eddy eddy = Eddy.create();
    private final Sql sql = new Sql(eddy);
    private final List<StreamingQuery> started = new ArrayList<>();

    @AfterEach
    void stopQueries() {
        started.forEach(StreamingQuery::stop);
    }

    private static String name() {
        return "p_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private String products(String pgTable, String extraOptions) {
        PG.execute("CREATE TABLE IF NOT EXISTS " + pgTable
                + " (id BIGINT PRIMARY KEY, name TEXT, price DOUBLE PRECISION)");
        String table = name();
        sql.execute("CREATE TABLE " + table + " (id BIGINT, name STRING, price DOUBLE) WITH ('connector' = 'jdbc',"
                + " 'url' = '" + PG.url() + "', 'table' = '" + pgTable + "', 'user' = '" + PG.user() + "',"
                + " 'password' = '" + PG.password() + "'" + extraOptions + ")");
        return table;
    }

    private List<String> rows(String query) {
        Table t = ((SqlResult.Rows) sql.execute(query)).table();
        List<String> out = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            List<String> vs = new ArrayList<>();
            for (int c = 0; c < t.columnCount(); c++) {
                vs.add(t.column(c).getString(r));
            }
            out.add(String.join(" ", vs));
        }
        return out;
    }

    @Test
    void when_aJdbcTableIsQueried_then_eachQueryReadsItsCurrentRows() {
        String pg = name();
        String t = products(pg, "");
        PG.execute("INSERT INTO " + pg + " VALUES (1, 'pen', 1.5), (2, 'ink', 4.0)");
        assertThat(rows("SELECT name, price FROM " + t + " WHERE price > 1 ORDER BY name"))
                .containsExactly("ink 4", "pen 1.5");
        PG.execute("UPDATE " + pg + " SET price = 0.5 WHERE id = 1");
        assertThat(rows("SELECT name FROM " + t + " WHERE price > 1")).containsExactly("ink");
    }

    @Test
    void when_cacheTtlIsSet_then_readsWithinItAreAnsweredFromTheCache() {
        String pg = name();
        String t = products(pg, ", 'cache.ttl' = '1 h'");
        PG.execute("INSERT INTO " + pg + " VALUES (1, 'pen', 1.5)");
        assertThat(rows("SELECT name FROM " + t)).containsExactly("pen");
        PG.execute("UPDATE " + pg + " SET name = 'quill'");
        assertThat(rows("SELECT name FROM " + t)).as("cached for an hour").containsExactly("pen");
    }

    @Test
    void when_aStreamJoinsAJdbcTable_then_eachBatchSeesTheTableAsItIsThen() throws Exception {
        String pg = name();
        String t = products(pg, "");
        PG.execute("INSERT INTO " + pg + " VALUES (1, 'pen', 1.5)");
        MemoryStream orders =
                eddy.memoryStream(Schema.of(Field.of("product", DataType.LONG), Field.of("qty", DataType.LONG)));
        orders.toDF().createOrReplaceTempView("orders");
        SqlResult.Streaming s = (SqlResult.Streaming)
                sql.execute("SELECT o.qty, p.name FROM orders o JOIN " + t + " p ON o.product = p.id");
        StreamingQuery q =
                s.dataset().writeStream().outputMode("append").memory("joined").start();
        started.add(q);
        orders.addData(new Object[] {1L, 3L});
        q.processAllAvailable();
        PG.execute("UPDATE " + pg + " SET name = 'quill' WHERE id = 1", "INSERT INTO " + pg + " VALUES (2, 'ink', 4)");
        orders.addData(new Object[] {1L, 5L}, new Object[] {2L, 7L});
        q.processAllAvailable();
        Table joined = eddy.table("joined");
        List<String> got = new ArrayList<>();
        for (int r = 0; r < joined.rowCount(); r++) {
            got.add(joined.column("qty").getString(r) + " "
                    + joined.column("name").getString(r));
        }
        assertThat(got).containsExactlyInAnyOrder("3 pen", "5 quill", "7 ink");
    }

    @Test
    void when_insertIntoAJdbcTable_then_theStreamsResultIsUpsertedIntoIt() throws Exception {
        String pg = name();
        PG.execute("CREATE TABLE " + pg + " (product BIGINT PRIMARY KEY, total BIGINT)");
        MemoryStream orders =
                eddy.memoryStream(Schema.of(Field.of("product", DataType.LONG), Field.of("qty", DataType.LONG)));
        orders.toDF().createOrReplaceTempView("orders2");
        sql.execute("CREATE TABLE totals (product BIGINT, total BIGINT) WITH ('connector' = 'jdbc', 'url' = '"
                + PG.url() + "', 'dbtable' = '" + pg + "', 'user' = '" + PG.user() + "', 'password' = '"
                + PG.password() + "')");
        SqlResult.Streaming s = (SqlResult.Streaming)
                sql.execute("INSERT INTO totals SELECT product, SUM(qty) AS total FROM orders2 GROUP BY product");
        StreamingQuery q = s.query();
        started.add(q);
        orders.addData(new Object[] {1L, 3L}, new Object[] {2L, 1L});
        q.processAllAvailable();
        orders.addData(new Object[] {1L, 5L});
        q.processAllAvailable();
        assertThat(JdbcSinkIT.rows("SELECT product, total FROM " + pg + " ORDER BY product"))
                .containsExactly("1 8", "2 1");
        assertThat(q.lastProgress().json()).contains("JdbcSink").doesNotContain(PG.password());
        assertThat(q.status().toString()).doesNotContain(PG.password());
    }

    @Test
    void when_tablesAreListedOrDescribed_then_noCredentialIsShown() {
        String pg = name();
        String t = products(pg, "");
        String listed = String.join("\n", rows("SHOW TABLES"));
        assertThat(listed)
                .contains(t, "jdbc", "url=" + PG.url())
                .doesNotContain(PG.password())
                .doesNotContain("user=" + PG.user());
        assertThat(String.join("\n", rows("DESCRIBE " + t)))
                .contains("name", "STRING")
                .doesNotContain(PG.password());
        sql.execute("CREATE TABLE leaky (id BIGINT) WITH ('connector' = 'jdbc', 'url' = '" + PG.url() + "?user="
                + PG.user() + "&password=" + PG.password() + "', 'table' = '" + pg + "')");
        assertThat(String.join("\n", rows("SHOW TABLES"))).contains("leaky").doesNotContain(PG.password());
    }

    @Test
    void when_aDeclaredColumnIsNotInTheTable_then_createTableFailsNamingItWithoutCredentials() {
        String pg = name();
        PG.execute("CREATE TABLE " + pg + " (id BIGINT, name TEXT)");
        assertThatThrownBy(() -> sql.execute("CREATE TABLE bad (id BIGINT, colour STRING) WITH ('connector' = 'jdbc',"
                        + " 'url' = '" + PG.url() + "', 'table' = '" + pg + "', 'user' = '" + PG.user()
                        + "', 'password' = '"
                        + PG.password() + "')"))
                .hasMessageContaining("has no column 'colour'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PG.password()));
        assertThatThrownBy(() -> sql.execute("CREATE TABLE bad (id BIGINT) WITH ('connector' = 'jdbc', 'url' = '"
                        + PG.url() + "', 'table' = '" + pg + "', 'user' = '" + PG.user()
                        + "', 'password' = 'wrong-pw-123')"))
                .hasMessageContaining("password authentication failed")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-pw-123"));
        assertThatThrownBy(() -> sql.execute("CREATE TABLE bad (id BIGINT) WITH ('connector' = 'jdbc', 'url' = '"
                        + PG.url() + "', 'table' = '" + pg + "', 'pasword' = 'x')"))
                .hasMessageContaining("'pasword' is not an option of connector 'jdbc'")
                .hasMessageContaining("password");
    }

    @Test
    void when_noColumnsAreDeclared_then_theyComeFromTheDatabase_andJavaReadsTheTableToo() {
        String pg = name();
        PG.execute(
                "CREATE TABLE " + pg + " (id BIGINT, name TEXT, price DOUBLE PRECISION, n INTEGER)",
                "INSERT INTO " + pg + " VALUES (1, 'pen', 1.5, 3)");
        sql.execute("CREATE TABLE undeclared WITH ('connector' = 'jdbc', 'url' = '" + PG.url() + "', 'table' = '" + pg
                + "', 'user' = '" + PG.user() + "', 'password' = '" + PG.password() + "')");
        assertThat(rows("SELECT name, n FROM undeclared")).containsExactly("pen 3");
        Table t = eddy.read()
                .format("jdbc")
                .option("url", PG.url())
                .option("dbtable", pg)
                .option("user", PG.user())
                .option("password", PG.password())
                .load();
        assertThat(t.columnNames()).containsExactly("id", "name", "price", "n");
        assertThat(t.rowCount()).isEqualTo(1);
    }
}
