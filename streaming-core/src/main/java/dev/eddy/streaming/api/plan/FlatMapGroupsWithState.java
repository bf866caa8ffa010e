package dev.eddy.streaming.api.plan;

import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.function.GroupStateFunction;
import dev.eddy.streaming.api.function.GroupStateTimeout;
import dev.eddy.streaming.api.function.StateCodec;
import java.util.List;

/** Arbitrary keyed state: a user function per key with its state and timeouts; outputs rows of {@code schema}. */
public record FlatMapGroupsWithState(
        LogicalPlan child,
        List<String> keyColumns,
        GroupStateFunction<?> function,
        Schema schema,
        GroupStateTimeout timeout,
        StateCodec<?> codec)
        implements UnaryPlan {

    /** Without a codec: the state cannot be checkpointed. */
    public FlatMapGroupsWithState(
            LogicalPlan child,
            List<String> keyColumns,
            GroupStateFunction<?> function,
            Schema schema,
            GroupStateTimeout timeout) {
        this(child, keyColumns, function, schema, timeout, null);
    }

    public FlatMapGroupsWithState {
        keyColumns = List.copyOf(keyColumns);
        if (keyColumns.isEmpty()) {
            throw new IllegalArgumentException("groupByKey needs at least one key column");
        }
        for (String k : keyColumns) {
            child.schema().require(k);
        }
    }

    @Override
    public String describe() {
        return "FlatMapGroupsWithState keys=" + keyColumns + " timeout=" + timeout + " -> " + schema;
    }
}
