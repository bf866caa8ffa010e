package dev.eddy.streaming.internal.source.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.Providers;
import dev.eddy.streaming.api.spi.Source;
import dev.eddy.streaming.api.spi.SourceContext;
import dev.eddy.streaming.api.spi.TriggerContext;
import dev.eddy.streaming.api.topic.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Spark's mode and columnNameOfCorruptRecord on topic values decoded as JSON or CSV, as for CSV and JSON files. */
class TopicMalformedModeTest {
    private final ManualClock clock = new ManualClock(1_000);
    private final String registry = "test-" + UUID.randomUUID();
    private final Topics topics = new Topics(clock).registerAs(registry);
    private static final TriggerContext T = new TriggerContext(0, 0, false);
    private static final Schema DECLARED = Schema.of(Field.of("id", DataType.INT), Field.of("name", DataType.STRING));

    private Source source(String format, Map<String, String> options, Schema schema) {
        Map<String, String> o = new HashMap<>(options);
        o.put("topics", registry);
        o.put("topic", "t");
        o.put("startingOffsets", "earliest");
        o.put("valueFormat", format);
        return Providers.source("topic")
                .createSource(new SourceContext(o, Optional.of(schema), clock, Optional.empty()));
    }

    private List<Row> read(Source s) {
        return s.getBatch(s.initialOffset(), s.latestOffset(s.initialOffset(), T))
                .toRows();
    }

    private void sendJson() {
        topics.create("t", 1);
        topics.send("t", "a", "{\"id\":1,\"name\":\"x\"}");
        topics.send("t", "b", "not json");
        topics.send("t", "c", "{\"id\":3,\"name\":\"z\"}");
    }

    @Test
    void when_modeIsDropMalformed_then_malformedValuesAreLeftOutAndStillCounted() {
        sendJson();
        Source s = source("json", Map.of("mode", "DROPMALFORMED"), DECLARED);
        assertThat(read(s)).extracting(r -> r.get("id")).containsExactly(1, 3);
        assertThat(s.status()).contains("1 corrupt records");
    }

    /** As Spark's numInputRows for a Kafka source: every record read, also the ones DROPMALFORMED leaves out. */
    @Test
    void when_modeIsDropMalformed_then_numInputRowsCountsTheDroppedRecords() {
        sendJson();
        Source s = source("json", Map.of("mode", "DROPMALFORMED"), DECLARED);
        Batch b = s.getBatch(s.initialOffset(), s.latestOffset(s.initialOffset(), T));
        assertThat(b.numRows()).isEqualTo(2);
        assertThat(s.numInputRows(b)).isEqualTo(3);
        Source permissive = source("json", Map.of(), DECLARED);
        Batch all =
                permissive.getBatch(permissive.initialOffset(), permissive.latestOffset(permissive.initialOffset(), T));
        assertThat(permissive.numInputRows(all)).isEqualTo(3);
    }

    @Test
    void when_modeIsDropMalformedAndTheQueryDoesNotReadTheCorruptColumn_then_rowsAreStillDropped() {
        sendJson();
        Source s = source("json", Map.of("mode", "dropmalformed"), DECLARED);
        s.pruneColumns(Set.of("id"));
        assertThat(read(s)).extracting(r -> r.get("id")).containsExactly(1, 3);
    }

    @Test
    void when_modeIsFailFast_then_theBatchFailsNamingTheRecord() {
        sendJson();
        Source s = source("json", Map.of("mode", "FAILFAST"), DECLARED);
        assertThatThrownBy(() -> read(s))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topic 't' partition 0 offset 1: malformed JSON record (mode FAILFAST): not json");
    }

    @Test
    void when_columnNameOfCorruptRecordIsGiven_then_theCorruptTextIsInThatColumn() {
        topics.create("t", 1);
        topics.send("t", null, "1,x");
        topics.send("t", null, "two,y");
        Schema declared = Schema.of(
                Field.of("id", DataType.INT), Field.of("name", DataType.STRING), Field.of("bad", DataType.STRING));
        Source s = source("csv", Map.of("columnNameOfCorruptRecord", "bad"), declared);
        assertThat(s.schema().names())
                .containsExactly("id", "name", "bad", "key", "topic", "partition", "offset", "timestamp");
        List<Row> rows = read(s);
        assertThat(rows).extracting(r -> r.get("bad")).containsExactly(null, "two,y");
        Source restarted = source("csv", Map.of("columnNameOfCorruptRecord", "bad"), s.schema());
        assertThat(restarted.schema())
                .as("a query start hands the resolved schema back")
                .isEqualTo(s.schema());
        assertThat(read(restarted)).extracting(r -> r.get("id")).containsExactly(1, null);
    }

    @Test
    void when_anOptionTheTopicSourceDoesNotTakeIsGiven_then_loadRefusesItNamingIt() {
        topics.create("t", 1);
        assertThatThrownBy(() -> Eddy.create()
                        .readStream()
                        .format("topic")
                        .option("topics", registry)
                        .option("topic", "t")
                        .option("startingOffset", "earliest")
                        .load())
                .hasMessageStartingWith("option 'startingOffset' is not an option of the topic source; it takes ");
    }
}
