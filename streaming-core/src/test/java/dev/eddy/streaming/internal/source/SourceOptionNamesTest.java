package dev.eddy.streaming.internal.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.Eddy;
import org.junit.jupiter.api.Test;

/** The generator and socket sources refuse options they do not take, naming them, when load() runs. */
class SourceOptionNamesTest {
    private final Eddy eddy = Eddy.create();

    @Test
    void when_theRateSourceGetsSparksRampUpTimeOrAMisspeltOption_then_loadRefusesItNamingIt() {
        assertThatThrownBy(() -> eddy.readStream()
                        .format("rate")
                        .option("rampUpTime", "5s")
                        .load())
                .hasMessageStartingWith("option 'rampUpTime' is not supported by the rate source:");
        assertThatThrownBy(() -> eddy.readStream()
                        .format("rate")
                        .option("rowPerSecond", "5")
                        .load())
                .hasMessage("option 'rowPerSecond' is not an option of the rate source; it takes maxRowsPerBatch,"
                        + " numPartitions, rowsPerSecond");
        assertThat(eddy.readStream()
                        .format("rate")
                        .option("ROWSPERSECOND", "5")
                        .load()
                        .schema()
                        .names())
                .as("names are case-insensitive")
                .containsExactly("timestamp", "value");
    }

    @Test
    void when_theSocketSourceIsAskedForAnotherFormatThanText_then_loadRefusesIt() {
        assertThatThrownBy(() -> eddy.readStream()
                        .format("socket")
                        .option("port", "9999")
                        .option("format", "json")
                        .load())
                .hasMessageStartingWith("the socket source reads text lines (format 'text'), not 'json'");
        assertThat(eddy.readStream()
                        .format("socket")
                        .option("port", "9999")
                        .option("includeTimestamp", "true")
                        .load()
                        .schema()
                        .names())
                .containsExactly("value", "timestamp");
    }
}
