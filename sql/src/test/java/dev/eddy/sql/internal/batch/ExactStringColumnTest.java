package dev.eddy.sql.internal.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.data.ExactStringColumn;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.Selection;

class ExactStringColumnTest {
    private static ExactStringColumn column() {
        return ExactStringColumn.create("s")
                .append("b")
                .append("")
                .appendMissing()
                .append("a");
    }

    @Test
    void when_aRowIsNull_then_onlyItIsMissing_andTheEmptyStringIsAValue() {
        ExactStringColumn c = column();
        assertThat(c.isMissing(2)).isTrue();
        assertThat(c.isMissing(1)).isFalse();
        assertThat(c.isMissing().toArray()).containsExactly(2);
        assertThat(c.countMissing()).isEqualTo(1);
        assertThat(c.get(1)).isEmpty();
        assertThat(c.get(2)).isNull();
        assertThat(c.getString(2)).isEmpty();
    }

    @Test
    void when_rowsAreSelectedOrSorted_then_nullAndTheEmptyStringStayApart() {
        ExactStringColumn c = column();
        assertThat(c.where(Selection.with(1, 2)).asList()).containsExactly("", null);
        assertThat(c.isIn("", "a").toArray()).containsExactly(1, 3);
        assertThat(c.isNotIn("a").toArray()).containsExactly(0, 1, 2);
        ExactStringColumn sorted = c.copy();
        sorted.sortAscending();
        assertThat(sorted.asList()).containsExactly(null, "", "a", "b");
        assertThat(column().top(2)).containsExactly("b", "a");
    }

    @Test
    void when_aTableHoldsTheColumn_then_itsStringFunctionsAnswer() {
        Table t = Table.create("r", ExactStringColumn.create("s").append("x").append("yz"));
        ExactStringColumn s = (ExactStringColumn) t.column("s");
        assertThat(new ArrayList<Object>(s.upperCase().asList())).containsExactly("X", "YZ");
        assertThat(s.startsWith("y").toArray()).containsExactly(1);
    }
}
