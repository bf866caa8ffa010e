package dev.eddy.sql.internal.translate;

import dev.eddy.streaming.api.expr.Expr;
import java.util.List;
import org.apache.calcite.rel.core.AggregateCall;

/** Calcite aggregate calls as engine aggregates; COUNT(DISTINCT x) is approximate, as in Spark streaming. */
final class Aggregates {
    private Aggregates() {}

    static Expr of(AggregateCall call, List<Expr> input) {
        if (call.filterArg >= 0) {
            throw new Unsupported("FILTER (WHERE ...) on aggregates is not supported by the streaming engine yet");
        }
        if (call.getArgList().size() > 1) {
            throw new Unsupported(call.getAggregation().getName() + " with several arguments is not supported");
        }
        Expr arg =
                call.getArgList().isEmpty() ? null : input.get(call.getArgList().get(0));
        if (arg != null && Translated.isWindowMarker(arg)) {
            throw new Unsupported("aggregating window_start/window_end is not supported");
        }
        switch (call.getAggregation().getKind()) {
            case COUNT:
                return new Expr.Agg(call.isDistinct() ? Expr.AggFn.APPROX_COUNT_DISTINCT : Expr.AggFn.COUNT, arg);
            case SUM:
            case SUM0:
                return new Expr.Agg(Expr.AggFn.SUM, arg);
            case AVG:
                return new Expr.Agg(Expr.AggFn.AVG, arg);
            case MIN:
                return new Expr.Agg(Expr.AggFn.MIN, arg);
            case MAX:
                return new Expr.Agg(Expr.AggFn.MAX, arg);
            default:
                throw new Unsupported("aggregate " + call.getAggregation().getName() + " is not supported by the"
                        + " streaming engine yet");
        }
    }
}
