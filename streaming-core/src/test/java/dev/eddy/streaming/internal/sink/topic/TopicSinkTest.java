package dev.eddy.streaming.internal.sink.topic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.Providers;
import dev.eddy.streaming.api.spi.Sink;
import dev.eddy.streaming.api.spi.SinkContext;
import dev.eddy.streaming.api.topic.TopicRecord;
import dev.eddy.streaming.api.topic.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicSinkTest {
    @TempDir
    Path meta;

    private final ManualClock clock = new ManualClock(5);
    private final String registry = "sink-" + UUID.randomUUID();
    private final Topics topics = new Topics(clock).registerAs(registry);
    private final Schema schema = Schema.of(Field.of("user", DataType.STRING), Field.of("clicks", DataType.LONG));

    private Sink sink() {
        return Providers.sink("topic")
                .createSink(new SinkContext(
                        Map.of("topic", "out", "keyColumn", "user", "topics", registry),
                        schema,
                        OutputMode.UPDATE,
                        List.of("user"),
                        Optional.empty(),
                        clock,
                        Optional.of(meta.toString())));
    }

    @Test
    void when_batchWritten_then_rowsAreJsonValuesKeyedByColumn_andReplayedIdIsSkipped() {
        Batch b = Batch.builder(schema).addRow("ann", 3L).addRow(null, 1L).build();
        sink().addBatch(0, b, OutputMode.UPDATE);
        sink().addBatch(0, b, OutputMode.UPDATE);
        List<TopicRecord> got = topics.read("out", 0, 0, 10);
        assertThat(got).extracting(TopicRecord::keyAsString).containsExactly("ann", null);
        assertThat(got)
                .extracting(TopicRecord::valueAsString)
                .containsExactly("{\"user\":\"ann\",\"clicks\":3}", "{\"clicks\":1}");
        assertThat(got.get(0).timestamp()).isEqualTo(5);
    }
}
