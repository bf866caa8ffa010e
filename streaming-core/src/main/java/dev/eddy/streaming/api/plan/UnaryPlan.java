package dev.eddy.streaming.api.plan;

import java.util.List;

/** A plan node over one input, {@link #child()}. */
public sealed interface UnaryPlan extends LogicalPlan
        permits Project, Generate, AssignWindows, MapRows, Aggregate, FlatMapGroupsWithState, SameColumnsPlan {

    LogicalPlan child();

    @Override
    default List<LogicalPlan> children() {
        return List.of(child());
    }
}
