package dev.eddy.streaming.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.data.DataType;
import org.junit.jupiter.api.Test;

class GroupTableTest {

    @Test
    void when_manyKeysAreInserted_then_eachGetsOneStableIdAcrossRehashes() {
        GroupTable t = new GroupTable(new DataType[] {DataType.TIMESTAMP, DataType.LONG});
        int n = 100_000;
        long[] a = new long[n];
        long[] b = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = i % 7;
            b[i] = i / 7;
        }
        int[] ids = new int[n];
        t.findOrInsert(new long[][] {a, b}, new Object[2][], null, n, ids);
        assertThat(t.size()).isEqualTo(n);
        int[] again = new int[n];
        t.findOrInsert(new long[][] {a, b}, new Object[2][], null, n, again);
        assertThat(again).isEqualTo(ids);
        assertThat(t.size()).isEqualTo(n);
    }

    @Test
    void when_keysHaveNullsAndStrings_then_nullIsItsOwnKeyAndFindDoesNotInsert() {
        GroupTable t = new GroupTable(new DataType[] {DataType.STRING, DataType.LONG});
        Object[][] objs = {{"a", "a", null, "b"}, null};
        long[][] longs = {null, {1, 1, 1, 0}};
        boolean[][] nulls = {{false, false, true, false}, {false, false, false, true}};
        int[] ids = new int[4];
        t.findOrInsert(longs, objs, nulls, 4, ids);
        assertThat(ids).containsExactly(0, 0, 1, 2);
        int[] found = new int[2];
        t.find(new long[][] {null, {1, 5}}, new Object[][] {{"a", "a"}, null}, null, 2, found);
        assertThat(found).containsExactly(0, -1);
        assertThat(t.size()).isEqualTo(3);
    }

    @Test
    void when_groupsAreRetained_then_survivorsAreRenumberedInOrderAndStillFound() {
        GroupTable t = new GroupTable(new DataType[] {DataType.LONG});
        long[] keys = {10, 20, 30, 40, 50};
        int[] ids = new int[5];
        t.findOrInsert(new long[][] {keys}, new Object[1][], null, 5, ids);
        t.retain(new int[] {1, 3}, 2);
        assertThat(t.size()).isEqualTo(2);
        int[] found = new int[5];
        t.find(new long[][] {keys}, new Object[1][], null, 5, found);
        assertThat(found).containsExactly(-1, 0, -1, 1, -1);
        int[] added = new int[1];
        t.findOrInsert(new long[][] {{60}}, new Object[1][], null, 1, added);
        assertThat(added).containsExactly(2);
    }

    @Test
    void when_nullKeysHoldDifferentValuesInTheirSlots_then_theyAreOneGroup() {
        // a column's slot under a null is not defined (an expression computes over it, a decoder may have written
        // there before it gave up on the record): every null key must land in one group whatever the slot holds
        GroupTable t = new GroupTable(new DataType[] {DataType.LONG, DataType.STRING});
        int n = 1_000;
        long[] a = new long[n];
        Object[] b = new Object[n];
        boolean[] aNull = new boolean[n];
        boolean[] bNull = new boolean[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
            aNull[i] = i % 2 == 0;
            b[i] = i % 3 == 0 ? "slot" + i : "x";
            bNull[i] = i % 3 == 0;
        }
        int[] ids = new int[n];
        t.findOrInsert(new long[][] {a, null}, new Object[][] {null, b}, new boolean[][] {aNull, bNull}, n, ids);
        assertThat(ids[0]).isEqualTo(ids[6]).isEqualTo(ids[12]); // a NULL, b NULL
        assertThat(ids[2]).isEqualTo(ids[4]).isEqualTo(ids[8]); // a NULL, b "x"
        assertThat(ids[0]).isNotEqualTo(ids[2]);
        // odd rows have distinct non-null a: 500 groups; even rows are (NULL, NULL) or (NULL, "x"): 2 groups
        assertThat(t.size()).isEqualTo(n / 2 + 2);
    }
}
