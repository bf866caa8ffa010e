package dev.eddy.spark.internal.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.spark.api.SparkRefusal;
import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.Trigger;
import java.io.OutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** Writer settings checked and mapped for Spark before anything starts (no server needed). */
class WriterTranslatorTest {
    private final Eddy eddy = Eddy.create();
    private final Dataset rate = eddy.readStream().format("rate").load();

    @Test
    void when_triggersAreMapped_then_eachIsSparksTriggerOfTheSameKind() {
        assertThat(WriterTranslator.trigger(Trigger.processingTime("2 seconds")))
                .isEqualTo(org.apache.spark.sql.streaming.Trigger.ProcessingTime(2000));
        assertThat(WriterTranslator.trigger(Trigger.availableNow()))
                .isEqualTo(org.apache.spark.sql.streaming.Trigger.AvailableNow());
        assertThat(WriterTranslator.trigger(Trigger.asFastAsPossible()))
                .isEqualTo(org.apache.spark.sql.streaming.Trigger.ProcessingTime(0));
    }

    @Test
    void when_theSinkIsAMemoryTableWithACheckpoint_then_theWriterIsAccepted() {
        assertThatCode(() -> WriterTranslator.check(rate.writeStream()
                        .outputMode("append")
                        .memory("rows")
                        .checkpointLocation("/tmp/ckpt")
                        .spec()))
                .doesNotThrowAnyException();
    }

    @Test
    void when_foreachBatchIsTheSink_then_itIsRefusedAsAJavaLambda() {
        assertThatThrownBy(() -> WriterTranslator.check(
                        rate.writeStream().foreachBatch((t, id) -> {}).spec()))
                .isInstanceOf(SparkRefusal.class)
                .hasMessageContaining("foreachBatch calls a Java lambda")
                .hasMessageContaining("Instead: write to a memory, Kafka or file sink");
    }

    @Test
    void when_theConsoleIsTheSink_then_itIsRefusedAndTheMemorySinkIsSuggested() {
        assertThatThrownBy(() -> WriterTranslator.check(rate.writeStream()
                        .console(new PrintStream(OutputStream.nullOutputStream()))
                        .spec()))
                .isInstanceOf(SparkRefusal.class)
                .hasMessageContaining("console sink prints on the Spark driver")
                .hasMessageContaining("use a memory sink");
    }

    @Test
    void when_theSinkFormatIsUnknownToSpark_then_itIsRefused() {
        assertThatThrownBy(() ->
                        WriterTranslator.check(rate.writeStream().format("jdbc").spec()))
                .isInstanceOf(SparkRefusal.class)
                .hasMessageContaining("'jdbc'");
    }
}
