package dev.eddy.streaming.api.plan;

import dev.eddy.streaming.api.data.Schema;
import java.util.List;

/**
 * A node of a query's logical plan: an immutable, public data structure that the fluent {@code Dataset}
 * API and the SQL front end both build and that the physical planner compiles into operators. Each node
 * knows its output schema (validated when the node is made, so errors show where the query is written).
 */
public sealed interface LogicalPlan permits Scan, StaticScan, Join, Union, UnaryPlan {

    Schema schema();

    List<LogicalPlan> children();

    /** True if any leaf is a streaming {@link Scan}. */
    default boolean isStreaming() {
        return children().stream().anyMatch(LogicalPlan::isStreaming);
    }

    /** A one-line description of this node (without children), for explain(). */
    String describe();
}
