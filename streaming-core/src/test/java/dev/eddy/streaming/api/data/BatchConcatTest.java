package dev.eddy.streaming.api.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchConcatTest {
    private static final Schema SCHEMA = Schema.of(EveryType.FIELDS);

    @Test
    void when_batchesWithNullsAreConcatenated_then_everyValueAndNullIsKeptInOrder() {
        Random rnd = new Random(42);
        List<Object[]> expected = new ArrayList<>();
        List<Batch> parts = new ArrayList<>();
        for (int size : new int[] {0, 1, 63, 64, 65, 300, 7}) {
            BatchBuilder b = Batch.builder(SCHEMA, 1);
            for (int r = 0; r < size; r++) {
                Object[] row = randomRow(rnd);
                b.addRow(row);
                expected.add(row);
            }
            parts.add(b.build());
        }
        parts.add(allNull(70, expected)); // shared all-null arrays, longer than the column

        Batch all = Batch.concat(SCHEMA, parts);

        assertThat(all.numRows()).isEqualTo(expected.size());
        for (int r = 0; r < expected.size(); r++) {
            Object[] want = expected.get(r);
            for (int c = 0; c < SCHEMA.size(); c++) {
                Object got = all.column(c).get(r);
                if (want[c] == null) {
                    assertThat(all.column(c).isNull(r))
                            .as("row %d column %d", r, c)
                            .isTrue();
                } else if (SCHEMA.field(c).type() == DataType.STRUCT) {
                    assertThat(((Row) got).values()).isEqualTo(want[c]);
                } else {
                    assertThat(got).as("row %d column %d", r, c).isEqualTo(want[c]);
                }
            }
        }
    }

    @Test
    void when_aRowFailedHalfwayBeforeABatchIsAppended_then_noNullMarkIsLeftOnTheAppendedRows() {
        Schema s = Schema.of(Field.of("a", DataType.LONG), Field.of("b", DataType.LONG));
        BatchBuilder b = Batch.builder(s, 4);
        assertThatThrownBy(() -> b.addRow(null, "not a number")).isInstanceOf(IllegalArgumentException.class);
        b.appendBatch(Batch.of(s, new Column[] {LongColumn.of(1, 2), LongColumn.of(3, 4)}));
        Batch out = b.build();
        assertThat(out.numRows()).isEqualTo(2);
        assertThat(out.column(0).get(0)).isEqualTo(1L);
        assertThat(out.column(1).get(1)).isEqualTo(4L);
    }

    private static Batch allNull(int n, List<Object[]> expected) {
        Column[] cols = new Column[SCHEMA.size()];
        for (int c = 0; c < cols.length; c++) {
            cols[c] = Column.nulls(SCHEMA.field(c), n);
        }
        for (int r = 0; r < n; r++) {
            expected.add(new Object[SCHEMA.size()]);
        }
        return Batch.of(SCHEMA, cols);
    }

    private static Object[] randomRow(Random rnd) {
        return new Object[] {
            rnd.nextInt(4) == 0 ? null : rnd.nextBoolean(),
            rnd.nextInt(4) == 0 ? null : rnd.nextInt(),
            rnd.nextInt(4) == 0 ? null : rnd.nextLong(),
            rnd.nextInt(4) == 0 ? null : rnd.nextLong() / 1000,
            rnd.nextInt(4) == 0 ? null : rnd.nextDouble(),
            rnd.nextInt(4) == 0 ? null : "s" + rnd.nextInt(100),
            rnd.nextInt(4) == 0 ? null : new Object[] {rnd.nextLong(), "y" + rnd.nextInt(9)}
        };
    }
}
