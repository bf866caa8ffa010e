package dev.eddy.sql.diff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The streaming differential's generator draws the shapes it claims, in shapes Spark runs. */
class StreamCaseGeneratorTest {
    /**
     * A join on windows under {@code GROUP BY w} with one side unwatermarked runs in Spark only when the grouped side
     * (the preserved one's w) keeps its watermark: most such cases leave the other side unwatermarked, a few the
     * grouped one (which both engines refuse).
     */
    @Test
    void when_aJoinOnWindowsUnderGroupByWLosesAWatermark_then_mostlyTheSideNotGrouped() {
        int runnable = 0;
        int refusable = 0;
        for (int i = 0; i < 6000; i++) {
            StreamCase c = StreamCaseGenerator.generate(SparkStreamDifferentialIT.SEED * 7_919L + i);
            if (c.join() == null
                    || c.join().windowSize() == 0
                    || !c.aggregate()
                    || !c.delays().contains(-1)) {
                continue;
            }
            assertThat(c.shape()).contains("aggregation by w (one side unwatermarked)");
            int grouped = c.join().type().equals("right") ? 1 : 0;
            if (c.delays().get(grouped) >= 0) {
                runnable++;
            } else {
                refusable++;
            }
        }
        assertThat(runnable).as("cases Spark runs").isGreaterThan(3 * refusable);
        assertThat(refusable).as("cases both refuse").isPositive();
    }
}
