package dev.eddy.streaming.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JSON values without a declared schema: inferred once from a sample, kept in the checkpoint, reused on restart. */
class KafkaInferredSchemaIT extends KafkaFixture {
    private Dataset json(String topic) {
        return kafka(topic).option("valueFormat", "json").load();
    }

    @Test
    void when_jsonValuesHaveNoDeclaredSchema_then_itIsInferredOnceAndRowsThatDoNotFitAreCorrupt() throws Exception {
        BROKER.createTopic("infer-in", 1);
        KafkaData.produce(
                BROKER,
                "infer-in",
                "{\"user\":\"ann\",\"clicks\":3}",
                "{\"user\":\"bob\",\"clicks\":4,\"at\":\"2024-01-01T00:00:00Z\"}");
        Dataset ds = json("infer-in");
        assertThat(ds.schema().fields().subList(0, 4))
                .containsExactly(
                        Field.of("at", DataType.TIMESTAMP),
                        Field.of("clicks", DataType.INT),
                        Field.of("user", DataType.STRING),
                        Field.of("_corrupt_record", DataType.STRING));
        Path ckpt = tmp.resolve("ckpt");
        StreamingQuery q = ds.select("user", "clicks", "_corrupt_record")
                .writeStream()
                .memory("inferred")
                .checkpointLocation(ckpt.toString())
                .start();
        q.processAllAvailable();
        // later values with other shapes do not change the schema: they fit it, or they are corrupt
        KafkaData.produce(
                BROKER,
                "infer-in",
                "not json",
                "{\"user\":\"cy\",\"clicks\":\"many\"}",
                "{\"user\":\"dan\",\"clicks\":5,\"extra\":true}");
        q.processAllAvailable();
        List<Row> rows = eddy.memoryTable("inferred").toRows();
        assertThat(rows)
                .extracting(r -> r.getString("user"))
                .as("cy's clicks do not fit: corrupt, its user kept (Spark's partial results)")
                .containsExactly("ann", "bob", null, "cy", "dan");
        assertThat(rows)
                .extracting(r -> r.get("_corrupt_record"))
                .containsExactly(null, null, "not json", "{\"user\":\"cy\",\"clicks\":\"many\"}", null);
        assertThat(q.lastProgress().sources().get(0).metrics()).containsEntry("numCorruptRecords", "2");
        assertThat(Files.readString(ckpt.resolve("sources/0/schema")))
                .contains("\"name\":\"clicks\",\"type\":\"INT\"")
                .contains("crc32c:");
        q.stop();

        // the restart's load() samples all five records and infers clicks as a string, plus an 'extra' column;
        // the query still decodes with the stored schema: "lots" is corrupt as before, 6 is widened to "6"
        Dataset reloaded = json("infer-in");
        assertThat(reloaded.schema().fields())
                .contains(Field.of("clicks", DataType.STRING), Field.of("extra", DataType.BOOLEAN));
        KafkaData.produce(
                BROKER,
                "infer-in",
                "{\"user\":\"eve\",\"clicks\":6,\"extra\":false}",
                "{\"user\":\"fay\",\"clicks\":\"lots\"}");
        StreamingQuery again = reloaded.select("user", "clicks", "extra", "_corrupt_record")
                .writeStream()
                .memory("inferred2")
                .checkpointLocation(ckpt.toString())
                .start();
        again.processAllAvailable();
        List<Row> after = eddy.memoryTable("inferred2").toRows();
        assertThat(after).extracting(r -> r.getString("user")).containsExactly("eve", "fay"); // partial results
        assertThat(after.get(0).getString("clicks")).isEqualTo("6");
        assertThat(after.get(0).get("extra")).isNull();
        assertThat(after.get(1).getString("_corrupt_record")).isEqualTo("{\"user\":\"fay\",\"clicks\":\"lots\"}");
        again.stop();
    }

    @Test
    void when_aRestartPlansAColumnNarrowerThanTheStoredOne_then_itFailsNamingBoth() throws Exception {
        BROKER.createTopic("infer-change", 1);
        KafkaData.produce(BROKER, "infer-change", "{\"user\":\"ann\",\"clicks\":3}");
        Path ckpt = tmp.resolve("ckpt");
        StreamingQuery q = json("infer-change")
                .writeStream()
                .memory("first")
                .checkpointLocation(ckpt.toString())
                .start();
        q.processAllAvailable();
        q.stop();
        assertThatThrownBy(() -> kafka("infer-change")
                        .option("valueFormat", "json")
                        .schema(Schema.of(Field.of("clicks", DataType.BOOLEAN), Field.of("user", DataType.STRING)))
                        .load()
                        .writeStream()
                        .memory("second")
                        .checkpointLocation(ckpt.toString())
                        .start())
                .as("start() fails for a query that cannot start")
                .hasStackTraceContaining("decodes column 'clicks' as INT (stored schema [clicks INT, user STRING])")
                .hasStackTraceContaining("plans it as BOOLEAN");
    }

    @Test
    void when_theTopicIsEmpty_then_loadAsksForADeclaredSchema() throws Exception {
        BROKER.createTopic("infer-empty", 1);
        assertThatThrownBy(() -> json("infer-empty"))
                .hasMessageContaining("no records at the starting offsets")
                .hasMessageContaining("Declare the schema with .schema(...)");
    }
}
