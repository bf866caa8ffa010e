package dev.eddy.streaming.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** The Kafka sink routes each row by its topic, partition and headers columns (Spark's rules). */
class KafkaSinkColumnsIT extends KafkaFixture {
    @Test
    void when_rowsCarryTopicPartitionKeyAndHeaders_then_eachRecordGoesWhereItsRowSays() throws Exception {
        BROKER.createTopic("route-a", 2);
        BROKER.createTopic("route-b", 1);
        MemoryStream in = eddy.memoryStream(Schema.of(
                Field.of("topic", DataType.STRING),
                Field.of("partition", DataType.INT),
                Field.of("key", DataType.STRING),
                Field.of("value", DataType.STRING),
                Field.of("headers", DataType.STRING)));
        in.addData(
                new Object[] {"route-a", 1, "k1", "v1", "{\"h\":\"x\",\"n\":\"2\"}"},
                new Object[] {"route-b", null, "k2", "v2", null},
                new Object[] {"route-a", 0, null, "v3", null});
        StreamingQuery q = toKafka(in.toDF())
                .checkpointLocation(tmp.resolve("ckpt").toString())
                .start();
        q.processAllAvailable();
        List<ConsumerRecord<String, String>> a = KafkaData.readAllAtLeast(BROKER, "route-a", 2, 2);
        assertThat(a)
                .extracting(ConsumerRecord::partition, ConsumerRecord::key, ConsumerRecord::value)
                .containsExactly(Tuple.tuple(0, null, "v3"), Tuple.tuple(1, "k1", "v1"));
        var headers = a.get(1).headers();
        assertThat(new String(headers.lastHeader("h").value(), StandardCharsets.UTF_8))
                .isEqualTo("x");
        assertThat(new String(headers.lastHeader("n").value(), StandardCharsets.UTF_8))
                .isEqualTo("2");
        assertThat(KafkaData.readCommittedAtLeast(BROKER, "route-b", 1)).containsExactly("v2");
        assertThat(q.lastProgress().sink().description()).contains("topic column");
    }

    @Test
    void when_thereIsNoValueColumn_then_theRowIsWrittenAsJsonToTheTopicOption() throws Exception {
        BROKER.createTopic("route-json", 1);
        MemoryStream in =
                eddy.memoryStream(Schema.of(Field.of("user", DataType.STRING), Field.of("clicks", DataType.LONG)));
        in.addData(new Object[] {"ann", 3L});
        StreamingQuery q = toKafka(in.toDF()).option("topic", "route-json").start();
        q.processAllAvailable();
        assertThat(KafkaData.readCommittedAtLeast(BROKER, "route-json", 1))
                .containsExactly("{\"user\":\"ann\",\"clicks\":3}");
    }

    @Test
    void when_neitherTopicOptionNorTopicColumnExists_then_theQueryDoesNotStart() {
        MemoryStream in = eddy.memoryStream(Schema.of(Field.of("value", DataType.STRING)));
        Throwable t = catchThrowable(() -> toKafka(in.toDF()).start().processAllAvailable());
        assertThat(t)
                .hasStackTraceContaining(
                        "the kafka sink needs a topic: set option 'topic', or give the rows a " + "'topic' column");
    }

    @Test
    void when_theTopicDoesNotExist_then_theQueryFailsNamingItInsteadOfRetrying() throws Exception {
        MemoryStream in = eddy.memoryStream(Schema.of(Field.of("value", DataType.STRING)));
        in.addData(new Object[] {"v1"});
        StreamingQuery q = toKafka(in.toDF())
                .option("topic", "no-such-out")
                .option("kafka.timeoutMs", "1000")
                .checkpointLocation(tmp.resolve("ckpt").toString())
                .start();
        Throwable t = catchThrowable(q::processAllAvailable);
        assertThat(t)
                .hasStackTraceContaining("cannot write batch 0 to Kafka at " + BROKER.bootstrap()
                        + ": topic [no-such-out] does not exist");
        assertThat(q.isActive()).isFalse();
    }
}
