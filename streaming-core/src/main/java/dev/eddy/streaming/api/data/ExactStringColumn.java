package dev.eddy.streaming.api.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import tech.tablesaw.api.CategoricalColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.strings.StringColumnFormatter;
import tech.tablesaw.columns.strings.StringColumnType;
import tech.tablesaw.columns.strings.StringFilters;
import tech.tablesaw.columns.strings.StringMapFunctions;
import tech.tablesaw.columns.strings.StringReduceUtils;
import tech.tablesaw.selection.BitmapBackedSelection;
import tech.tablesaw.selection.Selection;

/**
 * A text column of a result (a batch query's, a streaming sink's table) that keeps the empty string apart from NULL. Tablesaw's StringColumn stores
 * NULL as "" (its missing value), so a SQL {@code ''} would read and show as NULL; this column holds Java
 * nulls for NULL. {@code isMissing} is true only for NULL, so tables show NULL as live views do and {@code ''}
 * as an empty cell. Used only for result columns that hold an empty string (others stay StringColumns). It has a
 * Tablesaw string column's filters and functions (as its AbstractStringColumn would).
 */
public final class ExactStringColumn extends ExactColumn<ExactStringColumn, String>
        implements CategoricalColumn<String>, StringFilters, StringMapFunctions, StringReduceUtils {
    private StringColumnFormatter printFormatter = new StringColumnFormatter();

    private ExactStringColumn(String name, List<String> values) {
        super(ColumnType.STRING, name, StringColumnType.DEFAULT_PARSER, values);
    }

    public static ExactStringColumn create(String name) {
        return new ExactStringColumn(name, new ArrayList<>());
    }

    /** The values of a Tablesaw string column, whose missing values are NULL here. */
    public static ExactStringColumn of(StringColumn c, List<Boolean> missing) {
        ExactStringColumn out = create(c.name());
        for (int i = 0; i < c.size(); i++) {
            out.append(missing.get(i) ? null : c.get(i));
        }
        return out;
    }

    @Override
    protected ExactStringColumn make(String name, List<String> values) {
        return new ExactStringColumn(name, values);
    }

    @Override
    public String get(int row) {
        return super.get(row);
    }

    @Override
    public String getString(int row) {
        String v = get(row);
        return v == null ? "" : v;
    }

    @Override
    public ExactStringColumn appendObj(Object value) {
        return append(value == null ? null : value.toString());
    }

    @Override
    public ExactStringColumn appendCell(String value) {
        return append(value);
    }

    // as Tablesaw's string columns: the other column's text
    @Override
    public ExactStringColumn append(Column<String> other, int row) {
        return append(other.getUnformattedString(row));
    }

    @Override
    public ExactStringColumn set(int row, Column<String> other, int otherRow) {
        return set(row, other.getUnformattedString(otherRow));
    }

    @Override
    public String[] asObjectArray() {
        return asList().toArray(new String[0]);
    }

    @Override
    public int byteSize() {
        return type().byteSize();
    }

    @Override
    public Selection isIn(String... strings) {
        return isIn(List.of(strings));
    }

    @Override
    public Selection isIn(Collection<String> strings) {
        Selection s = new BitmapBackedSelection();
        for (int i = 0; i < size(); i++) {
            if (get(i) != null && strings.contains(get(i))) {
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
            if (get(i) == null || !strings.contains(get(i))) {
                s.add(i);
            }
        }
        return s;
    }

    /** The {@code n} largest values, as a Tablesaw string column gives them. */
    public List<String> top(int n) {
        ExactStringColumn sorted = copy();
        sorted.sortDescending();
        return new ArrayList<>(sorted.asList().subList(0, n));
    }

    /** The {@code n} smallest values. */
    public List<String> bottom(int n) {
        ExactStringColumn sorted = copy();
        sorted.sortAscending();
        return new ArrayList<>(sorted.asList().subList(0, n));
    }

    public void setPrintFormatter(StringColumnFormatter formatter) {
        this.printFormatter = formatter;
    }

    public StringColumnFormatter getPrintFormatter() {
        return printFormatter;
    }
}
