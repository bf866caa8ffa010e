package dev.eddy.streaming.internal.state;

import dev.eddy.streaming.api.checkpoint.StateDelta;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.util.Arrays;
import java.util.List;

/**
 * A state store over a {@link GroupTable}: one group per key, with optional per-group {@link GroupValues} (an
 * aggregate's accumulators). It tracks the groups each batch updated (stamps), evicts the groups whose time key
 * plus an offset is at or before the watermark, and writes the raw state as the key columns followed by each value's
 * raw columns ({@link RawState}); a delta holds the updated groups and the evicted keys.
 */
public final class GroupStore extends StateStore {
    private final DataType[] keyTypes;
    private final List<Field> keyFields;
    private final GroupValues[] values;
    private final GroupTable table;
    private final int timeKey;
    private final long timeOffset;
    private long[] stamp = new long[16];
    private long currentStamp;
    /** How many held groups carry {@link #currentStamp}. */
    private int updatedCount;

    private Batch removedKeys;

    /**
     * @param keyFields  the raw state's key columns (one per key type)
     * @param timeKey    the key column that bounds the state by the watermark, or -1
     * @param timeOffset added to the time key before comparing with the watermark (a window's size)
     */
    public GroupStore(
            String operatorName,
            DataType[] keyTypes,
            List<Field> keyFields,
            GroupValues[] values,
            int timeKey,
            long timeOffset) {
        super(operatorName);
        this.keyTypes = keyTypes.clone();
        this.keyFields = List.copyOf(keyFields);
        this.values = values;
        this.table = new GroupTable(keyTypes);
        this.timeKey = timeKey;
        this.timeOffset = timeOffset;
    }

    /** The group ids of the key rows (new groups are added, their values start zeroed). */
    public int[] findOrInsert(Keys keys) {
        int[] groups = new int[keys.n];
        table.findOrInsert(keys.longs, keys.objs, keys.nulls, keys.n, groups);
        ensureCapacity(table.size());
        return groups;
    }

    /** Marks {@code groups[0..n)} updated by this batch; returns how many were not yet marked. */
    public int markUpdated(int[] groups, int n) {
        int updated = 0;
        for (int i = 0; i < n; i++) {
            if (stamp[groups[i]] != currentStamp) {
                stamp[groups[i]] = currentStamp;
                updated++;
            }
        }
        updatedCount += updated;
        return updated;
    }

    /** The groups this batch updated (still held), ascending. */
    public int[] updatedGroups() {
        int count = updatedCount;
        int[] out = new int[count];
        int j = 0;
        for (int g = 0; g < table.size() && j < count; g++) {
            if (stamp[g] == currentStamp) {
                out[j++] = g;
            }
        }
        return out;
    }

    /** Every group id. */
    public int[] allGroups() {
        return RawState.all(table.size());
    }

    /** True if a time key bounds this store by the watermark. */
    public boolean evictsByWatermark() {
        return timeKey >= 0;
    }

    /** The groups whose time key + offset is at or before {@code wm}, ascending. */
    public int[] expired(long wm) {
        long[] t = table.longKeys(timeKey);
        int count = 0;
        for (int g = 0; g < table.size(); g++) {
            if (t[g] + timeOffset <= wm) {
                count++;
            }
        }
        int[] out = new int[count];
        int j = 0;
        for (int g = 0; g < table.size() && j < count; g++) {
            if (t[g] + timeOffset <= wm) {
                out[j++] = g;
            }
        }
        return out;
    }

    /** Removes {@code expired} (ascending) and their values; the others keep their order (ids change). */
    public void evict(int[] expired) {
        if (expired.length == 0) {
            return;
        }
        removedKeys = Batch.of(Schema.of(keyFields), RawState.tableKeys(table, keyTypes, expired, expired.length));
        int oldSize = table.size();
        int[] keep = new int[oldSize - expired.length];
        int j = 0;
        int e = 0;
        for (int g = 0; g < oldSize; g++) {
            if (e < expired.length && expired[e] == g) {
                updatedCount -= stamp[g] == currentStamp ? 1 : 0;
                e++;
            } else {
                keep[j++] = g;
            }
        }
        table.retain(keep, j);
        for (GroupValues v : values) {
            v.compact(keep, j, oldSize);
        }
        for (int i = 0; i < j; i++) {
            stamp[i] = stamp[keep[i]];
        }
        Arrays.fill(stamp, j, oldSize, 0);
    }

    public GroupTable table() {
        return table;
    }

    public int size() {
        return table.size();
    }

    /** The key columns of {@code groups[0..n)} under the raw state's key names. */
    public Batch keyRows(int[] groups, int n) {
        return Batch.of(Schema.of(keyFields), RawState.tableKeys(table, keyTypes, groups, n));
    }

    @Override
    public Batch snapshot() {
        return raw(allGroups());
    }

    private Batch raw(int[] groups) {
        return RawState.export(
                keyFields, RawState.tableKeys(table, keyTypes, groups, groups.length), values, groups, groups.length);
    }

    @Override
    public StateDelta delta() {
        Batch removed = removedKeys != null ? removedKeys : keyRows(new int[0], 0);
        return new StateDelta(keyTypes.length, raw(updatedGroups()), removed, this::snapshot);
    }

    @Override
    public void load(Batch raw) {
        Keys k = RawState.keys(raw, keyTypes);
        int[] groups = findOrInsert(k);
        RawState.importAccumulators(values, raw, keyTypes.length, groups, k.n);
    }

    @Override
    protected long numRows() {
        return table.size();
    }

    @Override
    protected long memoryBytes() {
        long per = 8;
        for (GroupValues v : values) {
            per += v.bytesPerGroup();
        }
        return table.memoryBytes() + per * table.capacity();
    }

    @Override
    protected void clearChanges() {
        currentStamp++;
        updatedCount = 0;
        removedKeys = null;
    }

    private void ensureCapacity(int groups) {
        for (GroupValues v : values) {
            v.ensureCapacity(groups);
        }
        if (groups > stamp.length) {
            stamp = Arrays.copyOf(stamp, Math.max(groups, stamp.length * 2));
        }
    }
}
