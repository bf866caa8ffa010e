package dev.eddy.streaming.api.data;

import it.unimi.dsi.fastutil.ints.IntComparator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.AbstractColumn;
import tech.tablesaw.columns.AbstractColumnParser;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.instant.InstantColumnType;
import tech.tablesaw.selection.BitmapBackedSelection;
import tech.tablesaw.selection.Selection;

/**
 * A TIMESTAMP column of a result table (batch SQL, a memory sink, foreachBatch) that keeps microseconds. Tablesaw's
 * InstantColumn stores milliseconds, so Spark's {@code 2024-01-15 10:30:00.123456} would read and show as {@code
 * .123}; this column holds the instants themselves. Its type is {@link ColumnType#INSTANT}, {@code get} gives the
 * instant and {@code getString} its ISO-8601 UTC text with {@code Z} ({@code 2024-01-15T10:30:00.123456Z}), as an
 * InstantColumn shows its values. Used only for result columns that hold a finer fraction than the millisecond
 * (others stay InstantColumns); a copy or a selection of rows keeps it.
 */
public final class ExactInstantColumn extends AbstractColumn<ExactInstantColumn, Instant> {
    private final List<Instant> values;

    private ExactInstantColumn(String name, List<Instant> values) {
        super(ColumnType.INSTANT, name, InstantColumnType.DEFAULT_PARSER);
        this.values = values;
    }

    public static ExactInstantColumn create(String name) {
        return new ExactInstantColumn(name, new ArrayList<>());
    }

    /** Whether an instant has a finer fraction than the millisecond (an InstantColumn would cut it). */
    public static boolean finerThanMillis(Instant i) {
        return i.getNano() % 1_000_000 != 0;
    }

    @Override
    public Instant get(int row) {
        return values.get(row);
    }

    @Override
    public String getString(int row) {
        Instant v = values.get(row);
        return v == null ? "" : v.toString();
    }

    @Override
    public String getUnformattedString(int row) {
        return getString(row);
    }

    @Override
    public boolean isMissing(int row) {
        return values.get(row) == null;
    }

    @Override
    public int size() {
        return values.size();
    }

    @Override
    public ExactInstantColumn append(Instant value) {
        values.add(value);
        return this;
    }

    @Override
    public ExactInstantColumn appendObj(Object value) {
        return append((Instant) value);
    }

    @Override
    public ExactInstantColumn appendMissing() {
        return append((Instant) null);
    }

    @Override
    public ExactInstantColumn appendCell(String value) {
        return append(value == null || value.isEmpty() ? (Instant) null : Instant.parse(value));
    }

    @Override
    public ExactInstantColumn appendCell(String value, AbstractColumnParser<?> parser) {
        return appendObj(parser.parse(value));
    }

    @Override
    public ExactInstantColumn append(Column<Instant> other) {
        for (int i = 0; i < other.size(); i++) {
            append(other.isMissing(i) ? null : other.get(i));
        }
        return this;
    }

    @Override
    public ExactInstantColumn append(Column<Instant> other, int row) {
        return append(other.isMissing(row) ? null : other.get(row));
    }

    @Override
    public ExactInstantColumn set(int row, Instant value) {
        values.set(row, value);
        return this;
    }

    @Override
    public ExactInstantColumn set(int row, Column<Instant> other, int otherRow) {
        return set(row, other.isMissing(otherRow) ? null : other.get(otherRow));
    }

    @Override
    public ExactInstantColumn setMissing(int row) {
        return set(row, null);
    }

    @Override
    public ExactInstantColumn emptyCopy() {
        return create(name());
    }

    /** A column of {@code rowSize} NULLs (Tablesaw fills such copies with set(row, value)). */
    @Override
    public ExactInstantColumn emptyCopy(int rowSize) {
        return new ExactInstantColumn(name(), new ArrayList<>(Collections.nCopies(rowSize, (Instant) null)));
    }

    @Override
    public ExactInstantColumn copy() {
        return new ExactInstantColumn(name(), new ArrayList<>(values));
    }

    @Override
    public ExactInstantColumn lag(int n) {
        ExactInstantColumn out = create(name() + " lag(" + n + ")");
        for (int i = 0; i < size(); i++) {
            int from = i - n;
            out.append(from >= 0 && from < size() ? values.get(from) : null);
        }
        return out;
    }

    @Override
    public ExactInstantColumn removeMissing() {
        ExactInstantColumn out = create(name());
        values.stream().filter(Objects::nonNull).forEach(out::append);
        return out;
    }

    @Override
    public ExactInstantColumn unique() {
        return new ExactInstantColumn(name() + " Unique values", new ArrayList<>(new LinkedHashSet<>(values)));
    }

    @Override
    public ExactInstantColumn where(Selection selection) {
        ExactInstantColumn out = create(name());
        for (int row : selection) {
            out.append(values.get(row));
        }
        return out;
    }

    @Override
    public ExactInstantColumn subset(int[] rows) {
        ExactInstantColumn out = create(name());
        for (int row : rows) {
            out.append(values.get(row));
        }
        return out;
    }

    @Override
    public IntComparator rowComparator() {
        return (a, b) -> compare(values.get(a), values.get(b));
    }

    @Override
    public int compare(Instant a, Instant b) {
        return Comparator.nullsFirst(Comparator.<Instant>naturalOrder()).compare(a, b);
    }

    @Override
    public Iterator<Instant> iterator() {
        return Collections.unmodifiableList(values).iterator();
    }

    @Override
    public Instant[] asObjectArray() {
        return values.toArray(new Instant[0]);
    }

    @Override
    public Set<Instant> asSet() {
        return new HashSet<>(values);
    }

    @Override
    public Table summary() {
        return Table.create(
                name(),
                StringColumn.create("Measure", "Count", "Missing"),
                StringColumn.create("Value", String.valueOf(size()), String.valueOf(countMissing())));
    }

    @Override
    public boolean equals(int rowA, int rowB) {
        return Objects.equals(values.get(rowA), values.get(rowB));
    }

    @Override
    public int valueHash(int row) {
        return Objects.hashCode(values.get(row));
    }

    @Override
    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public byte[] asBytes(int row) {
        return getString(row).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int countMissing() {
        return (int) values.stream().filter(Objects::isNull).count();
    }

    @Override
    public int countUnique() {
        return new HashSet<>(values).size();
    }

    @Override
    public void clear() {
        values.clear();
    }

    @Override
    public void sortAscending() {
        values.sort(Comparator.nullsFirst(Comparator.naturalOrder()));
    }

    @Override
    public void sortDescending() {
        values.sort(Comparator.nullsLast(Comparator.<Instant>reverseOrder()));
    }

    @Override
    public Selection isMissing() {
        Selection s = new BitmapBackedSelection();
        for (int i = 0; i < size(); i++) {
            if (values.get(i) == null) {
                s.add(i);
            }
        }
        return s;
    }

    @Override
    public Selection isNotMissing() {
        Selection s = new BitmapBackedSelection();
        for (int i = 0; i < size(); i++) {
            if (values.get(i) != null) {
                s.add(i);
            }
        }
        return s;
    }

    @Override
    public int byteSize() {
        return Long.BYTES;
    }
}
