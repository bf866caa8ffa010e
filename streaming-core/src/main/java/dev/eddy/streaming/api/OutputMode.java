package dev.eddy.streaming.api;

import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.expr.ExprTypes;
import dev.eddy.streaming.api.plan.Aggregate;
import dev.eddy.streaming.api.plan.LogicalPlan;
import dev.eddy.streaming.api.plan.Sort;
import dev.eddy.streaming.internal.exec.Planner;
import java.util.Locale;

/** How a query's result table is written to its sink each trigger (Spark's output modes). */
public enum OutputMode {
    /** Only rows that will never change again are written once (finalized windows, non-aggregated rows). */
    APPEND,
    /** Rows changed by this trigger are written; sinks upsert them by the result's key columns. */
    UPDATE,
    /** The whole result table is written every trigger; sinks replace what they had. */
    COMPLETE;

    /**
     * The mode for a result table a person watches (a {@code %%sql} cell's memory table, a live view): the whole
     * table for an aggregation (complete), else the rows as they come (append). Where the engine's output-mode
     * rules refuse complete (e.g. a join under the aggregation, flatMapGroupsWithState), append; where they refuse
     * both, append, so starting the query reports why.
     */
    public static OutputMode forResultTable(LogicalPlan plan) {
        return aggregates(plan) && allowed(plan, COMPLETE) ? COMPLETE : APPEND;
    }

    /**
     * The mode for a query writing into a sink ({@code INSERT INTO}): complete where it sorts (the only mode a
     * sort runs in), update where it aggregates (the sink receives each changed group), else append. A session
     * window is never updated (Spark refuses update mode for it): append when the watermark closes its sessions,
     * else complete.
     */
    public static OutputMode forSink(LogicalPlan plan) {
        if (has(plan, Sort.class)) {
            return COMPLETE;
        }
        if (!aggregates(plan)) {
            return APPEND;
        }
        if (sessionWindowed(plan)) {
            return allowed(plan, APPEND) ? APPEND : COMPLETE;
        }
        return UPDATE;
    }

    private static boolean aggregates(LogicalPlan plan) {
        return has(plan, Aggregate.class);
    }

    private static boolean sessionWindowed(LogicalPlan p) {
        if (p instanceof Aggregate a
                && a.groupings().stream().anyMatch(g -> ExprTypes.unalias(g) instanceof Expr.SessionWindow)) {
            return true;
        }
        return p.children().stream().anyMatch(OutputMode::sessionWindowed);
    }

    private static boolean has(LogicalPlan p, Class<? extends LogicalPlan> type) {
        return type.isInstance(p) || p.children().stream().anyMatch(c -> has(c, type));
    }

    /** Whether the engine's output-mode rules (the ones checked at start) accept {@code mode} for the plan. */
    private static boolean allowed(LogicalPlan plan, OutputMode mode) {
        if (!plan.isStreaming()) {
            return true;
        }
        try {
            Planner.plan(plan, mode, Clock.system());
            return true;
        } catch (UnsupportedOperationException refused) {
            return false;
        } catch (RuntimeException other) {
            return true; // not a question of the mode: starting the query reports it
        }
    }

    /** Parses "append", "update" or "complete" (any case). */
    public static OutputMode parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown output mode '" + name + "': use append, update or complete");
        }
    }
}
