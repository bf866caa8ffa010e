package dev.eddy.streaming.api.data;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.dates.DateColumnType;

/**
 * A DATE column of a result table (batch SQL, a memory sink, foreachBatch, a CSV table) that holds any of Spark's
 * dates and shows them as Spark does. Tablesaw's DateColumn packs the year in a short, so a year past -32768..32767
 * (Spark's DATE reaches about ±5,877,000 years: {@code date_add(d, 2147483647)} is {@code -5877587-06-21}) would be
 * another date, and its text has no padding or sign ({@code 0001-01-15} shows as {@code 1-01-15}, {@code
 * +10000-01-15} as {@code 10000-01-15}). Its type is {@link ColumnType#LOCAL_DATE}, {@code get} gives the
 * {@link LocalDate} and {@code getString} Spark's text ({@link Days#format}). Used only for result columns holding
 * such a date ({@link #needed}); ordinary dates stay in DateColumns.
 */
public final class ExactDateColumn extends ExactColumn<ExactDateColumn, LocalDate> {
    private ExactDateColumn(String name, List<LocalDate> values) {
        super(ColumnType.LOCAL_DATE, name, DateColumnType.DEFAULT_PARSER, values);
    }

    public static ExactDateColumn create(String name) {
        return new ExactDateColumn(name, new ArrayList<>());
    }

    /**
     * Whether a DateColumn would hold or show {@code d} otherwise than Spark: a year before 1000 or after 9999 (its
     * text is then unpadded or unsigned; past -32768..32767 the date itself is lost).
     */
    public static boolean needed(LocalDate d) {
        return d.getYear() < 1000 || d.getYear() > 9999;
    }

    @Override
    protected ExactDateColumn make(String name, List<LocalDate> values) {
        return new ExactDateColumn(name, values);
    }

    @Override
    public String getString(int row) {
        LocalDate v = get(row);
        return v == null ? "" : v.toString();
    }

    @Override
    public ExactDateColumn appendObj(Object value) {
        return append((LocalDate) value);
    }

    @Override
    public ExactDateColumn appendCell(String value) {
        return append(value == null || value.isEmpty() ? (LocalDate) null : LocalDate.parse(value));
    }

    @Override
    public ExactDateColumn append(Column<LocalDate> other, int row) {
        return append(other.isMissing(row) ? null : other.get(row));
    }

    @Override
    public ExactDateColumn set(int row, Column<LocalDate> other, int otherRow) {
        return set(row, other.isMissing(otherRow) ? null : other.get(otherRow));
    }

    @Override
    public LocalDate[] asObjectArray() {
        return asList().toArray(new LocalDate[0]);
    }

    @Override
    public int byteSize() {
        return Integer.BYTES;
    }
}
