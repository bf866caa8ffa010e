package dev.eddy.streaming.api.data;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.instant.InstantColumnType;

/**
 * A TIMESTAMP column of a result table (batch SQL, a memory sink, foreachBatch) that keeps microseconds. Tablesaw's
 * InstantColumn stores milliseconds, so Spark's {@code 2024-01-15 10:30:00.123456} would read and show as {@code
 * .123}; this column holds the instants themselves. Its type is {@link ColumnType#INSTANT}, {@code get} gives the
 * instant and {@code getString} its ISO-8601 UTC text with {@code Z} ({@code 2024-01-15T10:30:00.123456Z}), as an
 * InstantColumn shows its values. Used only for result columns that hold a finer fraction than the millisecond
 * or a year past 32767 (others stay InstantColumns; {@link #needed}); a copy or a selection of rows keeps it.
 */
public final class ExactInstantColumn extends ExactColumn<ExactInstantColumn, Instant> {
    private ExactInstantColumn(String name, List<Instant> values) {
        super(ColumnType.INSTANT, name, InstantColumnType.DEFAULT_PARSER, values);
    }

    public static ExactInstantColumn create(String name) {
        return new ExactInstantColumn(name, new ArrayList<>());
    }

    /** Whether an instant has a finer fraction than the millisecond (an InstantColumn would cut it). */
    public static boolean finerThanMillis(Instant i) {
        return i.getNano() % 1_000_000 != 0;
    }

    /**
     * Whether an InstantColumn would show {@code i} as another instant: a finer fraction than the millisecond, or a
     * year past -32768..32767 (it packs the year in a short: Spark's {@code timestampadd(MONTH, 1000001, ts)}, year
     * 85357, read as 19821).
     */
    public static boolean needed(Instant i) {
        int year = i.atOffset(ZoneOffset.UTC).getYear();
        return finerThanMillis(i) || year < Short.MIN_VALUE || year > Short.MAX_VALUE;
    }

    @Override
    protected ExactInstantColumn make(String name, List<Instant> values) {
        return new ExactInstantColumn(name, values);
    }

    @Override
    public String getString(int row) {
        Instant v = get(row);
        return v == null ? "" : v.toString();
    }

    @Override
    public ExactInstantColumn appendObj(Object value) {
        return append((Instant) value);
    }

    @Override
    public ExactInstantColumn appendCell(String value) {
        return append(value == null || value.isEmpty() ? (Instant) null : Instant.parse(value));
    }

    @Override
    public ExactInstantColumn append(Column<Instant> other, int row) {
        return append(other.isMissing(row) ? null : other.get(row));
    }

    @Override
    public ExactInstantColumn set(int row, Column<Instant> other, int otherRow) {
        return set(row, other.isMissing(otherRow) ? null : other.get(otherRow));
    }

    @Override
    public Instant[] asObjectArray() {
        return asList().toArray(new Instant[0]);
    }

    @Override
    public int byteSize() {
        return Long.BYTES;
    }
}
