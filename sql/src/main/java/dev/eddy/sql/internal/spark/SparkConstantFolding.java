package dev.eddy.sql.internal.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.DataContexts;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexExecutable;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * Spark's constant folding (its optimizer's ConstantFolding rule) put into a plan before it runs, batch or streaming.
 * Spark computes a constant expression once, while planning, and a constant that fails there fails the query,
 * whatever the rows; but inside a conditional expression that is not itself constant ({@code CASE}, {@code
 * coalesce}, {@code IF}, {@code nullif}, {@code nvl}) a constant that fails is left as it is and computed row by
 * row, only in the rows that reach it, so {@code CASE WHEN a > 0 THEN CAST('x' AS INT) ELSE 1 END} fails only if a
 * row has {@code a > 0}. A conditional whose operands are all constant is computed as a whole, lazily: {@code
 * coalesce(2, 'x')} is 2 and {@code CASE WHEN false THEN CAST('x' AS INT) ELSE 1 END} is 1, while {@code
 * coalesce(NULL, 'x')} fails the query.
 *
 * <p>Here every constant under a conditional is computed at planning; one that fails gets its literals wrapped in
 * {@link SparkDefer} so that no later folding (Calcite's planner, its code generator) computes it before its
 * branch is taken. A constant conditional outside any other conditional is computed as Spark computes it, and its
 * failure fails the query with Spark's error. Other constants are left to the engines, which fail on them as Spark
 * does.
 */
public final class SparkConstantFolding {
    private final RexBuilder rb;

    private final boolean everyConstant;

    /** Computing a node over a local table's rows, one by one (Spark's ConvertToLocalRelation). */
    private final boolean perRow;

    private SparkConstantFolding(RexBuilder rb, boolean everyConstant, boolean perRow) {
        this.rb = rb;
        this.everyConstant = everyConstant;
        this.perRow = perRow;
    }

    /**
     * The plan with Spark's folding of constants in conditional expressions; a failing constant throws. With {@code
     * everyConstant}, every other constant is computed too, so that it fails the query as in Spark even when no row
     * comes (the streaming engine computes constants per batch; a batch plan's generated code computes them once,
     * before the first row, failing as Spark does).
     */
    public static RelNode apply(RelNode plan, boolean everyConstant) {
        RexShuttle planned =
                expressions(new SparkConstantFolding(plan.getCluster().getRexBuilder(), everyConstant, false));
        RexShuttle rowByRow =
                expressions(new SparkConstantFolding(plan.getCluster().getRexBuilder(), everyConstant, true));
        return plan.accept(new RelHomogeneousShuttle() {
            @Override
            public RelNode visit(RelNode other) {
                RelNode visited = super.visit(other);
                return visited.accept(!everyConstant && SparkLocalRelations.rowByRow(visited) ? rowByRow : planned);
            }
        });
    }

    private static RexShuttle expressions(SparkConstantFolding folding) {
        return new RexShuttle() {
            @Override
            public RexNode visitCall(RexCall call) {
                return folding.fold(call, false);
            }
        };
    }

    private RexNode fold(RexNode node, boolean inConditional) {
        if (!(node instanceof RexCall call)) {
            return node;
        }
        // current_timestamp() and the like are constant only once the query (or micro-batch) has its time
        // Eddy's interval runtime (SparkIntervals) is never folded by Calcite: computed here as Spark folds it
        boolean runtime = SparkIntervals.isConstantDivision(call);
        boolean constant = (RexUtil.isConstant(call) || runtime) && !readsTheTime(call);
        boolean nested = containsConditional(call);
        if (constant && !inConditional && !nested && !everyConstant && !perRow && !runtime && !callsEddy(call)) {
            return call; // not Spark's business here: the engines compute it where it stands, failing as Spark does
        }
        RexNode folded = call;
        if (!constant || nested) {
            // the operands of a conditional run only in the rows (or the evaluation) that reach them
            boolean operandsConditional = inConditional || isConditional(call);
            List<RexNode> operands = new ArrayList<>();
            boolean changed = false;
            for (RexNode o : call.getOperands()) {
                RexNode f = fold(o, operandsConditional);
                changed |= f != o;
                operands.add(f);
            }
            folded = changed ? call.clone(call.getType(), operands) : call;
        }
        if (!constant) {
            return folded;
        }
        RuntimeException failure = evaluate(folded);
        if (failure == null) {
            return folded;
        }
        if (inConditional || perRow) {
            return defer(folded); // computed only in the rows that reach it
        }
        throw failure;
    }

    /**
     * Whether a constant calls one of Eddy's functions (a Java method: {@code to_timestamp}, {@code dateadd}, Spark's
     * checked arithmetic, ...). Calcite folds its own operators' constants while it plans (a cast of a literal fails
     * there whatever the rows), but leaves such a call to the generated code, which computes it only when a row
     * reaches it: over a join no row passes, {@code to_timestamp('abc')} answered no rows where Spark's
     * ConstantFolding fails the query. So these are computed here, as Spark folds them.
     */
    private static boolean callsEddy(RexNode node) {
        if (!(node instanceof RexCall call)) {
            return false;
        }
        if (call.getOperator() instanceof SqlUserDefinedFunction) {
            return true;
        }
        for (RexNode o : call.getOperands()) {
            if (callsEddy(o)) {
                return true;
            }
        }
        return false;
    }

    private static boolean readsTheTime(RexNode node) {
        if (!(node instanceof RexCall call)) {
            return false;
        }
        if (call.getOperator().isDynamicFunction()) {
            return true;
        }
        for (RexNode o : call.getOperands()) {
            if (readsTheTime(o)) {
                return true;
            }
        }
        return false;
    }

    /** Spark's conditional expressions, as Calcite writes them ({@code IF}, {@code nullif}, {@code nvl}: CASE). */
    private static boolean isConditional(RexCall call) {
        return call.getKind() == SqlKind.CASE || call.getKind() == SqlKind.COALESCE;
    }

    private static boolean containsConditional(RexNode node) {
        if (!(node instanceof RexCall call)) {
            return false;
        }
        if (isConditional(call)) {
            return true;
        }
        for (RexNode o : call.getOperands()) {
            if (containsConditional(o)) {
                return true;
            }
        }
        return false;
    }

    /** Every literal of {@code node} made opaque to folding. */
    private RexNode defer(RexNode node) {
        return node.accept(new RexShuttle() {
            @Override
            public RexNode visitLiteral(RexLiteral literal) {
                return SparkDefer.wrap(rb, literal);
            }

            @Override
            public RexNode visitCall(RexCall call) {
                // a deferred literal stays as it is
                return call.getOperator().getName().equals(SparkDefer.NAME) ? call : super.visitCall(call);
            }
        });
    }

    /** A constant that fails where Spark's planner computes it: the query fails with Spark's error. */
    public static final class ConstantFailure extends RuntimeException {
        ConstantFailure(String message) {
            super(message);
        }
    }

    /** Computes a constant expression as Spark's planner would; its error, or null when it computes. */
    private RuntimeException evaluate(RexNode constant) {
        RexExecutable executable;
        try {
            executable = RexExecutorImpl.getExecutable(
                    rb, List.of(constant), rb.getTypeFactory().builder().build());
        } catch (RuntimeException | AssertionError e) {
            return null; // Calcite cannot compute it on its own (a window's descriptor, ...): the engines will
        } catch (LinkageError e) {
            // the generated code computes constants as it loads: a constant that fails fails there
            return failure(e);
        }
        try {
            executable.setDataContext(DataContexts.EMPTY);
            executable.execute();
            return null;
        } catch (RuntimeException e) {
            return failure(e);
        }
    }

    private static RuntimeException failure(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        if (t instanceof NumberFormatException) {
            // Calcite's cast of text to a number (Spark's message, as a batch query gives it for a column's text)
            Matcher v = Pattern.compile("\"([^\"]{0,60})").matcher(m == null ? "" : m);
            return new ConstantFailure("[CAST_INVALID_INPUT] The value" + (v.find() ? " '" + v.group(1) + "'" : "")
                    + " of the type \"STRING\" cannot be cast to a number because it is malformed. Use try_cast"
                    + " to tolerate malformed input and return NULL instead.");
        }
        return new ConstantFailure(
                m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m));
    }
}
