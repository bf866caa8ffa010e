package dev.eddy.streaming.api.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NullColumnsTest {
    private static final List<Field> FIELDS = EveryType.FIELDS;

    @Test
    void when_nullColumnsOfManySizesAreMade_then_everyRowOfEveryTypeIsNull() {
        for (int n : new int[] {0, 1, 63, 64, 65, 1000, 500_000, NullArrays.MAX_SHARED + 1}) {
            for (Field f : FIELDS) {
                Column c = Column.nulls(f, n);
                assertThat(c.size()).isEqualTo(n);
                assertThat(c.type()).isEqualTo(f.type());
                for (int r : new int[] {0, n / 2, n - 1}) {
                    if (r >= 0 && r < n) {
                        assertThat(c.isNull(r)).as("%s row %d of %d", f, r, n).isTrue();
                        assertThat(c.get(r)).isNull();
                    }
                }
            }
        }
    }

    @Test
    void when_twoBatchesLeaveAColumnNull_then_theyShareItsArrays_insteadOfOnePerBatch() {
        Schema schema = Schema.of(
                Field.of("v", DataType.LONG), Field.of("meta", DataType.LONG), Field.of("raw", DataType.STRING));
        Batch first = build(schema, 1000);
        Batch second = build(schema, 700);

        LongColumn a = (LongColumn) first.column("meta");
        LongColumn b = (LongColumn) second.column("meta");
        assertThat(b.values()).isSameAs(a.values());
        assertThat(b.nullBitmap()).isSameAs(a.nullBitmap());
        assertThat(((StringColumn) second.column("raw")).values())
                .isSameAs(((StringColumn) first.column("raw")).values());
        // the column that was written keeps its own values
        assertThat(((LongColumn) second.column("v")).getLong(699)).isEqualTo(699);
        assertThat(second.row(699).isNull("meta")).isTrue();
    }

    @Test
    void when_aNullColumnIsGathered_then_theResultIsStillAllNull() {
        Column c = Column.nulls(Field.of("l", DataType.LONG), 100);
        Column g = c.gather(new int[] {99, 0, 5}, 3);
        assertThat(g.size()).isEqualTo(3);
        assertThat(g.isNull(0) && g.isNull(1) && g.isNull(2)).isTrue();
    }

    private static Batch build(Schema schema, int rows) {
        BatchBuilder b = Batch.builder(schema, rows).leaveNull(1).leaveNull(2);
        for (int i = 0; i < rows; i++) {
            b.setLong(0, i).setLong(1, i).setString(2, "x").endRow();
        }
        return b.build();
    }
}
