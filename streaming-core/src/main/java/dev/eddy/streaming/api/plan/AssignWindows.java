package dev.eddy.streaming.api.plan;

import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.expr.ExprTypes;
import java.util.List;

/**
 * {@code window(ts, size [, slide [, startTime]])} outside a GROUP BY, as Spark's analyzer expands it: one output row
 * per window that contains the row's time (one for a tumbling window, up to size / slide for a sliding one), the
 * child's columns followed by the window struct {@code outputName} ({@code start}, {@code end}). A row with a null
 * time has no window and gives no row. The window column carries its time column's watermark, so that a join on it
 * can evict its state by {@code window.end} (Spark's event-time metadata moves onto the window attribute).
 */
public record AssignWindows(LogicalPlan child, Expr.Window window, String outputName) implements UnaryPlan {
    public AssignWindows {
        ExprTypes.field(window, child.schema()); // checks the time column is a timestamp
        if (child.schema().indexOf(outputName) >= 0) {
            throw new IllegalArgumentException("column '" + outputName + "' already exists in " + child.schema());
        }
    }

    /**
     * For a projection of {@code items} over {@code child}: the window(...) item, if there is one, is computed by an
     * AssignWindows below the projection and {@code items} (changed in place) reads it from there; returns the plan
     * the projection reads, {@code child} itself without a window. Spark allows one window per projection.
     */
    public static LogicalPlan of(LogicalPlan child, List<Expr> items) {
        LogicalPlan out = child;
        for (int i = 0; i < items.size(); i++) {
            if (ExprTypes.unalias(items.get(i)) instanceof Expr.Window w) {
                if (out != child) {
                    throw new IllegalArgumentException("only one window(...) per select (as in Spark: several would"
                            + " multiply the rows by each other's windows)");
                }
                String name = ExprTypes.name(items.get(i));
                String column = child.schema().indexOf(name) < 0 ? name : "__window_" + name;
                out = new AssignWindows(child, w, column);
                items.set(i, column.equals(name) ? new Expr.Col(column) : new Expr.Alias(new Expr.Col(column), name));
            }
        }
        return out;
    }

    @Override
    public Schema schema() {
        return child.schema().add(ExprTypes.WINDOW_FIELD.withName(outputName));
    }

    @Override
    public String describe() {
        return "AssignWindows " + window + " AS " + outputName;
    }
}
