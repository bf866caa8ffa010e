package dev.eddy.magics.internal.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class HtmlTableTest {
    @Test
    void when_tableHasMarkupNumbersAndTooManyRows_then_escapedRightAlignedCappedAndMarked() {
        Table t = Table.create("t", StringColumn.create("name", "<b>x</b>", "y", "z"), IntColumn.create("n", 1, 2, 3));
        String html = HtmlTable.html(t, 2, Set.of(1));
        assertThat(html).contains("&lt;b&gt;x&lt;/b&gt;").doesNotContain("<b>x");
        assertThat(html)
                .contains("<td style=\"text-align:right\">2</td>")
                .contains("<td style=\"text-align:left\">y</td>");
        assertThat(html).doesNotContain(">z<").contains("1 more rows");
        assertThat(html.split("eddy-changed", -1)).hasSize(2); // only row 1 is marked
        String plain = HtmlTable.plain(t, 2, Set.of(1));
        assertThat(plain).contains("1 more rows").contains("* ");
    }
}
