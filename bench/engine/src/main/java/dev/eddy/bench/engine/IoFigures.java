package dev.eddy.bench.engine;

import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.Offset;
import dev.eddy.streaming.api.spi.Providers;
import dev.eddy.streaming.api.spi.Source;
import dev.eddy.streaming.api.spi.SourceContext;
import dev.eddy.streaming.api.spi.TriggerContext;
import dev.eddy.streaming.api.topic.TopicProducer;
import dev.eddy.streaming.api.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Input-side figures: producing to the embedded log and reading it back through the topic source. */
final class IoFigures {
    private IoFigures() {}

    static void run(int scale) throws Exception {
        int n = 1_000_000 / scale;
        byte[][] json = new byte[n][];
        byte[][] keys = new byte[n][];
        for (int i = 0; i < n; i++) {
            keys[i] = ("k" + (i % 1000)).getBytes(StandardCharsets.UTF_8);
            json[i] = ("{\"auction\":" + i + ",\"price\":" + (i * 7 % 10_000) + ",\"channel\":\"apple\"}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        ManualClock clock = new ManualClock(0);
        int[] round = {0};
        double produce = Harness.rowsPerSecond(2, 3, () -> {
            Topics topics = new Topics(clock).registerAs("bench-io");
            String t = "bids" + round[0]++;
            topics.create(t, 4);
            TopicProducer p = topics.producer(t);
            for (int i = 0; i < n; i++) {
                p.send(keys[i], json[i], -1, -1, List.of());
            }
            return n;
        });
        Harness.print("io.topic_produce.records_per_s", produce, "records/s");
        String topic = "bids" + (round[0] - 1);
        Schema bid = Schema.of(
                Field.of("auction", DataType.LONG),
                Field.of("price", DataType.LONG),
                Field.of("channel", DataType.STRING));
        Harness.print("io.topic_source_raw.rows_per_s", readAll(topic, Map.of(), null, n), "rows/s");
        Harness.print(
                "io.topic_source_json.rows_per_s", readAll(topic, Map.of("valueFormat", "json"), bid, n), "rows/s");
    }

    private static double readAll(String topic, Map<String, String> extra, Schema schema, int n) throws Exception {
        Map<String, String> o = new HashMap<>(extra);
        o.put("topic", topic);
        o.put("topics", "bench-io");
        o.put("startingOffsets", "earliest");
        Source s = Providers.source("topic")
                .createSource(new SourceContext(o, Optional.ofNullable(schema), new ManualClock(0), Optional.empty()));
        Offset start = s.initialOffset();
        Offset end = s.latestOffset(start, new TriggerContext(0, 0, false));
        return Harness.rowsPerSecond(2, 3, () -> s.getBatch(start, end).numRows());
    }
}
