package dev.eddy.streaming.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.checkpoint.StateDelta;
import dev.eddy.streaming.api.checkpoint.StateStorage;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GroupStoreTest {
    private static final DataType[] TYPES = {DataType.LONG};

    /** A store keyed by one time column; a key's group ends at key + 10 (a window of size 10). */
    private static GroupStore store() {
        return new GroupStore("test", TYPES, List.of(Field.of("key0", DataType.LONG)), new GroupValues[0], 0, 10);
    }

    private static Keys keys(long... values) {
        Keys k = new Keys(1);
        k.longs[0] = values;
        k.n = values.length;
        return k;
    }

    private static List<Long> col(Batch b) {
        return b.toRows().stream().map(r -> r.getLong(0)).collect(Collectors.toList());
    }

    /** Keeps every delta as written, and reads back the last full state. */
    private static final class Recording implements StateStorage {
        final TreeMap<Long, StateDelta> deltas = new TreeMap<>();

        @Override
        public boolean keepsState() {
            return true;
        }

        @Override
        public void write(long version, StateDelta delta) {
            deltas.put(version, delta);
        }

        @Override
        public Optional<Batch> read(long version) {
            StateDelta d = deltas.get(version);
            return d == null ? Optional.empty() : Optional.of(d.fullState().get());
        }
    }

    @Test
    void when_groupsExpire_then_theDeltaHoldsTheUpdatedGroupsAndTheEvictedKeysAndTheMetricsCountThem() {
        GroupStore s = store();
        Recording storage = new Recording();
        s.attach(storage);
        s.beginBatch(0, Long.MIN_VALUE);
        int[] g = s.findOrInsert(keys(0, 20, 0));
        s.endBatch(s.markUpdated(g, g.length), 0, 0);
        s.checkpoint(0);

        s.beginBatch(1, 15);
        int[] g2 = s.findOrInsert(keys(20, 30));
        int updated = s.markUpdated(g2, g2.length);
        int[] expired = s.expired(15);
        s.evict(expired);
        s.endBatch(updated, expired.length, 0);
        s.checkpoint(1);

        assertThat(col(storage.deltas.get(0L).upserts())).containsExactly(0L, 20L);
        assertThat(col(storage.deltas.get(1L).upserts())).containsExactly(20L, 30L);
        assertThat(col(storage.deltas.get(1L).removedKeys())).containsExactly(0L);
        assertThat(col(s.snapshot())).containsExactly(20L, 30L);
        assertThat(s.metrics().numRowsTotal()).isEqualTo(2L);
        assertThat(s.metrics().numRowsUpdated()).isEqualTo(2L);
        assertThat(s.metrics().numRowsRemoved()).isEqualTo(1L);
        assertThat(s.version()).isEqualTo(1L);
    }

    @Test
    void when_aStoreRestores_then_itHoldsTheSavedGroupsAndItsNextDeltaHasOnlyNewChanges() {
        GroupStore s = store();
        Recording storage = new Recording();
        s.attach(storage);
        s.beginBatch(0, Long.MIN_VALUE);
        int[] g = s.findOrInsert(keys(5, 7));
        s.endBatch(s.markUpdated(g, g.length), 0, 0);
        s.checkpoint(0);

        GroupStore restored = store();
        restored.attach(storage);
        restored.restore(0, "test operator");
        restored.beginBatch(1, Long.MIN_VALUE);
        int[] g2 = restored.findOrInsert(keys(9));
        restored.endBatch(restored.markUpdated(g2, 1), 0, 0);

        assertThat(col(restored.snapshot())).containsExactly(5L, 7L, 9L);
        assertThat(col(restored.delta().upserts())).containsExactly(9L);
        assertThat(restored.delta().removedKeys().numRows()).isZero();
    }

    @Test
    void when_aLateRowIsDropped_then_itIsCountedWithItsBatchAndWatermark() {
        GroupStore s = store();
        s.beginBatch(3, 50);
        s.dropLate(Row.of(Schema.of(Field.of("key0", DataType.LONG)), new Object[] {1L}), 11);
        assertThat(s.lateRows().total()).isEqualTo(1L);
        assertThat(s.lateRows().sample().get(0).batchId()).isEqualTo(3L);
        assertThat(s.lateRows().sample().get(0).watermarkMicros()).isEqualTo(50L);
    }

    @Test
    void when_aStoreThatCannotSaveMeetsACheckpointWithState_then_restoringFailsInsteadOfStartingEmpty() {
        KeyedStore<String> s = new KeyedStore<>("test", null, 64);
        s.attach(new Recording());
        assertThatThrownBy(() -> s.restore(0, "keyed op"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("keyed op cannot restore its state");
        assertThat(new ArrayList<>(s.values())).isEmpty();
    }
}
