package dev.eddy.streaming.internal.source.topic;

import dev.eddy.streaming.api.spi.PartitionOffsets;
import dev.eddy.streaming.api.spi.Source;
import dev.eddy.streaming.api.spi.SourceContext;
import dev.eddy.streaming.api.spi.SourceProvider;
import dev.eddy.streaming.api.topic.TopicConsumer;
import dev.eddy.streaming.api.topic.TopicRecord;
import dev.eddy.streaming.api.topic.Topics;
import dev.eddy.streaming.internal.format.ColumnSpec;
import dev.eddy.streaming.internal.format.CsvOptions;
import dev.eddy.streaming.internal.format.MalformedRecords;
import dev.eddy.streaming.internal.format.SchemaInference;
import dev.eddy.streaming.internal.format.TextFormats;
import dev.eddy.streaming.internal.format.Utf8Text;
import dev.eddy.streaming.internal.log.TopicLog;
import dev.eddy.streaming.internal.source.kafka.KafkaSourceProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Format {@code topic}. Options: {@code topic} (or {@code subscribe}), {@code startingOffsets}, {@code endingOffsets},
 * {@code maxOffsetsPerTrigger}, {@code failOnDataLoss}, {@code valueFormat} (json, csv, text), CSV's {@code sep} and
 * {@code quote}, {@code topics} (the id of a {@link Topics} registry; the shared one by default). With a value
 * format and no declared schema, the value schema is inferred once from up to {@code samplingRecords} records.
 */
public final class TopicSourceProvider implements SourceProvider {

    @Override
    public String formatName() {
        return "topic";
    }

    /** Every option the embedded topic source reads; load() refuses any other, naming it. */
    static final Set<String> OPTIONS = Set.of(
            "topic",
            "subscribe",
            "topics",
            "startingOffsets",
            "endingOffsets",
            "maxOffsetsPerTrigger",
            "failOnDataLoss",
            "valueFormat",
            "samplingRecords",
            "sep",
            "delimiter",
            "quote",
            "escape",
            "charToEscapeQuoteEscaping",
            "emptyValue",
            "ignoreLeadingWhiteSpace",
            "ignoreTrailingWhiteSpace",
            "nullValue",
            "mode",
            "columnNameOfCorruptRecord",
            "dateFormat",
            "timestampFormat",
            "enableDateTimeParsingFallback",
            "preferDate");

    @Override
    public Set<String> optionNames() {
        return OPTIONS;
    }

    @Override
    public Map<String, String> unsupportedOptions() {
        return Map.of("multiline", KafkaSourceProvider.MULTI_LINE);
    }

    @Override
    public Source createSource(SourceContext ctx) {
        String name = ctx.option("topic", ctx.option("subscribe", null));
        if (name == null) {
            throw new IllegalArgumentException("the topic source needs option 'topic' (or 'subscribe')");
        }
        TopicLog log = Topics.named(ctx.option("topics", Topics.DEFAULT_ID)).log(name);
        PartitionOffsets start = StartingOffsets.resolve(ctx.option("startingOffsets", "latest"), log, false);
        String endSpec = ctx.option("endingOffsets", null);
        PartitionOffsets end = endSpec == null ? null : StartingOffsets.resolve(endSpec, log, false);
        boolean failOnDataLoss = Boolean.parseBoolean(ctx.option("failOnDataLoss", "true"));
        TopicSource source = new TopicSource(
                log, start, end, ctx.longOption("maxOffsetsPerTrigger", 0), failOnDataLoss, rowReader(ctx, log));
        String format = ctx.option("valueFormat", null);
        if (format != null && (format.equalsIgnoreCase("json") || format.equalsIgnoreCase("csv"))) {
            source.withMalformedRecords(MalformedRecords.of(CsvOptions.from(ctx.options()), format));
        }
        return source;
    }

    private static TopicRowReader rowReader(SourceContext ctx, TopicLog log) {
        String format = ctx.option("valueFormat", null);
        TopicRowReader raw = new TopicRowReader(log.name());
        if (format == null) {
            return raw;
        }
        if (format.equalsIgnoreCase("text")) {
            // text: without a declared column the raw columns (value is the text); with one, the text typed into it
            if (ctx.userSchema().isEmpty() || ctx.userSchema().get().equals(raw.schema())) {
                return raw;
            }
            List<ColumnSpec> one = TextFormats.declaredColumns(ctx.userSchema().get());
            if (one.size() != 1) {
                throw new IllegalArgumentException("valueFormat 'text' takes one declared column, got " + one);
            }
            return new TopicRowReader(log.name(), one, TextFormats.parser("text", one, CsvOptions.DEFAULT));
        }
        CsvOptions csv = CsvOptions.from(ctx.options());
        // a time alone in a TIMESTAMP is on the engine clock's day when it is read (Spark's current day)
        csv = csv.withDatetimes(csv.datetimes().withClock(ctx.clock()::millis));
        List<ColumnSpec> cols;
        if (ctx.userSchema().isPresent()) {
            cols = TextFormats.declaredColumns(
                    MalformedRecords.of(csv, format).toDecoder(ctx.userSchema().get()));
        } else {
            List<String> sample = sample(log, (int) ctx.longOption("samplingRecords", 1000));
            cols = format.equalsIgnoreCase("json")
                    ? SchemaInference.inferJson(sample)
                    : SchemaInference.inferCsv(sample, csv);
            if (cols.isEmpty()) {
                throw new IllegalArgumentException("topic '" + log.name() + "' has no records to infer a " + format
                        + " schema from; declare the schema with .schema(...)");
            }
        }
        return new TopicRowReader(log.name(), cols, TextFormats.parser(format, cols, csv));
    }

    private static List<String> sample(TopicLog log, int max) {
        List<String> out = new ArrayList<>();
        for (TopicRecord r : TopicConsumer.of(log).poll(max)) {
            String text = r.value() == null ? null : Utf8Text.decodeOrNull(r.value());
            if (text != null) { // a value that is not UTF-8 says nothing about the schema: it will be corrupt
                out.add(text);
            }
        }
        return out;
    }
}
