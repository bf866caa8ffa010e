package dev.eddy.streaming.api.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.Selection;

class ExactDateColumnTest {
    /** Spark's date_add(DATE '2024-01-01', 2147483647): the INT of days wraps around. */
    private static final LocalDate FAR = LocalDate.parse("-5877587-06-21");

    private static final LocalDate EARLY = LocalDate.of(1, 1, 15);

    private static ExactDateColumn farEarlyNull() {
        return ExactDateColumn.create("d").append(FAR).append(EARLY).appendMissing();
    }

    @Test
    void when_aDateIsPastTablesawsYearsOrUnpadded_then_onlyThisColumnShowsItAsSpark() {
        assertThat(ExactDateColumn.needed(FAR)).isTrue();
        assertThat(ExactDateColumn.needed(LocalDate.of(123456, 1, 1))).isTrue();
        assertThat(ExactDateColumn.needed(LocalDate.of(10000, 1, 1))).isTrue();
        assertThat(ExactDateColumn.needed(EARLY)).isTrue();
        assertThat(ExactDateColumn.needed(LocalDate.of(-29981, 1, 1))).isTrue();
        assertThat(ExactDateColumn.needed(LocalDate.of(1000, 1, 1))).isFalse();
        assertThat(ExactDateColumn.needed(LocalDate.of(9999, 12, 31))).isFalse();
        ExactDateColumn c = farEarlyNull().append(LocalDate.of(10000, 1, 15));
        assertThat(c.type()).isEqualTo(ColumnType.LOCAL_DATE);
        assertThat(c.getString(0)).isEqualTo("-5877587-06-21");
        assertThat(c.getString(1)).isEqualTo("0001-01-15");
        assertThat(c.getString(2)).isEmpty();
        assertThat(c.getString(3)).isEqualTo("+10000-01-15");
        // what Tablesaw's own column does with them (the reason this column exists)
        DateColumn plain = DateColumn.create("d").append(EARLY).append(LocalDate.of(10000, 1, 15));
        assertThat(plain.getString(0)).isNotEqualTo("0001-01-15");
        assertThat(plain.getString(1)).isNotEqualTo("+10000-01-15");
    }

    @Test
    void when_rowsAreSelectedCopiedOrSubset_then_theDatesStay() {
        ExactDateColumn c = farEarlyNull();
        assertThat(c.where(Selection.with(0, 2)).asList()).containsExactly(FAR, null);
        assertThat(c.subset(new int[] {1, 0}).asList()).containsExactly(EARLY, FAR);
        assertThat(c.copy().asList()).containsExactly(FAR, EARLY, null);
        assertThat(c.emptyCopy(2).asList()).containsExactly(null, null);
        assertThat(c.isMissing().toArray()).containsExactly(2);
        assertThat(c.appendCell("-5877587-06-21").get(3)).isEqualTo(FAR);
    }

    @Test
    void when_aTableHoldsTheColumn_then_itsRowsSortInDateOrder() {
        Table t = Table.create("r", farEarlyNull());
        assertThat(new ArrayList<Object>(t.sortOn("d").column("d").asList())).containsExactly(null, FAR, EARLY);
        assertThat(new ArrayList<Object>(t.sortDescendingOn("d").column("d").asList()))
                .containsExactly(EARLY, FAR, null);
    }
}
