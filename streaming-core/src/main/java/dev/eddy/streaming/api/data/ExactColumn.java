package dev.eddy.streaming.api.data;

import it.unimi.dsi.fastutil.ints.IntComparator;
import java.nio.charset.StandardCharsets;
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
import tech.tablesaw.selection.BitmapBackedSelection;
import tech.tablesaw.selection.Selection;

/**
 * A column of a result table that holds its values as they are, with Java's null for NULL, where Tablesaw's own
 * column of the type would change them (an InstantColumn cuts microseconds to milliseconds, a StringColumn stores
 * NULL as ""). {@code isMissing} is true only for NULL; NULLs sort first. A copy or a selection of rows keeps the
 * values. A subclass gives its type's text ({@link #getString}, {@link #appendCell(String)}) and makes columns of
 * its kind ({@link #make}).
 *
 * @param <C> the column's own class
 * @param <T> its values' type
 */
public abstract class ExactColumn<C extends ExactColumn<C, T>, T extends Comparable<? super T>>
        extends AbstractColumn<C, T> {
    private final List<T> values;

    protected ExactColumn(ColumnType type, String name, AbstractColumnParser<T> parser, List<T> values) {
        super(type, name, parser);
        this.values = values;
    }

    /** A column of this kind named {@code name} holding {@code values} (the list itself, not a copy). */
    protected abstract C make(String name, List<T> values);

    private C self() {
        @SuppressWarnings("unchecked")
        C c = (C) this;
        return c;
    }

    @Override
    public T get(int row) {
        return values.get(row);
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
    public C append(T value) {
        values.add(value);
        return self();
    }

    @Override
    public C appendMissing() {
        return append((T) null);
    }

    @Override
    public abstract C appendObj(Object value);

    @Override
    public C appendCell(String value, AbstractColumnParser<?> parser) {
        return appendObj(parser.parse(value));
    }

    @Override
    public C append(Column<T> other) {
        for (int i = 0; i < other.size(); i++) {
            append(other.isMissing(i) ? null : other.get(i));
        }
        return self();
    }

    @Override
    public C set(int row, T value) {
        values.set(row, value);
        return self();
    }

    @Override
    public C setMissing(int row) {
        return set(row, null);
    }

    @Override
    public C emptyCopy() {
        return make(name(), new ArrayList<>());
    }

    /** A column of {@code rowSize} NULLs (Tablesaw fills such copies with set(row, value)). */
    @Override
    public C emptyCopy(int rowSize) {
        return make(name(), new ArrayList<>(Collections.nCopies(rowSize, (T) null)));
    }

    @Override
    public C copy() {
        return make(name(), new ArrayList<>(values));
    }

    @Override
    public C lag(int n) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            int from = i - n;
            out.add(from >= 0 && from < size() ? values.get(from) : null);
        }
        return make(name() + " lag(" + n + ")", out);
    }

    @Override
    public C removeMissing() {
        List<T> out = new ArrayList<>();
        values.stream().filter(Objects::nonNull).forEach(out::add);
        return make(name(), out);
    }

    @Override
    public C unique() {
        return make(name() + " Unique values", new ArrayList<>(new LinkedHashSet<>(values)));
    }

    @Override
    public C where(Selection selection) {
        List<T> out = new ArrayList<>();
        for (int row : selection) {
            out.add(values.get(row));
        }
        return make(name(), out);
    }

    @Override
    public C subset(int[] rows) {
        List<T> out = new ArrayList<>();
        for (int row : rows) {
            out.add(values.get(row));
        }
        return make(name(), out);
    }

    @Override
    public int countUnique() {
        return new HashSet<>(values).size();
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
    public IntComparator rowComparator() {
        return (a, b) -> compare(values.get(a), values.get(b));
    }

    @Override
    public int compare(T a, T b) {
        return Comparator.nullsFirst(Comparator.<T>naturalOrder()).compare(a, b);
    }

    @Override
    public Iterator<T> iterator() {
        return Collections.unmodifiableList(values).iterator();
    }

    @Override
    public Set<T> asSet() {
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
    public void clear() {
        values.clear();
    }

    @Override
    public void sortAscending() {
        values.sort(Comparator.nullsFirst(Comparator.naturalOrder()));
    }

    @Override
    public void sortDescending() {
        values.sort(Comparator.nullsLast(Comparator.<T>reverseOrder()));
    }
}
