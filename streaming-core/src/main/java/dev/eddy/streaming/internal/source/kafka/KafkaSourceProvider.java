package dev.eddy.streaming.internal.source.kafka;

import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.Source;
import dev.eddy.streaming.api.spi.SourceContext;
import dev.eddy.streaming.api.spi.SourceProvider;

/** Registers format {@code kafka}. */
public final class KafkaSourceProvider implements SourceProvider {
    @Override
    public String formatName() {
        return "kafka";
    }

    @Override
    public Source createSource(SourceContext context) {
        return new KafkaSource(KafkaSourceOptions.from(context));
    }

    @Override
    public Schema inferSchema(SourceContext context) {
        KafkaSourceOptions.from(context); // validate options when load() runs, without contacting the broker
        return KafkaSource.SCHEMA;
    }
}
