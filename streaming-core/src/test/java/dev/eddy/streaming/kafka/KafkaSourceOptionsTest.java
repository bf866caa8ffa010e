package dev.eddy.streaming.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.DataStreamReader;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import org.junit.jupiter.api.Test;

/** Option checks happen when load() runs, before any broker is contacted. */
class KafkaSourceOptionsTest {
    private final Eddy eddy = Eddy.builder().build();

    @Test
    void when_noTopicOptionOrTwoAreGiven_then_loadNamesTheThreeChoices() {
        assertThatThrownBy(() -> eddy.readStream()
                        .format("kafka")
                        .option("kafka.bootstrap.servers", "localhost:1")
                        .load())
                .hasMessageContaining("exactly one of the options 'subscribe'");
        assertThatThrownBy(() -> eddy.readStream()
                        .format("kafka")
                        .option("kafka.bootstrap.servers", "localhost:1")
                        .option("subscribe", "a")
                        .option("assign", "{\"a\":[0]}")
                        .load())
                .hasMessageContaining("got 2");
    }

    @Test
    void when_fetchIsNeitherRawNorConsumer_then_loadRefusesItByName() {
        assertThatThrownBy(() -> eddy.readStream()
                        .format("kafka")
                        .option("kafka.bootstrap.servers", "localhost:1")
                        .option("subscribe", "a")
                        .option("fetch", "zero-copy")
                        .load())
                .hasMessageContaining("option 'fetch' must be raw")
                .hasMessageContaining("or consumer")
                .hasMessageContaining("'zero-copy'");
    }

    @Test
    void when_offsetsOrAssignAreMalformed_then_theErrorShowsTheExpectedForm() {
        assertThatThrownBy(() -> eddy.readStream()
                        .format("kafka")
                        .option("kafka.bootstrap.servers", "localhost:1")
                        .option("subscribe", "a")
                        .option("startingOffsets", "newest")
                        .load())
                .hasMessageContaining("earliest, latest or JSON");
        assertThatThrownBy(() -> eddy.readStream()
                        .format("kafka")
                        .option("kafka.bootstrap.servers", "localhost:1")
                        .option("assign", "[0,1]")
                        .load())
                .hasMessageContaining("{\"topic\":[0,1]}");
    }

    @Test
    void when_valuesAreDecodedWithASchema_then_theColumnsAreValuesCorruptRecordAndMetadata() {
        var ds = eddy.readStream()
                .format("kafka")
                .option("kafka.bootstrap.servers", "localhost:1")
                .option("subscribe", "a")
                .option("valueFormat", "json")
                .schema(Schema.of(Field.of("user", DataType.STRING)))
                .load();
        assertThat(ds.schema().names())
                .containsExactly("user", "_corrupt_record", "key", "topic", "partition", "offset", "timestamp");
        assertThatThrownBy(() -> eddy.readStream()
                        .format("kafka")
                        .option("kafka.bootstrap.servers", "localhost:1")
                        .option("subscribe", "a")
                        .option("valueFormat", "json")
                        .option("kafka.timeoutMs", "300")
                        .load())
                .hasMessageContaining("cannot infer the Kafka value schema: the broker at localhost:1 did not answer")
                .hasMessageContaining("declare the schema with .schema(...)");
    }

    @Test
    void when_dataLossOrSamplingOptionsAreMalformed_then_theErrorNamesTheOption() {
        assertThatThrownBy(() -> eddy.readStream()
                        .format("kafka")
                        .option("kafka.bootstrap.servers", "localhost:1")
                        .option("subscribe", "a")
                        .option("failOnDataLoss", "maybe")
                        .load())
                .hasMessageContaining("option 'failOnDataLoss' must be true or false, got 'maybe'");
        assertThatThrownBy(() -> eddy.readStream()
                        .format("kafka")
                        .option("kafka.bootstrap.servers", "localhost:1")
                        .option("subscribe", "a")
                        .option("valueFormat", "json")
                        .option("samplingRecords", "0")
                        .load())
                .hasMessageContaining("option 'samplingRecords' must be positive, got 0");
        assertThatThrownBy(() -> eddy.readStream()
                        .format("kafka")
                        .option("kafka.bootstrap.servers", "localhost:1")
                        .option("subscribe", "a")
                        .option("valueFormat", "avro")
                        .load())
                .hasMessageContaining("option valueFormat must be json, csv or text, got 'avro'");
    }

    private DataStreamReader kafka() {
        return eddy.readStream()
                .format("kafka")
                .option("kafka.bootstrap.servers", "localhost:1")
                .option("subscribe", "a");
    }

    @Test
    void when_anOptionIsMisspeltOrOneSparkHasThatEddyLacks_then_loadRefusesItNamingIt() {
        assertThatThrownBy(() -> kafka().option("startingOffset", "earliest").load())
                .hasMessageStartingWith("option 'startingOffset' is not an option of the kafka source; it takes ")
                .hasMessageContaining("startingOffsets");
        assertThatThrownBy(() -> kafka().option("endingTimestamp", "1000").load())
                .hasMessageStartingWith("option 'endingTimestamp' is not supported by the kafka source: it ends a"
                        + " batch (read()) query in Spark");
        assertThat(kafka().option("kafka.group.id", "g")
                        .option("groupIdPrefix", "p")
                        .option("includeHeaders", "true")
                        .option("minPartitions", "4")
                        .load()
                        .schema()
                        .names())
                .as("Spark's options that do not change what is read are taken")
                .contains("headers");
    }

    @Test
    void when_pacingOrTimestampOptionsAreMalformed_then_loadSaysWhatIsExpected() {
        assertThatThrownBy(() -> kafka().option("maxTriggerDelay", "soon").load())
                .hasMessage("option 'maxTriggerDelay' must be a time like 15m, 30s or 500ms, got 'soon'");
        assertThatThrownBy(() -> kafka().option("minOffsetsPerTrigger", "20")
                        .option("maxOffsetsPerTrigger", "10")
                        .load())
                .hasMessage("option 'minOffsetsPerTrigger' (20) is higher than 'maxOffsetsPerTrigger' (10)");
        assertThatThrownBy(
                        () -> kafka().option("startingTimestamp", "yesterday").load())
                .hasMessageContaining("option 'startingTimestamp' must be one epoch time in milliseconds");
        assertThatThrownBy(() -> kafka().option("startingOffsetsByTimestampStrategy", "earliest")
                        .load())
                .hasMessageContaining("must be error or latest");
        assertThatThrownBy(() -> kafka().option("fetchOffset.numRetries", "0").load())
                .hasMessageContaining("option 'fetchOffset.numRetries' must be positive");
    }
}
