package dev.eddy.streaming.internal.state;

import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.LongColumn;
import java.util.Arrays;
import java.util.List;

/**
 * One event time per group, in micros: when the group expires (dropDuplicatesWithinWatermark keeps a key until the
 * watermark reaches its first row's event time plus the delay, as Spark's state value {@code expiresAtMicros}).
 */
public final class ExpiryValues implements GroupValues {
    private long[] expiresAt = new long[16];

    public void set(int group, long micros) {
        expiresAt[group] = micros;
    }

    public long get(int group) {
        return expiresAt[group];
    }

    @Override
    public void ensureCapacity(int groups) {
        if (groups > expiresAt.length) {
            expiresAt = Arrays.copyOf(expiresAt, Math.max(groups, expiresAt.length * 2));
        }
    }

    @Override
    public void compact(int[] keep, int n, int oldSize) {
        for (int i = 0; i < n; i++) {
            expiresAt[i] = expiresAt[keep[i]];
        }
        Arrays.fill(expiresAt, n, oldSize, 0);
    }

    @Override
    public void reset(int g) {
        expiresAt[g] = 0;
    }

    @Override
    public long bytesPerGroup() {
        return 8;
    }

    @Override
    public List<Field> rawFields(String prefix) {
        return List.of(Field.of(prefix + "expiresAt", DataType.TIMESTAMP));
    }

    @Override
    public Column[] exportRaw(int[] groups, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = expiresAt[groups[i]];
        }
        return new Column[] {new LongColumn(DataType.TIMESTAMP, out, n, null)};
    }

    @Override
    public void importRaw(Column[] raw, int[] groups, int n) {
        long[] v = ((LongColumn) raw[0]).values();
        for (int i = 0; i < n; i++) {
            expiresAt[groups[i]] = v[i];
        }
    }
}
