package dev.eddy.streaming.internal.sink.kafka;

import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.spi.Sink;
import dev.eddy.streaming.api.spi.SinkContext;
import dev.eddy.streaming.api.spi.SinkProvider;
import java.util.EnumSet;
import java.util.Set;

/** Registers sink format {@code kafka}. */
public final class KafkaSinkProvider implements SinkProvider {
    @Override
    public String formatName() {
        return "kafka";
    }

    @Override
    public Set<OutputMode> supportedModes() {
        return EnumSet.of(OutputMode.APPEND, OutputMode.UPDATE);
    }

    /** The sink's options, and the Kafka source's (one SQL stream declaration is read and written). */
    @Override
    public Set<String> optionNames() {
        return Set.of(
                "kafka.*",
                "topic",
                "transactionalId",
                "retryBackoffMaxMs",
                "subscribe",
                "subscribePattern",
                "assign",
                "startingOffsets",
                "endingOffsets",
                "failOnDataLoss",
                "maxOffsetsPerTrigger",
                "valueFormat",
                "samplingRecords",
                "includeHeaders");
    }

    @Override
    public Sink createSink(SinkContext context) {
        KafkaSinkOptions options = KafkaSinkOptions.from(context);
        return new KafkaSink(options, KafkaRecords.of(options.topic(), context.schema()));
    }
}
