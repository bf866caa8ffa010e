package dev.eddy.streaming.internal.exec;

import static dev.eddy.streaming.api.expr.Functions.alias;
import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.count;
import static dev.eddy.streaming.api.expr.Functions.gt;
import static dev.eddy.streaming.api.expr.Functions.lit;
import static dev.eddy.streaming.api.expr.Functions.sum;
import static dev.eddy.streaming.api.expr.Functions.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which columns of each scan a plan reads: what column pruning hands to the sources. */
class ScanColumnsTest {
    private static final Schema BIDS = Schema.of(
            Field.of("auction", DataType.LONG),
            Field.of("price", DataType.LONG),
            Field.of("bidder", DataType.STRING),
            Field.of("ts", DataType.TIMESTAMP),
            Field.of("key", DataType.STRING));
    private final Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
    private final Dataset bids = eddy.memoryStream(BIDS).toDF();

    @Test
    void when_aWindowedAggregateReadsThreeColumns_then_onlyThoseAreRead() {
        Dataset q = bids.withWatermark("ts", "5 seconds")
                .groupBy(window(col("ts"), "10 seconds"), col("auction"))
                .agg(alias(count(), "n"), alias(sum(col("price")), "total"));
        assertThat(ScanColumns.of(q.plan())).containsExactly(Set.of("ts", "auction", "price"));
    }

    @Test
    void when_aFilterSitsUnderAProjection_then_itsConditionColumnsAreReadToo() {
        Dataset q = bids.filter(gt(col("price"), lit(10L))).select("bidder");
        assertThat(ScanColumns.of(q.plan())).containsExactly(Set.of("price", "bidder"));
    }

    @Test
    void when_theSinkSeesTheScanRowsAsTheyAre_then_everyColumnIsRead() {
        assertThat(ScanColumns.of(bids.filter(gt(col("price"), lit(10L))).plan()))
                .containsExactly((Set<String>) null);
    }

    @Test
    void when_aJavaLambdaSeesTheRows_then_everyColumnBelowItIsRead() {
        Dataset q = bids.filter(r -> r.getLong(0) > 1).select("bidder");
        assertThat(ScanColumns.of(q.plan())).containsExactly((Set<String>) null);
    }

    @Test
    void when_dropDuplicatesHasNoColumns_then_everyColumnIsRead_andWithColumns_thoseAndTheParentsAre() {
        assertThat(ScanColumns.of(bids.dropDuplicates().select("price").plan())).containsExactly((Set<String>) null);
        assertThat(ScanColumns.of(bids.dropDuplicates("auction").select("price").plan()))
                .containsExactly(Set.of("auction", "price"));
    }

    @Test
    void when_twoStreamsAreUnioned_then_eachDeliversEveryColumn() {
        Dataset q = bids.union(eddy.memoryStream(BIDS).toDF()).select("price");
        assertThat(ScanColumns.of(q.plan())).containsExactly(null, null);
    }
}
