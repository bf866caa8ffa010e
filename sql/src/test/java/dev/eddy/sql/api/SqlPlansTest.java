package dev.eddy.sql.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Table-driven: SQL texts and the logical plan EXPLAIN shows for each (streaming or batch). */
class SqlPlansTest {
    private Sql sql;

    @BeforeEach
    void catalog() {
        sql = SqlFixtures.withLines();
        sql.executeAll(
                "CREATE STREAM bids (auction BIGINT, price DOUBLE, bidder BIGINT, ts TIMESTAMP(3),"
                        + " WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'topic', 'topic' = 'bids');"
                        + "CREATE STREAM auctions (id BIGINT, seller BIGINT, ts TIMESTAMP(3),"
                        + " WATERMARK FOR ts AS ts) WITH ('connector' = 'topic', 'topic' = 'auctions');"
                        + "CREATE STREAM big_bids (auction BIGINT, price DOUBLE) WITH ('connector' = 'topic', 'topic' = 'out')");
        sql.catalog()
                .registerTable(
                        "people",
                        Table.create(
                                "people", IntColumn.create("id", 1, 2), StringColumn.create("name", "ann", "bob")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
      SELECT auction, price * 0.9 AS eur FROM bids                        | streaming | LogicalProject(auction=[$0], eur=[*($1, 0.9:DECIMAL(2, 1))])
      SELECT auction, price FROM bids WHERE MOD(auction, 123) = 0         | streaming | LogicalFilter(condition=[=(CAST(SPARK_MOD(CAST($0):BIGINT, CAST(123:BIGINT):BIGINT)):INTEGER, 0)])
      SELECT word, COUNT(*) FROM lines GROUP BY word                      | streaming | LogicalAggregate(group=[{0}], EXPR$1=[COUNT()])
      SELECT auction, COUNT(DISTINCT bidder), AVG(price), MIN(price), MAX(price), SUM(price) FROM bids GROUP BY auction | streaming | COUNT(DISTINCT $1)
      SELECT DISTINCT word FROM lines                                     | streaming | LogicalAggregate(group=[{0}])
      SELECT window.start, word, COUNT(*) FROM lines GROUP BY window(ts, '10 minutes'), word | streaming | LogicalTableFunctionScan(invocation=[TUMBLE(DESCRIPTOR($1), 600000:INTERVAL MINUTE)]
      SELECT window_start, COUNT(*) FROM TABLE(HOP(TABLE bids, DESCRIPTOR(ts), INTERVAL '2' SECOND, INTERVAL '10' SECOND)) GROUP BY window_start | streaming | HOP(DESCRIPTOR($3), 2000:INTERVAL SECOND, 10000:INTERVAL SECOND)
      SELECT b.auction, a.seller FROM bids b JOIN auctions a ON b.auction = a.id AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '1' HOUR | streaming | LogicalJoin(condition=[AND(=($0, $4), >=($3, $6), <=($3, +($6, 3600000:INTERVAL HOUR)))], joinType=[inner])
      SELECT b.auction, p.name FROM bids b JOIN people p ON b.bidder = p.id | streaming | LogicalJoin(condition=[=($2, $6)], joinType=[inner])
      SELECT word, COUNT(*) AS n FROM lines GROUP BY word ORDER BY n DESC LIMIT 3 | streaming | LogicalSort(sort0=[$1], dir0=[DESC-nulls-last], fetch=[3])
      SELECT name FROM people ORDER BY name LIMIT 1                       | batch     | LogicalSort(sort0=[$0], dir0=[ASC-nulls-first], fetch=[1])
      """)
    void when_queryIsExplained_then_planHasTheOperator(String query, String kind, String expected) {
        String plan = ((SqlResult.Plan) sql.execute("EXPLAIN " + query)).text();
        assertThat(plan).startsWith(kind + " query").contains(expected);
    }

    @Test
    void when_insertIntoStreamSelects_then_itIsAStreamingStatementWithASink() {
        SqlResult r = sql.execute("INSERT INTO big_bids SELECT auction, price FROM bids WHERE price > 10");
        SqlResult.Streaming s = (SqlResult.Streaming) r;
        assertThat(s.sink().name()).isEqualTo("big_bids");
        assertThat(s.sources()).extracting(Relation::name).containsExactly("bids");
        assertThat(s.plan()).contains("LogicalFilter(condition=[>($1, CAST(10):DOUBLE NOT NULL)])");
    }

    @Test
    void when_batchQueryRunsOnAnInterruptedThread_then_itEndsAtItsNextRowInsteadOfRunningOn() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> sql.execute("SELECT a.id FROM people a, people b, people c"))
                    .hasMessageContaining("the query was interrupted");
        } finally {
            Thread.interrupted();
        }
        assertThat(sql.execute("SELECT a.id FROM people a, people b, people c")).isInstanceOf(SqlResult.Rows.class);
    }

    @Test
    void when_insertTargetIsATable_then_itIsRejected() {
        assertThatThrownBy(() -> sql.execute("INSERT INTO people SELECT CAST(auction AS INT), 'x' FROM bids"))
                .hasMessageStartingWith("INSERT INTO needs a stream sink; 'people' is a table");
    }

    @Test
    void when_insertColumnsDoNotFit_then_errorSaysHowManyAndWhere() {
        assertThatThrownBy(() -> sql.execute("INSERT INTO big_bids SELECT auction, price, bidder FROM bids"))
                .isInstanceOf(SqlException.class)
                .hasMessage("INSERT INTO big_bids needs 2 columns but the SELECT gives 3 at line 1, column 29");
    }

    @Test
    void when_streamsJoinWithTwoSidedTimeBound_then_itIsAccepted() {
        SqlResult r = sql.execute("SELECT b.auction FROM bids b JOIN auctions a ON b.auction = a.id"
                + " AND b.ts >= a.ts AND a.ts + INTERVAL '1' HOUR > b.ts");
        assertThat(r).isInstanceOf(SqlResult.Streaming.class);
    }

    @Test
    void when_streamsJoinOnEqualWindows_then_thatCountsAsATimeBound() {
        SqlResult r = sql.execute("SELECT a.window_start, a.auction FROM"
                + " TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '10' SECOND)) a JOIN"
                + " TABLE(TUMBLE(TABLE auctions, DESCRIPTOR(ts), INTERVAL '10' SECOND)) b"
                + " ON a.auction = b.id AND a.window_start = b.window_start AND a.window_end = b.window_end");
        assertThat(r).isInstanceOf(SqlResult.Streaming.class);
    }

    @Test
    void when_batchQueryJoinsAndUsesWindowFunctions_then_calciteComputesIt() {
        sql.catalog()
                .registerTable(
                        "scores",
                        Table.create("scores", IntColumn.create("pid", 1, 1, 2), IntColumn.create("score", 5, 9, 7)));
        Table t = ((SqlResult.Rows) sql.execute("SELECT p.name, s.score,"
                        + " ROW_NUMBER() OVER (PARTITION BY p.name ORDER BY s.score DESC) AS rnk"
                        + " FROM scores s JOIN people p ON s.pid = p.id ORDER BY p.name, rnk"))
                .table();
        assertThat(t.stringColumn("name").asList()).containsExactly("ann", "ann", "bob");
        assertThat(t.intColumn("score").asList()).containsExactly(9, 5, 7);
        assertThat(t.column("rnk").asList()).extracting(Object::toString).containsExactly("1", "2", "1");
    }

    @Test
    void when_batchQueryHasANamedWindowClause_then_theSparkWindowGrammarDoesNotGetInTheWay() {
        Table t = ((SqlResult.Rows) sql.execute("SELECT name, ROW_NUMBER() OVER w AS rn FROM people"
                        + " WINDOW w AS (ORDER BY name DESC) ORDER BY rn"))
                .table();
        assertThat(t.stringColumn("name").asList()).containsExactly("bob", "ann");
    }

    @Test
    void when_javaTableChanges_then_sqlSeesItsCurrentRows() {
        Table live = Table.create("live", StringColumn.create("k", "a"));
        sql.catalog().registerTable("live", () -> live);
        assertThat(((SqlResult.Rows) sql.execute("SELECT COUNT(*) AS n FROM live"))
                        .table()
                        .getString(0, "n"))
                .isEqualTo("1");
        live.stringColumn("k").append("b");
        assertThat(((SqlResult.Rows) sql.execute("SELECT COUNT(*) AS n FROM live"))
                        .table()
                        .getString(0, "n"))
                .isEqualTo("2");
    }
}
