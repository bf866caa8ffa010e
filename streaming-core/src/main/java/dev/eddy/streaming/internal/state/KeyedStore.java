package dev.eddy.streaming.internal.state;

import dev.eddy.streaming.api.checkpoint.StateDelta;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Schema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * A state store of values by key (a key's sessions, a join side's buffered rows, a user's state object), in
 * insertion order. The operator reads values and marks the keys it changed ({@link #put}, {@link #remove},
 * {@link #touch}); a delta holds the current rows of every changed key and the changed keys left without a value.
 * A {@link Codec} turns values into raw rows and back.
 *
 * @param <V> the value kept per key
 */
public class KeyedStore<V> extends StateStore {

    /** How values become raw (checkpoint) rows: the key columns first, then the value's columns. */
    public interface Codec<V> {
        /** The raw state's key columns (what a removed key is written as). */
        Schema keySchema();

        /** The raw rows of {@code entries} (a key may own several rows). */
        Batch encode(List<Map.Entry<List<Object>, V>> entries);

        /** Adds the values of {@code raw} (rows {@link #encode} made) to {@code into}. */
        void decode(Batch raw, Map<List<Object>, V> into);
    }

    private final Map<List<Object>, V> map = new LinkedHashMap<>();
    private final Set<List<Object>> changed = new LinkedHashSet<>();
    private final Codec<V> codec;
    private final ToLongFunction<V> rowsOf;
    private final long bytesPerRow;

    /**
     * A store of one state row per key.
     *
     * @param codec       how values become raw rows, or null if they cannot (then the state is not saved)
     * @param bytesPerRow the memory estimate per state row (metrics)
     */
    public KeyedStore(String operatorName, Codec<V> codec, long bytesPerRow) {
        this(operatorName, codec, null, bytesPerRow);
    }

    /** @param rowsOf how many state rows a value counts as (metrics), or null for one per key */
    KeyedStore(String operatorName, Codec<V> codec, ToLongFunction<V> rowsOf, long bytesPerRow) {
        super(operatorName);
        this.codec = codec;
        this.rowsOf = rowsOf;
        this.bytesPerRow = bytesPerRow;
    }

    public V get(List<Object> key) {
        return map.get(key);
    }

    public boolean contains(List<Object> key) {
        return map.containsKey(key);
    }

    /** Sets the key's value (a new key goes last) and marks the key changed. */
    public void put(List<Object> key, V value) {
        map.put(key, value);
        changed.add(key);
    }

    /** Removes the key and marks it changed if it was there. */
    public void remove(List<Object> key) {
        if (map.remove(key) != null) {
            changed.add(key);
        }
    }

    /** Marks a key changed whose value the operator changed in place. */
    public void touch(List<Object> key) {
        changed.add(key);
    }

    /** The live map, in insertion order: the operator may change values in place (then {@link #touch} them). */
    public Map<List<Object>, V> entries() {
        return map;
    }

    public Collection<V> values() {
        return map.values();
    }

    public int numKeys() {
        return map.size();
    }

    @Override
    public long numRows() {
        if (rowsOf == null) {
            return map.size();
        }
        long n = 0;
        for (V v : map.values()) {
            n += rowsOf.applyAsLong(v);
        }
        return n;
    }

    /** False without a codec (a user's state objects that cannot be written). */
    @Override
    public boolean canSave() {
        return codec != null;
    }

    @Override
    public Batch snapshot() {
        return codec.encode(new ArrayList<>(map.entrySet()));
    }

    @Override
    public StateDelta delta() {
        List<Map.Entry<List<Object>, V>> kept = new ArrayList<>();
        var gone = Batch.builder(codec.keySchema());
        int goneCount = 0;
        for (List<Object> k : changed) {
            V v = map.get(k);
            if (v != null) {
                kept.add(Map.entry(k, v));
            } else {
                gone.addRow(k.toArray());
                goneCount++;
            }
        }
        // a key of no columns (a global session window) still counts its removals
        Batch removed = codec.keySchema().size() == 0 ? Batch.ofRowCount(goneCount) : gone.build();
        return new StateDelta(codec.keySchema().size(), codec.encode(kept), removed, this::snapshot);
    }

    @Override
    public void load(Batch raw) {
        codec.decode(raw, map);
    }

    @Override
    protected long memoryBytes() {
        return numRows() * bytesPerRow;
    }

    @Override
    protected void clearChanges() {
        changed.clear();
    }
}
