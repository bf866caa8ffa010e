package dev.eddy.streaming.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.ExactStringColumn;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.internal.table.Tables;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.StringColumn;

/**
 * A result table (memory sink, foreachBatch, CSV table) keeps Spark's empty text apart from NULL: Tablesaw's
 * StringColumn reads '' as missing, so a column holding '' is an ExactStringColumn (the stream differential found
 * {@code substring(k, v, n)} past the end, '' in Spark, read back as NULL).
 */
class EmptyTextResultTableTest {
    private static final Schema S = Schema.of(Field.of("s", DataType.STRING));

    @Test
    void when_aResultHoldsAnEmptyText_then_theTableKeepsItApartFromNull() {
        var b = Batch.builder(S, 3);
        b.setValue(0, "").endRow();
        b.setNull(0).endRow();
        b.setValue(0, "a").endRow();
        var table = Tables.toTable("t", b.build());
        assertThat(table.column("s")).isInstanceOf(ExactStringColumn.class);
        assertThat(table.column("s").get(0)).isEqualTo("");
        assertThat(table.column("s").isMissing(0)).isFalse();
        assertThat(table.column("s").isMissing(1)).isTrue();
        assertThat(table.column("s").get(2)).isEqualTo("a");
        Batch back = Tables.fromTable(table);
        assertThat(back.column(0).get(0)).isEqualTo("");
        assertThat(back.column(0).isNull(1)).isTrue();
    }

    @Test
    void when_noValueIsEmpty_then_theColumnStaysAStringColumn() {
        var b = Batch.builder(S, 2);
        b.setValue(0, "a").endRow();
        b.setNull(0).endRow();
        assertThat(Tables.toTable("t", b.build()).column("s")).isInstanceOf(StringColumn.class);
    }
}
