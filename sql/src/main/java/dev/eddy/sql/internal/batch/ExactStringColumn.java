package dev.eddy.sql.internal.batch;

import it.unimi.dsi.fastutil.ints.IntComparator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
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
import tech.tablesaw.columns.AbstractColumnParser;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.strings.AbstractStringColumn;
import tech.tablesaw.columns.strings.StringColumnType;
import tech.tablesaw.selection.BitmapBackedSelection;
import tech.tablesaw.selection.Selection;

/**
 * A text column of a batch result that keeps the empty string apart from NULL. Tablesaw's StringColumn stores
 * NULL as "" (its missing value), so a SQL {@code ''} would read and show as NULL; this column holds Java
 * nulls for NULL. {@code isMissing} is true only for NULL, so tables show NULL as live views do and {@code ''}
 * as an empty cell. Used only for result columns that hold an empty string (others stay StringColumns).
 */
public final class ExactStringColumn extends AbstractStringColumn<ExactStringColumn> {
    private final List<String> values;

    private ExactStringColumn(String name, List<String> values) {
        super(ColumnType.STRING, name, StringColumnType.DEFAULT_PARSER);
        this.values = values;
    }

    public static ExactStringColumn create(String name) {
        return new ExactStringColumn(name, new ArrayList<>());
    }

    /** The values of a Tablesaw string column, whose missing values are NULL here. */
    static ExactStringColumn of(StringColumn c, List<Boolean> missing) {
        ExactStringColumn out = create(c.name());
        for (int i = 0; i < c.size(); i++) {
            out.append(missing.get(i) ? null : c.get(i));
        }
        return out;
    }

    @Override
    public String get(int row) {
        return values.get(row);
    }

    @Override
    public String getString(int row) {
        String v = values.get(row);
        return v == null ? "" : v;
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
    public ExactStringColumn append(String value) {
        values.add(value);
        return this;
    }

    @Override
    public ExactStringColumn appendObj(Object value) {
        return append(value == null ? null : value.toString());
    }

    @Override
    public ExactStringColumn appendMissing() {
        return append((String) null);
    }

    @Override
    public ExactStringColumn appendCell(String value) {
        return append(value);
    }

    @Override
    public ExactStringColumn appendCell(String value, AbstractColumnParser<?> parser) {
        return appendObj(parser.parse(value));
    }

    @Override
    public ExactStringColumn append(Column<String> other) {
        for (int i = 0; i < other.size(); i++) {
            append(other.isMissing(i) ? null : other.get(i));
        }
        return this;
    }

    @Override
    public ExactStringColumn set(int row, String value) {
        values.set(row, value);
        return this;
    }

    @Override
    public ExactStringColumn setMissing(int row) {
        return set(row, null);
    }

    @Override
    public ExactStringColumn emptyCopy() {
        return create(name());
    }

    /** A column of {@code rowSize} NULLs (Tablesaw fills such copies with set(row, value)). */
    @Override
    public ExactStringColumn emptyCopy(int rowSize) {
        return new ExactStringColumn(name(), new ArrayList<>(Collections.nCopies(rowSize, (String) null)));
    }

    @Override
    public ExactStringColumn copy() {
        return new ExactStringColumn(name(), new ArrayList<>(values));
    }

    @Override
    public ExactStringColumn lag(int n) {
        ExactStringColumn out = create(name() + " lag(" + n + ")");
        for (int i = 0; i < size(); i++) {
            int from = i - n;
            out.append(from >= 0 && from < size() ? values.get(from) : null);
        }
        return out;
    }

    @Override
    public ExactStringColumn removeMissing() {
        ExactStringColumn out = create(name());
        values.stream().filter(Objects::nonNull).forEach(out::append);
        return out;
    }

    @Override
    public ExactStringColumn unique() {
        return new ExactStringColumn(name() + " Unique values", new ArrayList<>(new LinkedHashSet<>(values)));
    }

    @Override
    public ExactStringColumn where(Selection selection) {
        ExactStringColumn out = create(name());
        for (int row : selection) {
            out.append(values.get(row));
        }
        return out;
    }

    @Override
    public IntComparator rowComparator() {
        return (a, b) -> compare(values.get(a), values.get(b));
    }

    @Override
    public int compare(String a, String b) {
        return Comparator.nullsFirst(Comparator.<String>naturalOrder()).compare(a, b);
    }

    @Override
    public Iterator<String> iterator() {
        return Collections.unmodifiableList(values).iterator();
    }

    @Override
    public String[] asObjectArray() {
        return values.toArray(new String[0]);
    }

    @Override
    public Set<String> asSet() {
        return new HashSet<>(values);
    }

    @Override
    public Selection isIn(String... strings) {
        return isIn(List.of(strings));
    }

    @Override
    public Selection isIn(Collection<String> strings) {
        Selection s = new BitmapBackedSelection();
        for (int i = 0; i < size(); i++) {
            if (values.get(i) != null && strings.contains(values.get(i))) {
                s.add(i);
            }
        }
        return s;
    }

    @Override
    public Selection isNotIn(String... strings) {
        return isNotIn(List.of(strings));
    }

    @Override
    public Selection isNotIn(Collection<String> strings) {
        Selection s = new BitmapBackedSelection();
        for (int i = 0; i < size(); i++) {
            if (values.get(i) == null || !strings.contains(values.get(i))) {
                s.add(i);
            }
        }
        return s;
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
        values.sort(Comparator.nullsLast(Comparator.<String>reverseOrder()));
    }
}
