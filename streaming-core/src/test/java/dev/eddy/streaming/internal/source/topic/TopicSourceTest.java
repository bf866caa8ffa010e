package dev.eddy.streaming.internal.source.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.Offset;
import dev.eddy.streaming.api.spi.PartitionOffsets;
import dev.eddy.streaming.api.spi.Providers;
import dev.eddy.streaming.api.spi.Source;
import dev.eddy.streaming.api.spi.SourceContext;
import dev.eddy.streaming.api.spi.SupportsTriggerAvailableNow;
import dev.eddy.streaming.api.spi.TriggerContext;
import dev.eddy.streaming.api.topic.Header;
import dev.eddy.streaming.api.topic.OffsetOutOfRangeException;
import dev.eddy.streaming.api.topic.TopicConfig;
import dev.eddy.streaming.api.topic.TopicRecord;
import dev.eddy.streaming.api.topic.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TopicSourceTest {
    private final ManualClock clock = new ManualClock(1_000);
    private final String registry = "test-" + UUID.randomUUID();
    private final Topics topics = new Topics(clock).registerAs(registry);
    private static final TriggerContext T = new TriggerContext(0, 0, false);

    private Source source(Map<String, String> options, Schema schema) {
        Map<String, String> o = new HashMap<>(options);
        o.put("topics", registry);
        return Providers.source("topic")
                .createSource(new SourceContext(o, Optional.ofNullable(schema), clock, Optional.empty()));
    }

    @Test
    void when_rawRead_then_rowsCarryKeyValueAndRecordMetadata() {
        topics.create("t", 2);
        topics.producer("t")
                .send(TopicRecord.of("t", "k", "v")
                        .withPartition(1)
                        .withTimestamp(5)
                        .withHeaders(List.of(Header.of("h", "x\"y"))));
        Source s = source(Map.of("topic", "t", "startingOffsets", "earliest"), null);
        assertThat(s.schema().names())
                .containsExactly("key", "value", "topic", "partition", "offset", "timestamp", "headers");
        Offset end = s.latestOffset(s.initialOffset(), T);
        assertThat(end.json()).isEqualTo("{\"0\":0,\"1\":1}");
        Row r = s.getBatch(s.initialOffset(), end).toRows().get(0);
        assertThat(r.values()).containsExactly("k", "v", "t", 1, 0L, 5_000L, "{\"h\":\"x\\\"y\"}");
        assertThat(s.isReplayable()).isTrue();
        assertThat(s.deserializeOffset(end.json())).isEqualTo(end);
    }

    @Test
    void when_startingLatest_then_onlyNewRecordsAreRead() {
        topics.create("t", 1);
        topics.send("t", null, "old");
        Source s = source(Map.of("subscribe", "t"), null);
        assertThat(s.latestOffset(s.initialOffset(), T)).isEqualTo(s.initialOffset());
        topics.send("t", null, "new");
        Offset end = s.latestOffset(s.initialOffset(), T);
        assertThat(s.getBatch(s.initialOffset(), end).column("value").get(0)).isEqualTo("new");
    }

    @Test
    void when_maxOffsetsPerTrigger_then_batchesAreCappedAndSpreadOverPartitions() {
        topics.create("t", 2);
        for (int i = 0; i < 30; i++) {
            topics.producer("t").send(TopicRecord.of("t", null, "a" + i).withPartition(0));
        }
        for (int i = 0; i < 10; i++) {
            topics.producer("t").send(TopicRecord.of("t", null, "b" + i).withPartition(1));
        }
        Source s = source(Map.of("topic", "t", "startingOffsets", "earliest", "maxOffsetsPerTrigger", "8"), null);
        Offset o = s.initialOffset();
        int total = 0;
        int batches = 0;
        while (true) {
            Offset next = s.latestOffset(o, T);
            if (next.equals(o)) {
                break;
            }
            int n = s.getBatch(o, next).numRows();
            assertThat(n).isBetween(1, 8);
            total += n;
            batches++;
            o = next;
        }
        assertThat(total).isEqualTo(40);
        assertThat(batches).isEqualTo(5);
    }

    @Test
    void when_availableNowWithMaxOffsetsPerTrigger_then_batchesAreCappedAndEndWhereTheLogEndedAtStart() {
        topics.create("t", 1);
        for (int i = 0; i < 7; i++) {
            topics.send("t", null, "a" + i);
        }
        Source s = source(Map.of("topic", "t", "startingOffsets", "earliest", "maxOffsetsPerTrigger", "3"), null);
        ((SupportsTriggerAvailableNow) s).prepareForTriggerAvailableNow();
        topics.send("t", null, "after-start");
        Offset o = s.initialOffset();
        List<List<Object>> batches = new ArrayList<>();
        for (Offset next = s.latestOffset(o, T); !next.equals(o); o = next, next = s.latestOffset(o, T)) {
            batches.add(s.getBatch(o, next).toRows().stream()
                    .map(r -> r.get("value"))
                    .toList());
        }
        assertThat(batches).containsExactly(List.of("a0", "a1", "a2"), List.of("a3", "a4", "a5"), List.of("a6"));
    }

    @Test
    void when_allAvailable_then_maxOffsetsPerTriggerIsIgnoredAsWithSparksTriggerOnce() {
        topics.create("t", 1);
        for (int i = 0; i < 7; i++) {
            topics.send("t", null, "a" + i);
        }
        Source s = source(Map.of("topic", "t", "startingOffsets", "earliest", "maxOffsetsPerTrigger", "3"), null);
        Offset end = s.latestOffset(s.initialOffset(), new TriggerContext(0, 0, true));
        assertThat(s.getBatch(s.initialOffset(), end).numRows()).isEqualTo(7);
    }

    @Test
    void when_explicitStartAndEndingOffsets_then_readIsBounded() {
        topics.create("t", 2);
        for (int i = 0; i < 10; i++) {
            topics.producer("t").send(TopicRecord.of("t", null, "v" + i).withPartition(i % 2));
        }
        Source s = source(
                Map.of(
                        "topic",
                        "t",
                        "startingOffsets",
                        "{\"t\":{\"0\":3,\"1\":-2}}",
                        "endingOffsets",
                        "{\"0\":4,\"1\":2}"),
                null);
        Offset end = s.latestOffset(s.initialOffset(), T);
        Batch b = s.getBatch(s.initialOffset(), end);
        assertThat(b.toRows()).extracting(r -> r.getString("value")).containsExactly("v6", "v1", "v3");
        topics.send("t", null, "more");
        assertThat(s.latestOffset(end, T)).isEqualTo(end);
    }

    @Test
    void when_valuesAreJson_then_declaredColumnsAreFilledAndBadRowsGoToCorruptRecord() {
        topics.create("t", 1);
        topics.send("t", "a", "{\"id\":1,\"name\":\"x\"}");
        topics.send("t", "b", "not json");
        topics.send("t", "c", "{\"id\":\"oops\"}");
        Source s = source(
                Map.of("topic", "t", "startingOffsets", "earliest", "valueFormat", "json"),
                Schema.of(Field.of("id", DataType.INT), Field.of("name", DataType.STRING)));
        assertThat(s.schema().names())
                .containsExactly("id", "name", "_corrupt_record", "key", "topic", "partition", "offset", "timestamp");
        List<Row> rows = s.getBatch(s.initialOffset(), s.latestOffset(s.initialOffset(), T))
                .toRows();
        assertThat(rows.get(0).values()).containsExactly(1, "x", null, "a", "t", 0, 0L, 1_000_000L);
        assertThat(rows.get(1).values()).containsExactly(null, null, "not json", "b", "t", 0, 1L, 1_000_000L);
        assertThat(rows.get(2).get("_corrupt_record")).isEqualTo("{\"id\":\"oops\"}");
        assertThat(s.status()).contains("2 corrupt records");
    }

    @Test
    void when_valuesAreNotUtf8OrHoldLoneSurrogates_then_theyAreCorruptRows_withTheBytesEscaped() {
        topics.create("t", 1);
        byte[] bad = {
            '{', '"', 'i', 'd', '"', ':', '1', ',', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, '"', '}'
        };
        topics.producer("t").send(new TopicRecord("t", -1, -1, -1, new byte[] {'k'}, bad, List.of()));
        topics.send("t", "s", "{\"id\":2,\"name\":\"\\ud800\"}");
        topics.send("t", "p", "{\"id\":3,\"name\":\"\\ud83d\\ude00\"}");
        Source s = source(
                Map.of("topic", "t", "startingOffsets", "earliest", "valueFormat", "json"),
                Schema.of(Field.of("id", DataType.INT), Field.of("name", DataType.STRING)));
        List<Row> rows = s.getBatch(s.initialOffset(), s.latestOffset(s.initialOffset(), T))
                .toRows();
        assertThat(rows)
                .extracting(r -> r.get("id"))
                .as("a lone surrogate spoils its value only: id 2 is kept (Spark's partial results)")
                .containsExactly(null, 2, 3);
        assertThat(rows)
                .extracting(r -> r.get("_corrupt_record"))
                .containsExactly("{\"id\":1,\"name\":\"\\xC3\"}", "{\"id\":2,\"name\":\"\\ud800\"}", null);
        assertThat(rows.get(2).get("name")).isEqualTo(new String(Character.toChars(0x1F600)));
        Source raw = source(Map.of("topic", "t", "startingOffsets", "earliest"), null);
        assertThat(raw.getBatch(raw.initialOffset(), raw.latestOffset(raw.initialOffset(), T))
                        .toRows()
                        .get(0)
                        .get("value"))
                .isEqualTo("{\"id\":1,\"name\":\"\\xC3\"}");
    }

    @Test
    void when_textValuesWithOneDeclaredColumn_then_theTextIsTypedIntoIt() {
        topics.create("t", 1);
        topics.send("t", null, "42");
        topics.send("t", null, "forty-two");
        Source s = source(
                Map.of("topic", "t", "startingOffsets", "earliest", "valueFormat", "text"),
                Schema.of(Field.of("n", DataType.INT)));
        List<Row> rows = s.getBatch(s.initialOffset(), s.latestOffset(s.initialOffset(), T))
                .toRows();
        assertThat(rows).extracting(r -> r.get("n")).containsExactly(42, null);
        assertThat(rows).extracting(r -> r.get("_corrupt_record")).containsExactly(null, "forty-two");
        Source again = source(Map.of("topic", "t", "valueFormat", "text"), s.schema());
        assertThat(again.schema()).as("its own schema handed back at start").isEqualTo(s.schema());
        Source raw = source(Map.of("topic", "t", "valueFormat", "text"), null);
        assertThat(source(Map.of("topic", "t", "valueFormat", "text"), raw.schema())
                        .schema())
                .isEqualTo(raw.schema());
    }

    @Test
    void when_csvValuesWithoutSchema_then_schemaIsInferredOnceFromTheTopic() {
        topics.create("t", 1);
        topics.send("t", null, "1,2.5");
        Source s = source(Map.of("topic", "t", "startingOffsets", "earliest", "valueFormat", "csv"), null);
        assertThat(s.schema().fields().subList(0, 2))
                .containsExactly(Field.of("_c0", DataType.INT), Field.of("_c1", DataType.DOUBLE));
        topics.send("t", null, "x,y");
        List<Row> rows = s.getBatch(s.initialOffset(), s.latestOffset(s.initialOffset(), T))
                .toRows();
        assertThat(rows).extracting(r -> r.get("_corrupt_record")).containsExactly(null, "x,y");
    }

    @Test
    void when_retentionDroppedUnreadRecords_then_queryFailsOrSkipsAsConfigured() {
        topics.create(TopicConfig.of("t", 1).withRetentionRecords(2));
        Source strict = source(Map.of("topic", "t", "startingOffsets", "earliest"), null);
        Source lenient = source(Map.of("topic", "t", "startingOffsets", "earliest", "failOnDataLoss", "false"), null);
        for (int i = 0; i < 5; i++) {
            topics.send("t", null, "v" + i);
        }
        PartitionOffsets end = (PartitionOffsets) strict.latestOffset(strict.initialOffset(), T);
        assertThatThrownBy(() -> strict.getBatch(strict.initialOffset(), end))
                .isInstanceOf(OffsetOutOfRangeException.class)
                .hasMessageContaining("retention");
        Batch b = lenient.getBatch(lenient.initialOffset(), end);
        assertThat(b.toRows()).extracting(r -> r.getString("value")).containsExactly("v3", "v4");
        assertThat(lenient.status()).contains("3 records lost to retention");
    }

    @Test
    void when_optionsAreBad_then_errorsNameThem() {
        assertThatThrownBy(() -> source(Map.of(), null)).hasMessageContaining("'topic'");
        assertThatThrownBy(() -> source(Map.of("topic", "nope"), null)).hasMessageContaining("no topic named 'nope'");
        topics.create("t", 1);
        assertThatThrownBy(() -> source(Map.of("topic", "t", "startingOffsets", "soon"), null))
                .hasMessageContaining("earliest, latest or JSON");
        assertThatThrownBy(() -> source(Map.of("topic", "t", "valueFormat", "json"), null))
                .hasMessageContaining("declare the schema");
    }
}
