package dev.eddy.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.sql.api.Sql;
import dev.eddy.sql.api.SqlResult;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.topic.Topics;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A SQL stream over an embedded topic reads raw records, or decodes values into its declared columns. */
class SqlTopicConnectorTest {
    private final String registry = "sql-topic-" + UUID.randomUUID();
    private Topics topics;
    private Sql sql;

    @BeforeEach
    void session() {
        topics = new Topics(new ManualClock(0)).registerAs(registry);
        topics.create("clicks", 2);
        Eddy eddy =
                Eddy.builder().clock(new ManualClock(0)).noDataBatches(false).build();
        sql = new Sql(eddy).startInserts(false);
    }

    private List<Row> run(String select) {
        SqlResult.Streaming s = (SqlResult.Streaming) sql.execute(select);
        try (QueryTestDriver d = QueryTestDriver.start(s.dataset().writeStream().outputMode("complete"))) {
            d.runTrigger();
            return d.result();
        }
    }

    private static Map<String, Long> counts(List<Row> rows, String key, String value) {
        Map<String, Long> out = new HashMap<>();
        for (Row r : rows) {
            out.put((String) r.get(key), ((Number) r.get(value)).longValue());
        }
        return out;
    }

    @Test
    void when_streamDeclaresValueColumns_then_jsonValuesAreDecodedIntoThem() {
        sql.execute("CREATE STREAM clicks (page STRING, ms BIGINT, _corrupt_record STRING) WITH ('connector' = 'topic',"
                + " 'topic' = 'clicks', 'topics' = '" + registry + "', 'startingOffsets' = 'earliest')");
        topics.send("clicks", "u1", "{\"page\": \"home\", \"ms\": 5}");
        topics.send("clicks", "u2", "{\"page\": \"cart\", \"ms\": 7}");
        topics.send("clicks", "u1", "{\"page\": \"home\", \"ms\": 11}");
        topics.send("clicks", "u3", "not json");

        List<Row> t = run(
                "SELECT page, COUNT(*) AS n, SUM(ms) AS total FROM clicks WHERE _corrupt_record IS NULL GROUP BY page");
        assertThat(counts(t, "page", "n")).containsOnly(Map.entry("home", 2L), Map.entry("cart", 1L));
        assertThat(counts(t, "page", "total")).containsOnly(Map.entry("home", 16L), Map.entry("cart", 7L));

        List<Row> bad = run("SELECT _corrupt_record, COUNT(*) AS n FROM clicks WHERE _corrupt_record IS NOT NULL"
                + " GROUP BY _corrupt_record");
        assertThat(counts(bad, "_corrupt_record", "n")).containsOnly(Map.entry("not json", 1L));
    }

    @Test
    void when_streamDeclaresOneTextColumn_then_eachValueIsARow() {
        sql.execute("CREATE STREAM words (word STRING) WITH ('connector' = 'topic', 'topic' = 'clicks',"
                + " 'format' = 'text', 'topics' = '" + registry + "', 'startingOffsets' = 'earliest')");
        topics.send("clicks", null, "owl");
        topics.send("clicks", null, "cat");
        topics.send("clicks", null, "owl");
        assertThat(counts(run("SELECT word, COUNT(*) AS n FROM words GROUP BY word"), "word", "n"))
                .containsOnly(Map.entry("owl", 2L), Map.entry("cat", 1L));
    }

    @Test
    void when_streamDeclaresTheRawRecordColumns_then_recordsAreReadAsTheyAre() {
        sql.execute("CREATE STREAM raw (`key` STRING, `value` STRING, topic STRING, `partition` INT, `offset` BIGINT,"
                + " `timestamp` TIMESTAMP(3), headers STRING) WITH ('connector' = 'topic', 'topic' = 'clicks',"
                + " 'topics' = '" + registry + "', 'startingOffsets' = 'earliest')");
        topics.send("clicks", "k", "{\"page\": \"home\"}");
        assertThat(counts(run("SELECT `value`, COUNT(*) AS n FROM raw GROUP BY `value`"), "value", "n"))
                .containsOnly(Map.entry("{\"page\": \"home\"}", 1L));
    }

    @Test
    void when_streamSetsModeAndARenamedCorruptColumn_then_malformedValuesFollowSparksMode() {
        sql.execute("CREATE STREAM clicks (bad STRING, page STRING, ms BIGINT) WITH ('connector' = 'topic',"
                + " 'topic' = 'clicks', 'topics' = '" + registry + "', 'startingOffsets' = 'earliest',"
                + " 'columnNameOfCorruptRecord' = 'bad')");
        topics.send("clicks", "u1", "{\"page\": \"home\", \"ms\": 5}");
        topics.send("clicks", "u3", "not json");
        assertThat(counts(run("SELECT bad, COUNT(*) AS n FROM clicks WHERE bad IS NOT NULL GROUP BY bad"), "bad", "n"))
                .containsOnly(Map.entry("not json", 1L));
        sql.execute("CREATE STREAM strict (page STRING, ms BIGINT) WITH ('connector' = 'topic',"
                + " 'topic' = 'clicks', 'topics' = '" + registry + "', 'startingOffsets' = 'earliest',"
                + " 'mode' = 'DROPMALFORMED')");
        assertThat(counts(run("SELECT page, COUNT(*) AS n FROM strict GROUP BY page"), "page", "n"))
                .containsOnly(Map.entry("home", 1L));
    }

    @Test
    void when_streamHasAnOptionTheConnectorDoesNotTake_then_theQueryIsRefusedNamingIt() {
        sql.execute("CREATE STREAM clicks (page STRING) WITH ('connector' = 'topic', 'topic' = 'clicks',"
                + " 'topics' = '" + registry + "', 'startingOffset' = 'earliest')");
        assertThatThrownBy(() -> sql.execute("SELECT page FROM clicks"))
                .hasMessageContaining("option 'startingoffset' is not an option of the topic source");
    }
}
