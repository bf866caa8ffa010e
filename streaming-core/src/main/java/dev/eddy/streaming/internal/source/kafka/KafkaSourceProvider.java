package dev.eddy.streaming.internal.source.kafka;

import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.Source;
import dev.eddy.streaming.api.spi.SourceContext;
import dev.eddy.streaming.api.spi.SourceProvider;
import dev.eddy.streaming.internal.format.ColumnSpec;
import dev.eddy.streaming.internal.format.CsvOptions;
import dev.eddy.streaming.internal.format.MalformedRecords;
import dev.eddy.streaming.internal.format.SchemaInference;
import dev.eddy.streaming.internal.format.TextFormats;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Registers format {@code kafka}. With {@code valueFormat} json or csv and no declared schema, the value schema
 * is inferred once, when {@code load()} runs, from up to {@code samplingRecords} records at the starting offsets;
 * the query keeps it for its whole life, and a checkpointed query stores it so a restart decodes the same way
 * (see {@link KafkaSchemaFile}).
 */
public final class KafkaSourceProvider implements SourceProvider {
    /** Every option the Kafka source reads (Spark's and Eddy's own); load() refuses any other, naming it. */
    static final Set<String> OPTIONS = Set.of(
            "kafka.*",
            "subscribe",
            "subscribePattern",
            "assign",
            "startingOffsets",
            "startingTimestamp",
            "startingOffsetsByTimestamp",
            "startingOffsetsByTimestampStrategy",
            "endingOffsets",
            "maxOffsetsPerTrigger",
            "minOffsetsPerTrigger",
            "maxTriggerDelay",
            "failOnDataLoss",
            "fetchOffset.numRetries",
            "fetchOffset.retryIntervalMs",
            "includeHeaders",
            "groupIdPrefix",
            "minPartitions",
            "valueFormat",
            "samplingRecords",
            "retryBackoffMaxMs",
            "fetchThreads",
            "fetch",
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

    /** Why {@code multiLine} does not apply to a record's value (it is for files). */
    public static final String MULTI_LINE = "a record's value is decoded as one record (with 'valueFormat'), whatever"
            + " line breaks it holds; 'multiLine' is for CSV files";

    /** Spark's Kafka source options Eddy does not support, with why. */
    static final Map<String, String> UNSUPPORTED = Map.of(
            "endingtimestamp",
            "it ends a batch (read()) query in Spark; a stream reads on, or up to 'endingOffsets' (JSON per partition)",
            "endingoffsetsbytimestamp",
            "it ends a batch (read()) query in Spark; a stream reads on, or up to 'endingOffsets' (JSON per partition)",
            "kafkaconsumer.polltimeoutms",
            "Eddy's reader waits for a fetch with the consumer's own timeouts and for a broker that is down with"
                    + " backoff (option 'retryBackoffMaxMs')",
            "maxrecordsperpartition",
            "Eddy reads each partition's range in one task; use 'maxOffsetsPerTrigger' to bound a batch",
            "format",
            "a Kafka stream reads raw records; decode values with 'valueFormat' (json, csv or text)",
            "multiline",
            MULTI_LINE,
            "timestampntzformat",
            "Eddy has no TIMESTAMP_NTZ type (its timestamps are instants, read in UTC when the text has no zone);"
                    + " use 'timestampFormat'");

    @Override
    public String formatName() {
        return "kafka";
    }

    @Override
    public Set<String> optionNames() {
        return OPTIONS;
    }

    @Override
    public Map<String, String> unsupportedOptions() {
        return UNSUPPORTED;
    }

    @Override
    public Source createSource(SourceContext context) {
        KafkaSourceOptions options = KafkaSourceOptions.from(context);
        return new KafkaSource(
                options, reader(context, options, true), malformed(context), fetchThreads(context), rawFetch(context));
    }

    /** Spark's mode and columnNameOfCorruptRecord for decoded values; null for raw records. */
    static MalformedRecords malformed(SourceContext ctx) {
        String format = ctx.option("valueFormat", null);
        if (format == null || format.equalsIgnoreCase("text")) {
            return null;
        }
        return MalformedRecords.of(CsvOptions.from(ctx.options()), format);
    }

    /**
     * Option {@code fetchThreads}: how many consumers read one batch's partitions in parallel, each on its own thread
     * (never more than the batch has partitions). Default 1: the source's one consumer reads every partition (on the
     * 2-core bench machine, whose cores the decoding and the query already keep busy, two fetchers read a 4-partition
     * topic 8% slower: see bench/ingest/README.md); more pay off only where cores are idle.
     */
    static int fetchThreads(SourceContext ctx) {
        long n = ctx.longOption("fetchThreads", 1);
        if (n < 1 || n > 64) {
            throw new IllegalArgumentException("option 'fetchThreads' must be between 1 and 64, got " + n);
        }
        return (int) n;
    }

    /**
     * Option {@code fetch}: {@code raw} (the default) sends Eddy's own Fetch requests and decodes the record batches
     * where they lie in the response (no object per record: see {@link KafkaRawLink}); {@code consumer} reads through
     * {@code KafkaConsumer}, the way back. Returns whether it is raw; any other value is refused by name.
     */
    static boolean rawFetch(SourceContext ctx) {
        String v = ctx.option("fetch", "raw").trim();
        if (v.equalsIgnoreCase("raw")) {
            return true;
        }
        if (v.equalsIgnoreCase("consumer")) {
            return false;
        }
        throw new IllegalArgumentException(
                "option 'fetch' must be raw (Eddy's own Fetch requests, record batches decoded"
                        + " in place, the default) or consumer (KafkaConsumer), got '" + v + "'");
    }

    /**
     * Raw records, or values decoded as json/csv: with the declared schema, or (at load() only; a starting query
     * always gets the schema load() resolved) inferred from a sample.
     */
    static KafkaRowReader reader(SourceContext ctx, KafkaSourceOptions options, boolean starting) {
        String format = ctx.option("valueFormat", null);
        if (format == null || format.equalsIgnoreCase("text")) {
            return new KafkaRowReader();
        }
        if (!format.equalsIgnoreCase("json") && !format.equalsIgnoreCase("csv")) {
            throw new IllegalArgumentException("option valueFormat must be json, csv or text, got '" + format + "'");
        }
        CsvOptions csv = CsvOptions.from(ctx.options());
        // a time alone in a TIMESTAMP is on the engine clock's day when it is read (Spark's current day)
        csv = csv.withDatetimes(csv.datetimes().withClock(ctx.clock()::millis));
        List<ColumnSpec> cols = ctx.userSchema().isPresent()
                ? TextFormats.declaredColumns(
                        malformed(ctx).toDecoder(ctx.userSchema().get()))
                : infer(options, format, csv);
        List<ColumnSpec> decoded = cols;
        if (starting && ctx.metadataPath().isPresent()) {
            decoded = KafkaSchemaFile.storedOrStore(Path.of(ctx.metadataPath().get()), format, cols);
        }
        return new KafkaRowReader(cols, decoded, TextFormats.parser(format, decoded, csv));
    }

    private static List<ColumnSpec> infer(KafkaSourceOptions options, String format, CsvOptions csv) {
        List<String> sample = KafkaSampler.sample(options, options.samplingRecords());
        List<ColumnSpec> cols = format.equalsIgnoreCase("json")
                ? SchemaInference.inferJson(sample)
                : SchemaInference.inferCsv(sample, csv);
        if (cols.isEmpty()) {
            throw new IllegalArgumentException("cannot infer a " + format + " value schema for Kafka "
                    + options.describe() + " at " + options.bootstrap() + ": "
                    + (sample.isEmpty()
                            ? "there are no records at the starting offsets yet"
                            : "none of the " + sample.size() + " sampled values is a " + format + " record")
                    + ". Declare the schema with .schema(...)");
        }
        return cols;
    }

    @Override
    public Schema inferSchema(SourceContext context) {
        KafkaSourceOptions options = KafkaSourceOptions.from(context);
        Schema decoded = reader(context, options, false).schema();
        MalformedRecords malformed = malformed(context);
        return malformed == null ? decoded : malformed.toQuery(decoded);
    }
}
