package dev.eddy.streaming.api.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class BatchBuilderTest {
    private final Schema schema = Schema.of(
            Field.of("ts", DataType.TIMESTAMP),
            Field.of("n", DataType.LONG),
            Field.of("word", DataType.STRING),
            Field.of("x", DataType.DOUBLE));

    @Test
    void when_rowsAreAddedAndColumnsSkipped_then_skippedColumnsAreNull() {
        BatchBuilder b = Batch.builder(schema, 1);
        b.setTimestampMicros(0, 5).setLong(1, 7).setString(2, "cat").endRow();
        b.addRow(Instant.ofEpochSecond(1), null, null, 2.5);
        for (int i = 0; i < 100; i++) {
            b.setLong(1, i).endRow();
        }
        Batch batch = b.build();

        assertThat(batch.numRows()).isEqualTo(102);
        assertThat(batch.row(0).getLong("n")).isEqualTo(7);
        assertThat(batch.row(0).isNull("x")).isTrue();
        assertThat(batch.row(1).getLong("ts")).isEqualTo(1_000_000L);
        assertThat(batch.row(1).isNull("n")).isTrue();
        assertThat(batch.row(1).getDouble("x")).isEqualTo(2.5);
        assertThat(batch.row(101).getLong("n")).isEqualTo(99);
        assertThat(batch.row(101).isNull("ts")).isTrue();
        assertThat(((LongColumn) batch.column("n")).values()[101]).isEqualTo(99);
    }

    @Test
    void when_aColumnIsLeftNull_then_itsWritesAreIgnored_andEveryRowOfItIsNull() {
        BatchBuilder b = Batch.builder(schema, 1).leaveNull(1).leaveNull(2);
        for (int i = 0; i < 100; i++) {
            b.setTimestampMicros(0, i).setLong(1, i).setString(2, "w" + i).endRow();
        }
        b.addRow(1L, 2L, "x", 3.0);
        Batch batch = b.build();

        assertThat(batch.numRows()).isEqualTo(101);
        for (int r = 0; r < 101; r++) {
            assertThat(batch.row(r).isNull("n")).isTrue();
            assertThat(batch.row(r).isNull("word")).isTrue();
        }
        assertThat(batch.row(99).getLong("ts")).isEqualTo(99);
        assertThat(batch.row(100).getDouble("x")).isEqualTo(3.0);
    }

    @Test
    void when_valueHasWrongType_then_errorNamesColumn() {
        assertThatThrownBy(() -> Batch.builder(schema).addRow(1L, "seven", "a", 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'n'");
    }

    @Test
    void when_aRowIsClearedHalfWayOrAValueIsNulledAgain_then_itsNullSlotsHoldZero_asEveryNullDoes() {
        Schema schema = Schema.of(
                Field.of("l", DataType.LONG),
                Field.of("i", DataType.INT),
                Field.of("d", DataType.DOUBLE),
                Field.of("s", DataType.STRING));
        BatchBuilder b = Batch.builder(schema, 4);
        b.setLong(0, 7)
                .setInt(1, 8)
                .setDouble(2, 9.5)
                .setString(3, "x")
                .clearRow()
                .endRow(); // a decoder gave up
        b.setLong(0, 5).setNull(0).setInt(1, 6).endRow(); // a duplicate field: 5, then null
        b.endRow();
        Batch batch = b.build();
        LongColumn l = (LongColumn) batch.column(0);
        IntColumn i = (IntColumn) batch.column(1);
        DoubleColumn d = (DoubleColumn) batch.column(2);
        for (int r = 0; r < 3; r++) {
            assertThat(l.isNull(r)).isTrue();
            assertThat(l.values()[r]).as("long slot %d", r).isZero(); // operators hash keys by their slots
            assertThat(d.isNull(r)).isTrue();
            assertThat(d.values()[r]).as("double slot %d", r).isZero();
            assertThat(batch.column(3).get(r)).isNull();
        }
        assertThat(i.isNull(0)).isTrue();
        assertThat(i.values()[0]).isZero();
        assertThat(i.get(1)).isEqualTo(6);
    }

    @Test
    void when_addRowFailsHalfway_then_theNextRowIsClean() {
        BatchBuilder b = Batch.builder(schema);
        assertThatThrownBy(() -> b.addRow(null, "not a number", "x", 1.0)).isInstanceOf(IllegalArgumentException.class);
        b.addRow(7L, 8L, "ok", 2.0);
        Batch batch = b.build();
        assertThat(batch.numRows()).isEqualTo(1);
        assertThat(batch.row(0).values()).containsExactly(7L, 8L, "ok", 2.0);
    }

    @Test
    void when_batchIsGathered_then_rowsAndNullsFollow() {
        Batch batch = Batch.builder(schema)
                .addRow(1L, 1L, "a", null)
                .addRow(2L, null, "b", 2.0)
                .addRow(3L, 3L, null, 3.0)
                .build();
        Batch g = batch.gather(new int[] {2, 1}, 2);
        assertThat(g.toRows())
                .extracting(Row::values)
                .containsExactly(new Object[] {3L, 3L, null, 3.0}, new Object[] {2L, null, "b", 2.0});
    }

    @Test
    void when_structColumnIsBuilt_then_childrenAreReadable() {
        Schema s = Schema.of(
                Field.struct("window", Field.of("start", DataType.TIMESTAMP), Field.of("end", DataType.TIMESTAMP)),
                Field.of("count", DataType.LONG));
        Batch b = Batch.builder(s).addRow(new Object[] {10L, 20L}, 3L).build();
        assertThat(b.row(0).getStruct("window").getLong("end")).isEqualTo(20L);
        assertThat(((StructColumn) b.column(0)).child("start").get(0)).isEqualTo(10L);
    }

    @Test
    void when_columnsAreWrittenInRuns_then_eachRowHasItsRunsValueAndARowNoRunCoversFailsTheBuild() {
        Schema s = Schema.of(
                Field.of("n", DataType.LONG), Field.of("topic", DataType.STRING), Field.of("part", DataType.INT));
        BatchBuilder b = Batch.builder(s, 2).writeInRuns(1).writeInRuns(2);
        for (int i = 0; i < 70; i++) {
            b.setLong(0, i).endRow();
        }
        b.fillRun(1, 0, 3, "a").fillRun(2, 0, 3, 0);
        b.fillRun(1, 3, 70, "b").fillRun(2, 3, 70, null);
        Batch batch = b.build();

        assertThat(batch.numRows()).isEqualTo(70);
        assertThat(batch.row(2).getString("topic")).isEqualTo("a");
        assertThat(batch.row(2).getInt("part")).isEqualTo(0);
        assertThat(batch.row(2).isNull("part")).isFalse();
        assertThat(batch.row(3).getString("topic")).isEqualTo("b");
        assertThat(batch.row(69).getString("topic")).isEqualTo("b");
        assertThat(batch.row(69).isNull("part")).isTrue();
        assertThat(batch.row(69).getLong("n")).isEqualTo(69);

        BatchBuilder partly = Batch.builder(s, 2).writeInRuns(1);
        partly.setLong(0, 1).endRow().setLong(0, 2).endRow();
        partly.fillRun(1, 0, 1, "a");
        assertThatThrownBy(partly::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("column 'topic' is written in runs, but they cover 1 of 2 rows");
    }
}
