package dev.eddy.streaming.internal.format;

import dev.eddy.streaming.api.data.BatchBuilder;

/**
 * A {@link ValueSink} over a {@link BatchBuilder}: a decoder's values go straight into the batch's columns
 * {@code [0, n)} of its current row, with no intermediate row. Reused: {@link #into} points it at the batch.
 */
public final class BuilderSink implements ValueSink {
    private BatchBuilder out;

    /** Points the sink at {@code builder} and returns it. */
    public BuilderSink into(BatchBuilder builder) {
        this.out = builder;
        return this;
    }

    @Override
    public void setLong(int col, long v) {
        out.setLong(col, v);
    }

    @Override
    public void setDouble(int col, double v) {
        out.setDouble(col, v);
    }

    @Override
    public void setBoolean(int col, boolean v) {
        out.setBoolean(col, v);
    }

    @Override
    public void setString(int col, String v) {
        out.setString(col, v);
    }

    @Override
    public void setNull(int col) {
        out.setNull(col);
    }
}
