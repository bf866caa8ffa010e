package dev.eddy.streaming.api.data;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.Arrays;
import java.util.List;

/** One growable column of a {@link BatchBuilder}; keeps only the array its type needs. */
final class ColumnBuilder {
    private final Field field;
    private long[] longs;
    private int[] ints;
    private double[] doubles;
    private boolean[] bools;
    private Object[] objects;
    private long[] nulls;
    private int capacity;
    /** Pruned: every value null, nothing kept. */
    boolean leftNull;
    /** Written in runs ({@link #fill}), not per row; {@link #runRows} rows are covered so far. */
    boolean inRuns;

    private int runRows;

    /** The size of the first allocation: arrays are made on the first value, so a pruned column never has any. */
    private final int initial;

    ColumnBuilder(Field field, int capacity) {
        this.field = field;
        this.initial = capacity;
    }

    void leaveNull() {
        leftNull = true;
        longs = null;
        ints = null;
        doubles = null;
        bools = null;
        objects = null;
    }

    private void ensure(int row) {
        if (row < capacity) {
            return;
        }
        grow(Math.max(row + 1, capacity == 0 ? initial : capacity * 2));
    }

    private void grow(int newCap) {
        switch (field.type()) {
            case LONG, TIMESTAMP, INTERVAL_DAY, INTERVAL_DAY_TO_SECOND, INTERVAL_YEAR_TO_MONTH ->
                longs = longs == null ? new long[newCap] : Arrays.copyOf(longs, newCap);
            case INT, DATE -> ints = ints == null ? new int[newCap] : Arrays.copyOf(ints, newCap);
            case DOUBLE -> doubles = doubles == null ? new double[newCap] : Arrays.copyOf(doubles, newCap);
            case BOOLEAN -> bools = bools == null ? new boolean[newCap] : Arrays.copyOf(bools, newCap);
            case STRING, STRUCT -> objects = objects == null ? new Object[newCap] : Arrays.copyOf(objects, newCap);
        }
        capacity = newCap;
    }

    private void markNull(int row) {
        int words = (capacity + 63) >>> 6;
        if (nulls == null) {
            nulls = new long[words];
        } else if (nulls.length < words) {
            nulls = Arrays.copyOf(nulls, words);
        }
        nulls[row >>> 6] |= 1L << row;
    }

    /** A row may be rewritten (after a failed addRow): a value clears an earlier null mark. */
    private void clearNull(int row) {
        if (nulls != null && (row >>> 6) < nulls.length) {
            nulls[row >>> 6] &= ~(1L << row);
        }
    }

    void setLong(int row, long v) {
        if (leftNull) {
            return;
        }
        ensure(row);
        clearNull(row);
        switch (field.type()) {
            case LONG, TIMESTAMP, INTERVAL_DAY, INTERVAL_DAY_TO_SECOND, INTERVAL_YEAR_TO_MONTH -> longs[row] = v;
            case INT, DATE -> ints[row] = Math.toIntExact(v);
            case DOUBLE -> doubles[row] = v;
            default -> setValue(row, v);
        }
    }

    void setInt(int row, int v) {
        setLong(row, v);
    }

    void setDouble(int row, double v) {
        if (leftNull) {
            return;
        }
        ensure(row);
        clearNull(row);
        if (field.type() == DataType.DOUBLE) {
            doubles[row] = v;
        } else {
            setValue(row, v);
        }
    }

    void setBoolean(int row, boolean v) {
        if (leftNull) {
            return;
        }
        ensure(row);
        clearNull(row);
        if (field.type() == DataType.BOOLEAN) {
            bools[row] = v;
        } else {
            setValue(row, v);
        }
    }

    private static long intervalMicros(Duration d) {
        return Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1000);
    }

    void setValue(int row, Object v) {
        if (leftNull) {
            return;
        }
        ensure(row);
        if (v == null) {
            if (objects != null) {
                objects[row] = null;
            }
            if (field.type() != DataType.STRING) {
                markNull(row);
                zero(row);
            }
            return;
        }
        clearNull(row);
        try {
            switch (field.type()) {
                case LONG -> longs[row] = ((Number) v).longValue();
                case TIMESTAMP ->
                    longs[row] = v instanceof Instant i
                            ? Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000)
                            : ((Number) v).longValue();
                case INTERVAL_DAY, INTERVAL_DAY_TO_SECOND ->
                    longs[row] = v instanceof Duration d ? intervalMicros(d) : ((Number) v).longValue();
                case INTERVAL_YEAR_TO_MONTH ->
                    longs[row] = v instanceof Period p ? p.toTotalMonths() : ((Number) v).longValue();
                case INT -> ints[row] = Math.toIntExact(((Number) v).longValue());
                case DATE ->
                    ints[row] = v instanceof LocalDate d
                            ? Math.toIntExact(d.toEpochDay())
                            : Math.toIntExact(((Number) v).longValue());
                case DOUBLE -> doubles[row] = ((Number) v).doubleValue();
                case BOOLEAN -> bools[row] = (Boolean) v;
                case STRING -> objects[row] = v.toString();
                case STRUCT -> objects[row] = v instanceof Row r ? r.values() : (Object[]) v;
            }
        } catch (ClassCastException | ArithmeticException e) {
            throw new IllegalArgumentException(
                    "column '" + field.name() + "' (" + field.type().sqlName() + ") cannot hold "
                            + v.getClass().getSimpleName() + " value " + v,
                    e);
        }
    }

    /** One value in rows [from, to): converted once, then copied in bulk. */
    void fill(int from, int to, Object v) {
        if (leftNull || to <= from) {
            return;
        }
        ensure(to - 1);
        runRows += to - from;
        if (v == null) {
            for (int r = from; r < to; r++) {
                setValue(r, null);
            }
            return;
        }
        setValue(from, v);
        for (int r = from + 1; nulls != null && r < to; r++) {
            clearNull(r);
        }
        switch (field.type()) {
            case LONG, TIMESTAMP, INTERVAL_DAY, INTERVAL_DAY_TO_SECOND, INTERVAL_YEAR_TO_MONTH ->
                Arrays.fill(longs, from + 1, to, longs[from]);
            case INT -> Arrays.fill(ints, from + 1, to, ints[from]);
            case DOUBLE -> Arrays.fill(doubles, from + 1, to, doubles[from]);
            case BOOLEAN -> Arrays.fill(bools, from + 1, to, bools[from]);
            case STRING, STRUCT -> Arrays.fill(objects, from + 1, to, objects[from]);
        }
    }

    /**
     * A null's slot holds 0 (false), whatever was written there before in this row (a decoder that gave up on a
     * record half way, a duplicate field): operators hash and compare primitive keys by their values.
     */
    private void zero(int row) {
        if (longs != null) {
            longs[row] = 0;
        } else if (ints != null) {
            ints[row] = 0;
        } else if (doubles != null) {
            doubles[row] = 0;
        } else if (bools != null) {
            bools[row] = false;
        }
    }

    void appendColumn(int startRow, Column c) {
        if (leftNull || c.size() == 0) {
            return;
        }
        int n = c.size();
        ensure(startRow + n - 1);
        // primitive arrays are copied in bulk (no boxing); structs and mismatched columns value by value
        if (c instanceof LongColumn l && longs != null) {
            System.arraycopy(l.values(), 0, longs, startRow, n);
        } else if (c instanceof IntColumn i && ints != null) {
            System.arraycopy(i.values(), 0, ints, startRow, n);
        } else if (c instanceof DoubleColumn d && doubles != null) {
            System.arraycopy(d.values(), 0, doubles, startRow, n);
        } else if (c instanceof BooleanColumn b && bools != null) {
            System.arraycopy(b.values(), 0, bools, startRow, n);
        } else if (c instanceof StringColumn s && field.type() == DataType.STRING) {
            System.arraycopy(s.values(), 0, objects, startRow, n); // a null entry is a null value
            return;
        } else {
            for (int r = 0; r < n; r++) {
                setValue(startRow + r, c.get(r));
            }
            return;
        }
        if (c.nullBitmap() == null && nulls == null) {
            return;
        }
        for (int r = 0; r < n; r++) {
            if (c.isNull(r)) {
                markNull(startRow + r);
            } else {
                clearNull(startRow + r);
            }
        }
    }

    Column build(int n) {
        if (leftNull) {
            return Column.nulls(field, n);
        }
        if (inRuns && runRows != n) {
            throw new IllegalStateException("column '" + field.name() + "' is written in runs, but they cover "
                    + runRows + " of " + n + " rows");
        }
        if (capacity == 0) { // arrays are made on the first value: a batch without rows has none yet
            grow(n);
        }
        long[] bits = nulls == null ? null : Arrays.copyOf(nulls, (n + 63) >>> 6);
        return switch (field.type()) {
            case LONG, TIMESTAMP, INTERVAL_DAY, INTERVAL_DAY_TO_SECOND, INTERVAL_YEAR_TO_MONTH ->
                new LongColumn(field.type(), longs, n, bits);
            case INT, DATE -> new IntColumn(field.type(), ints, n, bits);
            case DOUBLE -> new DoubleColumn(doubles, n, bits);
            case BOOLEAN -> new BooleanColumn(bools, n, bits);
            case STRING -> new StringColumn(Arrays.copyOf(objects, n, String[].class), n);
            case STRUCT -> buildStruct(n, bits);
        };
    }

    private Column buildStruct(int n, long[] bits) {
        List<Field> kids = field.children();
        BatchBuilder inner = new BatchBuilder(Schema.of(kids), n);
        for (int r = 0; r < n; r++) {
            Object[] vals = (Object[]) objects[r];
            if (vals == null) {
                inner.endRow();
            } else {
                inner.addRow(vals);
            }
        }
        Batch b = inner.build();
        Column[] cs = new Column[kids.size()];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = b.column(i);
        }
        return new StructColumn(kids, cs, n, bits);
    }
}
