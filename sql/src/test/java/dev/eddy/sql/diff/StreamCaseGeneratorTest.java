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

    /**
     * About a fifth of the SQL cases without a join get the eval-order expressions and the text column s, on every row
     * of every input; the other cases keep their three columns.
     */
    @Test
    void when_evalOrderIsDrawn_then_everyRowHasItsTextAndTheQueryItsItems() {
        int eligible = 0;
        int drawn = 0;
        for (int i = 0; i < 2000; i++) {
            long seed = SparkStreamDifferentialIT.SEED * 7_919L + i;
            StreamCase c = StreamEvalOrder.drawn(StreamCaseGenerator.generate(seed), seed);
            if (c.join() == null && !c.javaApi()) {
                eligible++;
            }
            int width = c.eval() == null ? 3 : 4;
            assertThat(c.columns()).hasSize(width);
            for (StreamCase.Step st : c.steps()) {
                if (st.rows() != null) {
                    st.rows()
                            .forEach(rows -> assertThat(rows)
                                    .allSatisfy(r -> assertThat(r).hasSize(width)));
                }
            }
            if (c.eval() != null) {
                drawn++;
                assertThat(c.join()).isNull();
                assertThat(c.shape()).contains("with eval order");
                assertThat(c.sql()).contains(" AS e0").contains(c.eval().items().get(0));
                if (c.eval().where() != null) {
                    assertThat(c.sql()).contains(c.eval().where());
                }
            }
        }
        assertThat(drawn).isBetween(eligible / 7, eligible / 3);
    }
}
