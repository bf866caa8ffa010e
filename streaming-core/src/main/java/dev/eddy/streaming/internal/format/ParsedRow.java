package dev.eddy.streaming.internal.format;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Reusable typed slots for one row: a parser fills them, the caller copies them into a batch and calls
 * {@link #reset()}. Primitive values stay unboxed: LONG, INT, TIMESTAMP and DATE use {@link #longs}.
 */
public final class ParsedRow implements ValueSink {
    public final List<ColumnSpec> columns;
    public final long[] longs;
    public final double[] doubles;
    public final boolean[] booleans;
    public final String[] strings;
    public final boolean[] isSet;
    /**
     * Set by a full parser that returned false for a record that was well formed but had values that do not fit their
     * columns: those are left null, the others hold their values (Spark's partial results: in PERMISSIVE mode the row
     * keeps them, with the record's text in the corrupt-record column).
     */
    public boolean partial;
    /** The columns' types, looked up per value on the hot path. */
    private final ValueType[] types;

    public ParsedRow(List<ColumnSpec> columns) {
        this.columns = List.copyOf(columns);
        int n = columns.size();
        longs = new long[n];
        doubles = new double[n];
        booleans = new boolean[n];
        strings = new String[n];
        isSet = new boolean[n];
        types = new ValueType[n];
        for (int i = 0; i < n; i++) {
            types[i] = columns.get(i).type();
        }
    }

    public int size() {
        return columns.size();
    }

    /** The columns' types (shared, do not change). */
    ValueType[] types() {
        return types;
    }

    public ValueType type(int col) {
        return types[col];
    }

    @Override
    public void setLong(int col, long v) {
        longs[col] = v;
        isSet[col] = true;
    }

    @Override
    public void setDouble(int col, double v) {
        doubles[col] = v;
        isSet[col] = true;
    }

    @Override
    public void setBoolean(int col, boolean v) {
        booleans[col] = v;
        isSet[col] = true;
    }

    @Override
    public void setString(int col, String v) {
        strings[col] = v;
        isSet[col] = v != null;
    }

    @Override
    public void setNull(int col) {
        isSet[col] = false;
        strings[col] = null;
    }

    /** Clears every slot to null. */
    public void reset() {
        partial = false;
        Arrays.fill(isSet, false);
        Arrays.fill(strings, null);
    }

    /** The value boxed (tests, slow paths): Long, Integer, Double, Boolean, String or null. */
    public Object get(int col) {
        if (!isSet[col]) {
            return null;
        }
        return switch (type(col)) {
            case INT -> (int) longs[col];
            case DATE -> LocalDate.ofEpochDay(longs[col]);
            case LONG, TIMESTAMP -> longs[col];
            case DOUBLE -> doubles[col];
            case BOOLEAN -> booleans[col];
            case STRING -> strings[col];
        };
    }

    /**
     * Converts text into the column's type; returns false (slot left null) when the text is not a valid value.
     * Empty text is null for every type but STRING.
     */
    public boolean setText(int col, String text) {
        return setText(col, text, DatetimeOptions.DEFAULT);
    }

    /** {@link #setText(int, String)} reading dates and timestamps as {@code datetimes} says. */
    public boolean setText(int col, String text, DatetimeOptions datetimes) {
        if (!setText(this, col, type(col), text, datetimes)) {
            isSet[col] = false;
            return false;
        }
        return true;
    }

    /**
     * Converts text into a column of type {@code type} of {@code out}; false when the text is not a valid value (then
     * nothing was set). Empty text is null for every type but STRING.
     */
    static boolean setText(ValueSink out, int col, ValueType type, String text, DatetimeOptions datetimes) {
        if (text == null || (text.isEmpty() && type != ValueType.STRING)) {
            out.setNull(col);
            return true;
        }
        try {
            switch (type) {
                case INT -> out.setLong(col, Integer.parseInt(text.trim()));
                case LONG -> out.setLong(col, Long.parseLong(text.trim()));
                case DOUBLE -> out.setDouble(col, Double.parseDouble(text.trim()));
                case BOOLEAN -> {
                    Boolean b = Texts.parseBoolean(text.trim());
                    if (b == null) {
                        return false;
                    }
                    out.setBoolean(col, b);
                }
                case TIMESTAMP -> {
                    long micros = datetimes.micros(text);
                    if (micros == Timestamps.INVALID) {
                        return false;
                    }
                    out.setLong(col, micros);
                }
                case STRING -> out.setString(col, text);
                case DATE -> {
                    Integer days = datetimes.days(text);
                    if (days == null) {
                        return false;
                    }
                    out.setLong(col, days);
                }
            }
        } catch (NumberFormatException e) {
            return false;
        }
        return true;
    }
}
