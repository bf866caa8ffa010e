package dev.eddy.streaming.api.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.Selection;

class ExactInstantColumnTest {
    private static final Instant A = Instant.parse("2024-01-15T10:30:00.123456Z");
    private static final Instant B = Instant.parse("1969-12-31T23:59:59.999999Z");

    private static ExactInstantColumn abNull() {
        return ExactInstantColumn.create("t").append(A).append(B).appendMissing();
    }

    @Test
    void when_rowsAreSelectedCopiedOrSubset_then_theMicrosecondsStay() {
        ExactInstantColumn c = abNull();
        assertThat(c.where(Selection.with(0, 2)).asList()).containsExactly(A, null);
        assertThat(c.subset(new int[] {1, 0}).asList()).containsExactly(B, A);
        assertThat(c.copy().asList()).containsExactly(A, B, null);
        assertThat(c.emptyCopy(2).asList()).containsExactly(null, null);
        assertThat(c.lag(1).asList()).containsExactly(null, A, B);
        assertThat(c.getString(0)).isEqualTo("2024-01-15T10:30:00.123456Z");
        assertThat(c.getString(2)).isEmpty();
    }

    /** Tablesaw's InstantColumn packs the year in a short: year 85357 would read as 19821. */
    @Test
    void when_anInstantIsPastTablesawsYears_then_onlyThisColumnKeepsIt() {
        Instant far = Instant.parse("+85357-06-30T00:00:00Z");
        assertThat(ExactInstantColumn.needed(far)).isTrue();
        assertThat(ExactInstantColumn.needed(Instant.parse("-40000-01-01T00:00:00Z")))
                .isTrue();
        assertThat(ExactInstantColumn.needed(Instant.parse("2024-01-15T10:30:00.123Z")))
                .isFalse();
        assertThat(ExactInstantColumn.needed(Instant.parse("2024-01-15T10:30:00.123456Z")))
                .isTrue();
        assertThat(ExactInstantColumn.create("t").append(far).getString(0)).isEqualTo("+85357-06-30T00:00:00Z");
    }

    @Test
    void when_aRowIsNull_then_onlyItIsMissing() {
        ExactInstantColumn c = abNull();
        assertThat(c.isMissing().toArray()).containsExactly(2);
        assertThat(c.isNotMissing().toArray()).containsExactly(0, 1);
        assertThat(c.countMissing()).isEqualTo(1);
        assertThat(c.removeMissing().asList()).containsExactly(A, B);
    }

    @Test
    void when_sorted_then_nullsComeFirstAscendingAndLastDescending() {
        ExactInstantColumn up = abNull();
        up.sortAscending();
        assertThat(up.asList()).containsExactly(null, B, A);
        ExactInstantColumn down = abNull();
        down.sortDescending();
        assertThat(down.asList()).containsExactly(A, B, null);
    }

    @Test
    void when_aTableHoldsTheColumn_then_itsRowsAreSortedAndFilteredWithTheirMicroseconds() {
        Table t = Table.create("r", abNull());
        assertThat(new ArrayList<Object>(t.sortOn("t").column("t").asList())).containsExactly(null, B, A);
        assertThat(new ArrayList<Object>(
                        t.dropRowsWithMissingValues().column("t").asList()))
                .containsExactly(A, B);
    }
}
