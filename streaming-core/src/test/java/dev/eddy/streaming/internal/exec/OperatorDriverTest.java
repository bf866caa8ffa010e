package dev.eddy.streaming.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.internal.ops.AbstractOperator;
import dev.eddy.streaming.internal.ops.BatchContext;
import dev.eddy.streaming.internal.ops.Operator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorDriverTest {
    private static final Schema S = Schema.of(Field.of("v", DataType.LONG));

    /** Records its call, then outputs one row: its id, or the sum of its inputs' values plus its id. */
    private static final class Probe extends AbstractOperator {
        private final long id;
        private final List<String> calls;
        final List<List<Long>> seen = new ArrayList<>();

        Probe(long id, List<String> calls, Operator... children) {
            super(S, children);
            this.id = id;
            this.calls = calls;
        }

        @Override
        public Batch process(List<Batch> inputs, BatchContext ctx) {
            calls.add(id + "@" + ctx.batchId());
            List<Long> values = new ArrayList<>();
            long sum = id;
            for (Batch b : inputs) {
                values.add(b.row(0).getLong(0));
                sum += b.row(0).getLong(0);
            }
            seen.add(values);
            return Batch.of(S, LongColumn.of(new long[] {sum}));
        }

        @Override
        public String describe() {
            return "probe " + id;
        }
    }

    private static BatchContext ctx(long batchId) {
        return new BatchContext(batchId, BatchContext.NO_WATERMARK, new Batch[0], OutputMode.APPEND, 0);
    }

    @Test
    void when_aBatchRuns_then_everyOperatorProcessesOnceChildrenFirstWithItsChildrensOutputsInOrder() {
        List<String> calls = new ArrayList<>();
        Probe a = new Probe(1, calls);
        Probe b = new Probe(10, calls);
        Probe join = new Probe(100, calls, a, b);
        Probe root = new Probe(1000, calls, join);
        OperatorDriver driver = new OperatorDriver(root);

        Batch out = driver.run(ctx(0));
        driver.run(ctx(1));

        assertThat(calls).containsExactly("1@0", "10@0", "100@0", "1000@0", "1@1", "10@1", "100@1", "1000@1");
        assertThat(join.seen.get(0)).containsExactly(1L, 10L);
        assertThat(root.seen.get(0)).containsExactly(111L);
        assertThat(out.row(0).getLong(0)).isEqualTo(1111L);
    }

    @Test
    void when_anOperatorAppearsTwiceInTheTree_then_theDriverRefusesThePlan() {
        Probe shared = new Probe(1, new ArrayList<>());
        Probe root = new Probe(2, new ArrayList<>(), shared, shared);
        assertThatThrownBy(() -> new OperatorDriver(root))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("probe 1 appears twice");
    }
}
