package dev.eddy.sql.internal.translate;

import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.plan.LogicalPlan;
import java.util.List;

/**
 * A RelNode translated so far: an engine plan plus, for each Calcite output field, the engine expression
 * that computes it over that plan. Keeping expressions instead of inserting a Project for every Calcite
 * Project keeps the engine plan as small as one written by hand. {@code window} is a window assignment
 * (from TUMBLE/HOP/SESSION) that the next aggregation must group by; its bounds appear as the marker
 * columns {@link #WINDOW_START} and {@link #WINDOW_END} until then.
 */
record Translated(LogicalPlan plan, List<Expr> columns, Expr window) {
    static final Expr WINDOW_START = new Expr.Col("\u0000window_start");
    static final Expr WINDOW_END = new Expr.Col("\u0000window_end");

    Translated {
        columns = List.copyOf(columns);
    }

    Translated withColumns(List<Expr> newColumns) {
        return new Translated(plan, newColumns, window);
    }

    static boolean isWindowMarker(Expr e) {
        return e == WINDOW_START || e == WINDOW_END;
    }
}
