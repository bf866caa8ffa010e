package dev.eddy.streaming.internal.sink.topic;

import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.spi.BatchCommitLog;
import dev.eddy.streaming.api.spi.Sink;
import dev.eddy.streaming.api.spi.SinkContext;
import dev.eddy.streaming.api.spi.SinkProvider;
import dev.eddy.streaming.api.topic.TopicConfig;
import dev.eddy.streaming.api.topic.TopicProducer;
import dev.eddy.streaming.api.topic.Topics;
import dev.eddy.streaming.internal.format.RowWriters;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Format {@code topic} for writing. Options: {@code topic} (created with {@code partitions}, default 1, if
 * missing), {@code keyColumn} (its text is the record key; else no key), {@code topics} (registry id). With a
 * metadata path the sink logs committed batch ids, so a replayed batch is not written twice.
 */
public final class TopicSinkProvider implements SinkProvider {

    @Override
    public String formatName() {
        return "topic";
    }

    /** The sink's options, and the topic source's (one SQL stream declaration is read and written). */
    @Override
    public Set<String> optionNames() {
        return Set.of(
                "topic",
                "topics",
                "partitions",
                "keyColumn",
                "subscribe",
                "startingOffsets",
                "endingOffsets",
                "failOnDataLoss",
                "maxOffsetsPerTrigger",
                "valueFormat",
                "samplingRecords");
    }

    @Override
    public Sink createSink(SinkContext ctx) {
        String topic = ctx.requireOption("topic");
        Topics topics = Topics.named(ctx.option("topics", Topics.DEFAULT_ID));
        topics.createIfAbsent(TopicConfig.of(topic, (int) Long.parseLong(ctx.option("partitions", "1"))));
        String keyColumn = ctx.option("keyColumn", null);
        int keyIndex = keyColumn == null ? -1 : ctx.schema().require(keyColumn);
        BatchCommitLog commits = ctx.metadataPath()
                .map(p -> new BatchCommitLog(Path.of(p).resolve("topic-sink")))
                .orElse(null);
        return new TopicSink(topics.producer(topic), keyIndex, commits);
    }

    private static final class TopicSink implements Sink {
        private final TopicProducer producer;
        private final int keyIndex;
        private final BatchCommitLog commits;

        TopicSink(TopicProducer producer, int keyIndex, BatchCommitLog commits) {
            this.producer = producer;
            this.keyIndex = keyIndex;
            this.commits = commits;
        }

        @Override
        public void addBatch(long batchId, Batch batch, OutputMode mode) {
            if (commits != null && commits.isCommitted(batchId)) {
                return;
            }
            for (int r = 0; r < batch.numRows(); r++) {
                Object key = keyIndex < 0 ? null : batch.column(keyIndex).get(r);
                producer.send(key == null ? null : key.toString(), RowWriters.json(batch, r));
            }
            if (commits != null) {
                commits.commit(batchId, List.of());
            }
        }

        @Override
        public String description() {
            return "TopicSink[" + producer.topic() + "]";
        }
    }
}
