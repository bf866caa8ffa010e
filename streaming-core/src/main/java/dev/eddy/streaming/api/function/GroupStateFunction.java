package dev.eddy.streaming.api.function;

import dev.eddy.streaming.api.data.Row;
import java.util.Iterator;

/**
 * User code for {@code flatMapGroupsWithState}: called once per key with new rows in the batch, and once
 * per key whose timeout expired (with no rows and {@code state.hasTimedOut()}); emits output rows.
 */
@FunctionalInterface
public interface GroupStateFunction<S> {
    void call(Row key, Iterator<Row> values, GroupState<S> state, RowEmitter out);
}
