package dev.eddy.streaming.internal.state;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;

/**
 * A {@link KeyedStore} whose keys own several state rows (a key's sessions, a join side's buffered rows); each row
 * counts in the metrics, and rows are evicted one by one.
 *
 * @param <E> one state row
 */
public final class ListStore<E> extends KeyedStore<List<E>> {

    public ListStore(String operatorName, Codec<List<E>> codec, long bytesPerRow) {
        super(operatorName, codec, List::size, bytesPerRow);
    }

    /**
     * Removes every row {@code expired} accepts (e.g. ended at or before the watermark), in key order, telling
     * {@code onEvict} about each; marks their keys changed and drops keys left without rows. Returns how many.
     */
    public int evictWhere(BiPredicate<List<Object>, E> expired, BiConsumer<List<Object>, E> onEvict) {
        int removed = 0;
        Iterator<Map.Entry<List<Object>, List<E>>> it = entries().entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<List<Object>, List<E>> e = it.next();
            Iterator<E> rows = e.getValue().iterator();
            while (rows.hasNext()) {
                E row = rows.next();
                if (expired.test(e.getKey(), row)) {
                    rows.remove();
                    touch(e.getKey());
                    removed++;
                    onEvict.accept(e.getKey(), row);
                }
            }
            if (e.getValue().isEmpty()) {
                it.remove();
            }
        }
        return removed;
    }
}
