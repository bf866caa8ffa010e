package dev.eddy.magics.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.magics.api.MagicException;
import dev.eddy.streaming.api.Trigger;
import org.junit.jupiter.api.Test;

class QueryLauncherTest {
    @Test
    void when_triggerIsShortInterval_then_processingTimeInMillis() {
        assertThat(QueryLauncher.trigger("2s")).isEqualTo(new Trigger.ProcessingTime(2000));
        assertThat(QueryLauncher.trigger("500ms")).isEqualTo(new Trigger.ProcessingTime(500));
        assertThat(QueryLauncher.trigger("available-now")).isInstanceOf(Trigger.AvailableNow.class);
        assertThat(QueryLauncher.trigger("once")).isInstanceOf(Trigger.Once.class);
    }

    @Test
    void when_triggerIsAnyIntervalForm_then_theSameProcessingTime() {
        for (String t : new String[] {"1.5s", "1500 ms", "PT1.5S", "1.5 seconds", "0.025 minutes"}) {
            assertThat(QueryLauncher.trigger(t)).as(t).isEqualTo(new Trigger.ProcessingTime(1500));
        }
    }

    @Test
    void when_triggerOrModeIsBad_then_clearMagicError() {
        assertThatThrownBy(() -> QueryLauncher.trigger("soon"))
                .isInstanceOf(MagicException.class)
                .hasMessageContaining("available-now");
        assertThatThrownBy(() -> QueryLauncher.mode("upsert"))
                .isInstanceOf(MagicException.class)
                .hasMessageContaining("append, update or complete");
    }

    @Test
    void when_appendModeNeedsAWatermark_then_theAdviceSpeaksSql() {
        String engine = "Append output mode not supported when there are streaming aggregations on streaming"
                + " DataFrames/DataSets without watermark: a group's row can only be appended once it is final, i.e. when"
                + " the watermark passes its window end; add withWatermark(...) on the window's time column, or use update"
                + " or complete mode";
        assertThat(QueryLauncher.sqlAdvice(engine))
                .startsWith("Append output mode not supported")
                .contains("WATERMARK FOR ts AS ts - INTERVAL '10' SECOND")
                .contains("--mode update")
                .doesNotContain("withWatermark");
    }
}
