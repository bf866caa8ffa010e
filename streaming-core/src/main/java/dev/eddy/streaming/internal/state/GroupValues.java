package dev.eddy.streaming.internal.state;

import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.Field;
import java.util.List;

/**
 * Per-group values a state store keeps beside its keys (an aggregate's accumulators): arrays indexed by group id
 * that grow, compact and reset with the groups, and convert to and from the raw (checkpoint) columns.
 */
public interface GroupValues {

    /** Makes room for group ids below {@code groups}. */
    void ensureCapacity(int groups);

    /** Keeps groups {@code keep[0..n)} (ascending) as 0..n-1 and zeroes the rest up to {@code oldSize}. */
    void compact(int[] keep, int n, int oldSize);

    /** Zeroes group {@code g} so its id can be reused. */
    void reset(int g);

    long bytesPerGroup();

    /** The columns of the raw state, named with {@code prefix}. */
    List<Field> rawFields(String prefix);

    /** Raw state of {@code groups[0..n)}, one column per {@link #rawFields}. */
    Column[] exportRaw(int[] groups, int n);

    /** Sets the raw state of {@code groups[i]} from row i of {@code raw} (after {@link #ensureCapacity}). */
    void importRaw(Column[] raw, int[] groups, int n);
}
