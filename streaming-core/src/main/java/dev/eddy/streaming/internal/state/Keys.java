package dev.eddy.streaming.internal.state;

/** Key vectors of one batch for a group table: rows[i] is the input row of key row i (null = identity). */
public final class Keys {
    public final long[][] longs;
    public final Object[][] objs;
    public final boolean[][] nulls;
    public int[] rows;
    public int n;

    public Keys(int k) {
        longs = new long[k][];
        objs = new Object[k][];
        nulls = new boolean[k][];
    }

    /** Keeps key rows keep[0..m). */
    public void retain(int[] keep, int m) {
        for (int k = 0; k < longs.length; k++) {
            if (longs[k] != null) {
                long[] o = new long[m];
                for (int i = 0; i < m; i++) {
                    o[i] = longs[k][keep[i]];
                }
                longs[k] = o;
            }
            if (objs[k] != null) {
                Object[] o = new Object[m];
                for (int i = 0; i < m; i++) {
                    o[i] = objs[k][keep[i]];
                }
                objs[k] = o;
            }
            if (nulls[k] != null) {
                boolean[] o = new boolean[m];
                for (int i = 0; i < m; i++) {
                    o[i] = nulls[k][keep[i]];
                }
                nulls[k] = o;
            }
        }
        int[] r = new int[m];
        for (int i = 0; i < m; i++) {
            r[i] = rows == null ? keep[i] : rows[keep[i]];
        }
        rows = r;
        n = m;
    }
}
