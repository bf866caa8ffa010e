package dev.eddy.streaming.api.data;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import java.util.BitSet;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.selection.BitmapBackedSelection;
import tech.tablesaw.selection.Selection;

/**
 * A DOUBLE column of a result table (batch SQL, a memory sink, foreachBatch) that keeps NaN apart from NULL. Tablesaw's DoubleColumn stores NULL as NaN (its
 * missing value), so Spark's {@code sqrt(-1)} (NaN) would read and show as NULL; this column remembers which rows
 * are NULL. {@code isMissing} is true only for NULL, {@code get} gives NaN for a NaN, and {@code getString} shows
 * {@code NaN}, {@code Infinity} and {@code -Infinity} as Spark does. Used only for result columns that hold a NaN
 * (others stay plain DoubleColumns); a copy or a selection of rows keeps the difference.
 */
public final class ExactDoubleColumn extends DoubleColumn {
    private final BitSet nulls;

    private ExactDoubleColumn(String name, DoubleArrayList data, BitSet nulls) {
        super(name, data);
        this.nulls = nulls;
    }

    public static ExactDoubleColumn create(String name) {
        return new ExactDoubleColumn(name, new DoubleArrayList(), new BitSet());
    }

    @Override
    public ExactDoubleColumn appendMissing() {
        nulls.set(size());
        super.append(Double.NaN);
        return this;
    }

    @Override
    public boolean isMissing(int row) {
        return nulls.get(row);
    }

    @Override
    public Double get(int row) {
        return nulls.get(row) ? null : getDouble(row);
    }

    @Override
    public String getString(int row) {
        double v = getDouble(row);
        if (nulls.get(row) || Double.isFinite(v)) {
            return super.getString(row);
        }
        return Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
    }

    @Override
    public String getUnformattedString(int row) {
        return nulls.get(row) || Double.isFinite(getDouble(row)) ? super.getUnformattedString(row) : getString(row);
    }

    @Override
    public Selection isMissing() {
        Selection s = new BitmapBackedSelection();
        nulls.stream().forEach(s::add);
        return s;
    }

    @Override
    public Selection isNotMissing() {
        Selection s = new BitmapBackedSelection();
        for (int i = nulls.nextClearBit(0); i < size(); i = nulls.nextClearBit(i + 1)) {
            s.add(i);
        }
        return s;
    }

    @Override
    public int countMissing() {
        return nulls.cardinality();
    }

    @Override
    public ExactDoubleColumn setMissing(int row) {
        nulls.set(row);
        super.set(row, Double.NaN);
        return this;
    }

    @Override
    public ExactDoubleColumn set(int row, double value) {
        nulls.clear(row);
        super.set(row, value);
        return this;
    }

    @Override
    public ExactDoubleColumn where(Selection selection) {
        ExactDoubleColumn out = create(name());
        for (int row : selection) {
            copyRow(row, out);
        }
        return out;
    }

    @Override
    public ExactDoubleColumn subset(int[] rows) {
        ExactDoubleColumn out = create(name());
        for (int row : rows) {
            copyRow(row, out);
        }
        return out;
    }

    @Override
    public ExactDoubleColumn copy() {
        return new ExactDoubleColumn(name(), new DoubleArrayList(data), (BitSet) nulls.clone());
    }

    @Override
    public ExactDoubleColumn emptyCopy() {
        return create(name());
    }

    /** Whether a row that is not NULL holds NaN (otherwise a plain DoubleColumn says the same). */
    public boolean holdsNaN() {
        for (int i = 0; i < size(); i++) {
            if (!nulls.get(i) && Double.isNaN(getDouble(i))) {
                return true;
            }
        }
        return false;
    }

    /** The same values as a plain DoubleColumn (NULL as its missing value). */
    public DoubleColumn plain() {
        return DoubleColumn.create(name(), data.toDoubleArray());
    }

    private void copyRow(int row, ExactDoubleColumn out) {
        if (nulls.get(row)) {
            out.appendMissing();
        } else {
            out.append(getDouble(row));
        }
    }
}
