package dev.eddy.streaming.internal.state;

import dev.eddy.streaming.api.data.DataType;
import java.util.Arrays;
import java.util.Objects;

/**
 * An open-addressing hash table from composite keys to dense group ids 0..size-1. Keys are stored column-
 * wise: long-like key columns (LONG, INT, TIMESTAMP, BOOLEAN, DOUBLE bits) in {@code long[]}, strings in
 * {@code Object[]}, with a per-column null flag. No objects are allocated per row on lookup.
 *
 * <p>Single-threaded: owned by one operator on the query thread.
 */
public final class GroupTable {
    private final boolean[] objectKey;
    private final int keyCount;
    private final boolean allLongs;
    private long[][] longKeys;
    private Object[][] objKeys;
    private boolean[][] nullKeys;
    private int[] hashes;
    /** Open addressing slots: (hash << 32) | (group id + 1); 0 = empty. The hash in the slot saves a miss. */
    private long[] slots;
    /** Whether any stored group has a null key column (lets the hot paths skip the null flags). */
    private boolean anyNullKey;

    private int mask;
    private int size;

    private static final int NULL_HASH = 0x5bd1e995;

    public GroupTable(DataType[] keyTypes) {
        this.keyCount = keyTypes.length;
        this.objectKey = new boolean[keyCount];
        for (int i = 0; i < keyCount; i++) {
            objectKey[i] = !keyTypes[i].isPrimitive();
        }
        boolean longsOnly = true;
        for (boolean o : objectKey) {
            longsOnly &= !o;
        }
        allLongs = longsOnly;
        int cap = 16;
        longKeys = new long[keyCount][];
        objKeys = new Object[keyCount][];
        nullKeys = new boolean[keyCount][cap];
        for (int i = 0; i < keyCount; i++) {
            if (objectKey[i]) {
                objKeys[i] = new Object[cap];
            } else {
                longKeys[i] = new long[cap];
            }
        }
        hashes = new int[cap];
        slots = new long[32];
        mask = 31;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return hashes.length;
    }

    /**
     * Finds or adds the group of each row. {@code longs[k]} / {@code objs[k]} hold key column k's values
     * per row (one of them is null); {@code nulls[k]} marks null keys (may be null). Writes group ids to
     * {@code out}. Returns true if new groups were added.
     */
    public boolean findOrInsert(long[][] longs, Object[][] objs, boolean[][] nulls, int n, int[] out) {
        int before = size;
        int[] h = new int[n];
        hashRows(longs, objs, nulls, n, h);
        if (allLongs && noNulls(nulls)) {
            if (keyCount == 2) {
                findOrInsertTwoLongs(longs[0], longs[1], n, h, out);
            } else if (keyCount == 1) {
                findOrInsertOneLong(longs[0], n, h, out);
            } else {
                for (int r = 0; r < n; r++) {
                    out[r] = findOrInsertRow(longs, objs, null, r, h[r]);
                }
            }
        } else {
            for (int r = 0; r < n; r++) {
                out[r] = findOrInsertRow(longs, objs, nulls, r, h[r]);
            }
        }
        return size > before;
    }

    private static boolean noNulls(boolean[][] nulls) {
        if (nulls != null) {
            for (boolean[] nk : nulls) {
                if (nk != null) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The hot path of windowed aggregates: (window start, long key), no nulls. */
    private void findOrInsertTwoLongs(long[] a, long[] b, int n, int[] h, int[] out) {
        long[][] longsRow = new long[2][];
        longsRow[0] = a;
        longsRow[1] = b;
        for (int r = 0; r < n; r++) {
            int hr = h[r];
            long x = a[r];
            long y = b[r];
            int s = hr & mask;
            int g;
            long[] k0 = longKeys[0];
            long[] k1 = longKeys[1];
            while (true) {
                long e = slots[s];
                g = (int) e - 1;
                if (g < 0) {
                    g = insert(longsRow, null, null, r, hr, s);
                    break;
                }
                if ((int) (e >>> 32) == hr
                        && k0[g] == x
                        && k1[g] == y
                        && (!anyNullKey || (!nullKeys[0][g] && !nullKeys[1][g]))) {
                    break;
                }
                s = (s + 1) & mask;
            }
            out[r] = g;
        }
    }

    private void findOrInsertOneLong(long[] a, int n, int[] h, int[] out) {
        long[][] longsRow = new long[][] {a};
        for (int r = 0; r < n; r++) {
            int hr = h[r];
            long x = a[r];
            int s = hr & mask;
            int g;
            long[] k0 = longKeys[0];
            while (true) {
                long e = slots[s];
                g = (int) e - 1;
                if (g < 0) {
                    g = insert(longsRow, null, null, r, hr, s);
                    break;
                }
                if ((int) (e >>> 32) == hr && k0[g] == x && (!anyNullKey || !nullKeys[0][g])) {
                    break;
                }
                s = (s + 1) & mask;
            }
            out[r] = g;
        }
    }

    private void hashRows(long[][] longs, Object[][] objs, boolean[][] nulls, int n, int[] h) {
        for (int k = 0; k < keyCount; k++) {
            boolean[] nk = nulls == null ? null : nulls[k];
            if (objectKey[k]) {
                Object[] v = objs[k];
                for (int r = 0; r < n; r++) {
                    h[r] = h[r] * 31 + (nk != null && nk[r] ? NULL_HASH : Objects.hashCode(v[r]));
                }
            } else if (nk == null) {
                long[] v = longs[k];
                for (int r = 0; r < n; r++) {
                    h[r] = h[r] * 31 + Long.hashCode(v[r] * 0x9E3779B97F4A7C15L);
                }
            } else {
                // a null key hashes the same whatever its slot holds (a column's slot under a null is not defined)
                long[] v = longs[k];
                for (int r = 0; r < n; r++) {
                    h[r] = h[r] * 31 + (nk[r] ? NULL_HASH : Long.hashCode(v[r] * 0x9E3779B97F4A7C15L));
                }
            }
        }
        for (int r = 0; r < n; r++) {
            h[r] = mix(h[r]);
        }
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }

    /** Like {@link #findOrInsert} but never inserts: missing keys (and keys with nulls) get -1. */
    public void find(long[][] longs, Object[][] objs, boolean[][] nulls, int n, int[] out) {
        int[] h = new int[n];
        hashRows(longs, objs, nulls, n, h);
        for (int r = 0; r < n; r++) {
            out[r] = -1;
            if (anyNull(nulls, r)) {
                continue;
            }
            int s = h[r] & mask;
            while (true) {
                long e = slots[s];
                int g = (int) e - 1;
                if (g < 0) {
                    break;
                }
                if ((int) (e >>> 32) == h[r] && equalsRow(g, longs, objs, nulls, r)) {
                    out[r] = g;
                    break;
                }
                s = (s + 1) & mask;
            }
        }
    }

    private static boolean anyNull(boolean[][] nulls, int r) {
        if (nulls != null) {
            for (boolean[] nk : nulls) {
                if (nk != null && nk[r]) {
                    return true;
                }
            }
        }
        return false;
    }

    private int findOrInsertRow(long[][] longs, Object[][] objs, boolean[][] nulls, int r, int h) {
        int s = h & mask;
        while (true) {
            long e = slots[s];
            int g = (int) e - 1;
            if (g < 0) {
                return insert(longs, objs, nulls, r, h, s);
            }
            if ((int) (e >>> 32) == h && equalsRow(g, longs, objs, nulls, r)) {
                return g;
            }
            s = (s + 1) & mask;
        }
    }

    private boolean equalsRow(int g, long[][] longs, Object[][] objs, boolean[][] nulls, int r) {
        for (int k = 0; k < keyCount; k++) {
            boolean rowNull = nulls != null && nulls[k] != null && nulls[k][r];
            if (rowNull != nullKeys[k][g]) {
                return false;
            }
            if (rowNull) {
                continue;
            }
            if (objectKey[k] ? !Objects.equals(objKeys[k][g], objs[k][r]) : longKeys[k][g] != longs[k][r]) {
                return false;
            }
        }
        return true;
    }

    private int insert(long[][] longs, Object[][] objs, boolean[][] nulls, int r, int h, int slot) {
        if (size == hashes.length) {
            growGroups();
        }
        int g = size++;
        for (int k = 0; k < keyCount; k++) {
            nullKeys[k][g] = nulls != null && nulls[k] != null && nulls[k][r];
            anyNullKey |= nullKeys[k][g];
            if (objectKey[k]) {
                objKeys[k][g] = objs[k][r];
            } else {
                longKeys[k][g] = longs[k][r];
            }
        }
        hashes[g] = h;
        slots[slot] = entry(h, g);
        if (size * 2 > slots.length) {
            rehash(slots.length * 2);
        }
        return g;
    }

    private void growGroups() {
        int cap = hashes.length * 2;
        hashes = Arrays.copyOf(hashes, cap);
        for (int k = 0; k < keyCount; k++) {
            nullKeys[k] = Arrays.copyOf(nullKeys[k], cap);
            if (objectKey[k]) {
                objKeys[k] = Arrays.copyOf(objKeys[k], cap);
            } else {
                longKeys[k] = Arrays.copyOf(longKeys[k], cap);
            }
        }
    }

    private static long entry(int hash, int g) {
        return ((long) hash << 32) | ((g + 1) & 0xffffffffL);
    }

    private void rehash(int slotCount) {
        slots = new long[slotCount];
        mask = slotCount - 1;
        for (int g = 0; g < size; g++) {
            int s = hashes[g] & mask;
            while (slots[s] != 0) {
                s = (s + 1) & mask;
            }
            slots[s] = entry(hashes[g], g);
        }
    }

    /**
     * Keeps only the groups listed in {@code keep[0..n)} (ascending), renumbering them 0..n-1 in that order.
     * Callers compact their per-group arrays with the same list.
     */
    public void retain(int[] keep, int n) {
        for (int i = 0; i < n; i++) {
            int g = keep[i];
            hashes[i] = hashes[g];
            for (int k = 0; k < keyCount; k++) {
                nullKeys[k][i] = nullKeys[k][g];
                if (objectKey[k]) {
                    objKeys[k][i] = objKeys[k][g];
                } else {
                    longKeys[k][i] = longKeys[k][g];
                }
            }
        }
        for (int k = 0; k < keyCount; k++) {
            if (objectKey[k]) {
                Arrays.fill(objKeys[k], n, size, null);
            }
        }
        size = n;
        int slotCount = 32;
        while (slotCount < n * 2 + 2) {
            slotCount <<= 1;
        }
        rehash(Math.max(slotCount, Math.min(slots.length, slotCount * 4)));
    }

    public long longKey(int k, int g) {
        return longKeys[k][g];
    }

    /** The backing array of a long-like key column (read-only, valid for group ids below size()). */
    public long[] longKeys(int k) {
        return longKeys[k];
    }

    public Object objectKey(int k, int g) {
        return objKeys[k][g];
    }

    public boolean isNullKey(int k, int g) {
        return nullKeys[k][g];
    }

    /** Approximate heap bytes used. */
    public long memoryBytes() {
        long b = slots.length * 8L + hashes.length * 4L;
        for (int k = 0; k < keyCount; k++) {
            b += hashes.length * (objectKey[k] ? 8L + 48L : 8L) + hashes.length;
        }
        return b;
    }
}
