package dev.eddy.streaming.internal.format;

/**
 * Where a decoder puts one record's values: column {@code col} of the current row. INT, LONG and TIMESTAMP
 * (epoch microseconds) values go through {@link #setLong}. A column not set in a record is null. Implemented by
 * {@link ParsedRow} (the full parsers' slots) and {@link BuilderSink} (straight into a batch's columns).
 */
public interface ValueSink {
    void setLong(int col, long v);

    void setDouble(int col, double v);

    void setBoolean(int col, boolean v);

    void setString(int col, String v);

    void setNull(int col);
}
