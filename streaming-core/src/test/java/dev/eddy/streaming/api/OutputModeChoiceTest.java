package dev.eddy.streaming.api;

import static dev.eddy.streaming.api.expr.Functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Functions;
import org.junit.jupiter.api.Test;

/** The one place that picks an output mode when the user names none: for a watched result table and for a sink. */
class OutputModeChoiceTest {
    private final Eddy eddy = Eddy.create();
    private final Dataset words = eddy.memoryStream(
                    Schema.of(Field.of("word", DataType.STRING), Field.of("ts", DataType.TIMESTAMP)))
            .toDF();

    @Test
    void when_queryAggregates_then_aWatchedTableIsCompleteAndASinkGetsUpdates() {
        Dataset counts = words.groupBy("word").count();
        assertThat(OutputMode.forResultTable(counts.plan())).isEqualTo(OutputMode.COMPLETE);
        assertThat(OutputMode.forSink(counts.plan())).isEqualTo(OutputMode.UPDATE);
    }

    @Test
    void when_queryDoesNotAggregate_then_bothAppend() {
        Dataset filtered = words.filter(col("word").isNotNull());
        assertThat(OutputMode.forResultTable(filtered.plan())).isEqualTo(OutputMode.APPEND);
        assertThat(OutputMode.forSink(filtered.plan())).isEqualTo(OutputMode.APPEND);
    }

    @Test
    void when_aggregateIsSorted_then_theSinkGetsTheWholeTable() {
        Dataset sorted = words.groupBy("word").count().orderBy("word");
        assertThat(OutputMode.forSink(sorted.plan())).isEqualTo(OutputMode.COMPLETE);
        assertThat(OutputMode.forResultTable(sorted.plan())).isEqualTo(OutputMode.COMPLETE);
    }

    @Test
    void when_theEngineRefusesCompleteForAnAggregation_then_aWatchedTableAppends() {
        // two streaming aggregations: no mode is allowed; append is chosen so that starting says why
        Dataset twice = words.groupBy("word").count().groupBy("count").max("count");
        assertThat(OutputMode.forResultTable(twice.plan())).isEqualTo(OutputMode.APPEND);
    }

    @Test
    void when_queryGroupsBySessionWindows_then_neitherChoiceIsUpdate() {
        Dataset watermarked = words.withWatermark("ts", "10 seconds")
                .groupBy(Functions.sessionWindow(col("ts"), "5 seconds"), col("word"))
                .count();
        assertThat(OutputMode.forSink(watermarked.plan())).isEqualTo(OutputMode.APPEND);
        assertThat(OutputMode.forResultTable(watermarked.plan())).isEqualTo(OutputMode.COMPLETE);
        // without a watermark no session ever closes, so append is refused: the sink gets the whole table
        Dataset open = words.groupBy(Functions.sessionWindow(col("ts"), "5 seconds"), col("word"))
                .count();
        assertThat(OutputMode.forSink(open.plan())).isEqualTo(OutputMode.COMPLETE);
        assertThat(OutputMode.forResultTable(open.plan())).isEqualTo(OutputMode.COMPLETE);
    }
}
