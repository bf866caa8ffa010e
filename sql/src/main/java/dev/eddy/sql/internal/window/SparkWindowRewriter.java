package dev.eddy.sql.internal.window;

import dev.eddy.sql.internal.parser.SparkWindowOperator;
import dev.eddy.sql.internal.validate.ErrorMessages;
import dev.eddy.streaming.api.Intervals;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Rewrites Spark's window forms, in place, into Calcite's window table functions so that only one
 * window form reaches validation and translation:
 * <pre>
 *   FROM s GROUP BY window(ts, size)              -> FROM TABLE(TUMBLE(TABLE s, DESCRIPTOR(ts), size)) AS s
 *   FROM s GROUP BY window(ts, size, slide)       -> FROM TABLE(HOP(TABLE s, DESCRIPTOR(ts), slide, size)) AS s
 *   FROM s GROUP BY session_window(ts, gap), k    -> FROM TABLE(SESSION(TABLE s, DESCRIPTOR(ts), DESCRIPTOR(k), gap)) AS s
 * </pre>
 * and the window item of GROUP BY into window_start, window_end. Mind the order: Spark's window takes
 * size then slide, HOP takes slide then size. {@code window.start}/{@code window.end} are already
 * window_start/window_end from the parser.
 */
public final class SparkWindowRewriter {
    private SparkWindowRewriter() {}

    public static void rewrite(SqlNode statement) {
        List<SqlSelect> selects = new ArrayList<>();
        statement.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call instanceof SqlSelect s) {
                    selects.add(s);
                }
                return super.visit(call);
            }
        });
        for (SqlSelect select : selects) {
            rewriteSelect(select);
        }
        WindowFields.qualifyStructFields(statement);
        WindowFields.groupStructFields(statement);
        WindowFields.resolveLeftovers(statement);
        rejectLeftovers(statement);
    }

    static boolean isSparkWindow(SqlNode node) {
        if (!(node instanceof SqlCall call)) {
            return false;
        }
        return call.getOperator() instanceof SparkWindowOperator
                || call.getOperator().getName().equalsIgnoreCase("SESSION_WINDOW");
    }

    private static void rewriteSelect(SqlSelect select) {
        SqlNodeList groupBy = select.getGroup();
        if (groupBy == null || groupBy.stream().noneMatch(SparkWindowRewriter::isSparkWindow)) {
            projectedWindow(select);
        }
        if (groupBy == null) {
            return;
        }
        SqlCall window = null;
        List<SqlNode> keys = new ArrayList<>();
        for (SqlNode item : groupBy) {
            if (isSparkWindow(item)) {
                if (window != null) {
                    throw ErrorMessages.at(item.getParserPosition(), "Only one window(...) is allowed in GROUP BY");
                }
                window = (SqlCall) item;
            } else {
                keys.add(item);
            }
        }
        if (window == null) {
            return;
        }
        WindowFields.resolve(select, isSessionWindow(window));
        SqlParserPos pos = window.getParserPosition();
        select.setFrom(windowedFrom(select.getFrom(), window, keys));
        List<SqlNode> newGroup = new ArrayList<>();
        newGroup.add(new SqlIdentifier("window_start", pos));
        newGroup.add(new SqlIdentifier("window_end", pos));
        newGroup.addAll(keys);
        select.setGroupBy(new SqlNodeList(newGroup, groupBy.getParserPosition()));
    }

    /**
     * {@code SELECT window(ts, ...) AS w, ... FROM s} without GROUP BY (Spark projects the window: one row per window
     * containing ts): FROM becomes the window table function and the item the struct of its bounds.
     */
    private static void projectedWindow(SqlSelect select) {
        SqlNodeList items = select.getSelectList();
        SqlCall window = null;
        for (int i = 0; i < items.size(); i++) {
            SqlNode item = items.get(i);
            boolean aliased = item.getKind() == SqlKind.AS;
            SqlNode e = aliased ? ((SqlCall) item).operand(0) : item;
            if (!(isSparkWindow(e) && ((SqlCall) e).getOperator() == SparkWindowOperator.WINDOW)) {
                continue;
            }
            if (window != null) {
                throw ErrorMessages.at(
                        e.getParserPosition(),
                        "Only one window(...) is allowed in a SELECT",
                        "as in Spark: several would multiply each row by each other's windows");
            }
            window = (SqlCall) e;
            SqlParserPos pos = e.getParserPosition();
            SqlNode struct = WindowStruct.INSTANCE.createCall(
                    pos, new SqlIdentifier("window_start", pos), new SqlIdentifier("window_end", pos));
            SqlNode alias = aliased ? ((SqlCall) item).operand(1) : new SqlIdentifier("window", pos);
            items.set(i, SqlStdOperatorTable.AS.createCall(item.getParserPosition(), struct, alias));
        }
        if (window != null) {
            select.setFrom(windowedFrom(select.getFrom(), window, List.of()));
        }
    }

    private static SqlNode windowedFrom(SqlNode from, SqlCall window, List<SqlNode> keys) {
        SqlParserPos pos = window.getParserPosition();
        SqlNode table;
        SqlIdentifier alias;
        SqlNode source = from != null && from.getKind() == SqlKind.AS ? ((SqlCall) from).operand(0) : from;
        if (source instanceof SqlIdentifier id) {
            table = SqlStdOperatorTable.EXPLICIT_TABLE.createCall(pos, id);
            alias = from == source
                    ? new SqlIdentifier(id.names.get(id.names.size() - 1), id.getParserPosition())
                    : ((SqlCall) from).operand(1);
        } else if (source != null && source.getKind() == SqlKind.SELECT) {
            // a subquery is a table argument of its own, e.g. words exploded from lines, then windowed
            table = source;
            alias = from == source ? new SqlIdentifier("t", pos) : ((SqlCall) from).operand(1);
        } else {
            throw ErrorMessages.at(
                    pos,
                    "window(...) needs a single stream, table or subquery in FROM;"
                            + " for joins use TUMBLE/HOP/SESSION(TABLE ..., DESCRIPTOR(ts), ...)");
        }
        SqlNode tvf = windowFunction(window, table, keys);
        SqlNode collection = SqlStdOperatorTable.COLLECTION_TABLE.createCall(pos, tvf);
        return SqlStdOperatorTable.AS.createCall(pos, collection, alias);
    }

    private static boolean isSessionWindow(SqlCall window) {
        return !(window.getOperator() instanceof SparkWindowOperator)
                || window.getOperator() == SparkWindowOperator.SESSION_WINDOW;
    }

    private static SqlNode windowFunction(SqlCall window, SqlNode tableArg, List<SqlNode> keys) {
        SqlParserPos pos = window.getParserPosition();
        List<SqlNode> args = window.getOperandList();
        boolean session = isSessionWindow(window);
        String name = session ? "session_window" : "window";
        if (args.isEmpty() || !(args.get(0) instanceof SqlIdentifier ts)) {
            throw ErrorMessages.at(pos, name + "(...) needs the event-time column as its first argument");
        }
        SqlNode descriptor = SqlStdOperatorTable.DESCRIPTOR.createCall(
                pos, new SqlIdentifier(ts.names.get(ts.names.size() - 1), ts.getParserPosition()));
        if (session) {
            if (args.size() != 2) {
                throw ErrorMessages.at(pos, "session_window(ts, gap) takes 2 arguments, not " + args.size());
            }
            List<SqlNode> keyIds = new ArrayList<>();
            for (SqlNode k : keys) {
                if (k instanceof SqlIdentifier kid) {
                    keyIds.add(new SqlIdentifier(kid.names.get(kid.names.size() - 1), kid.getParserPosition()));
                }
            }
            SqlNode gap = interval(args.get(1), "gap");
            if (keyIds.isEmpty()) {
                return SqlStdOperatorTable.SESSION.createCall(pos, tableArg, descriptor, gap);
            }
            SqlNode keyDescriptor = SqlStdOperatorTable.DESCRIPTOR.createCall(pos, keyIds.toArray(new SqlNode[0]));
            return SqlStdOperatorTable.SESSION.createCall(pos, tableArg, descriptor, keyDescriptor, gap);
        }
        if (args.size() == 2) {
            return SqlStdOperatorTable.TUMBLE.createCall(pos, tableArg, descriptor, interval(args.get(1), "size"));
        }
        if (args.size() == 3 || args.size() == 4) {
            SqlNode size = interval(args.get(1), "size");
            SqlNode slide = interval(args.get(2), "slide");
            if (WindowChecks.millis(slide) > WindowChecks.millis(size)) {
                throw ErrorMessages.at(
                        args.get(2).getParserPosition(),
                        "The window slide is larger than its size",
                        "Spark's window(ts, size, slide) takes the size first");
            }
            if (args.size() == 4 && !isZero(args.get(3))) {
                SqlNode offset = startTime(args.get(3));
                if (Math.abs(WindowChecks.millis(offset)) >= WindowChecks.millis(slide)) {
                    throw ErrorMessages.at(
                            args.get(3).getParserPosition(),
                            "The absolute value of the window start time must" + " be less than the slide",
                            "windows start at startTime + k * slide");
                }
                return SqlStdOperatorTable.HOP.createCall(pos, tableArg, descriptor, slide, size, offset);
            }
            return SqlStdOperatorTable.HOP.createCall(pos, tableArg, descriptor, slide, size);
        }
        throw ErrorMessages.at(
                pos, "window(ts, size [, slide [, startTime]]) takes 2 to 4 arguments, not " + args.size());
    }

    /** A start time of '0 seconds' (any unit), which Spark accepts: windows start at the epoch, as without one. */
    private static boolean isZero(SqlNode arg) {
        return arg instanceof SqlCharStringLiteral s
                && Intervals.tryParse(s.getValueAs(String.class))
                        .map(Duration::isZero)
                        .orElse(false);
    }

    /** The start time: as an interval, but it may be negative ('-3 seconds', as Spark's window takes it). */
    private static SqlNode startTime(SqlNode arg) {
        if (arg instanceof SqlCharStringLiteral s
                && s.getValueAs(String.class).strip().startsWith("-")) {
            String text = s.getValueAs(String.class).strip().substring(1);
            Duration d = Intervals.tryParse(text)
                    .filter(x -> !x.isZero())
                    .orElseThrow(() -> ErrorMessages.at(
                            arg.getParserPosition(),
                            "Invalid interval '" + s.getValueAs(String.class) + "' for the window start time"
                                    + " (write e.g. '-3 seconds', '2 minutes')"));
            return literal(d.negated(), arg.getParserPosition());
        }
        return interval(arg, "start time");
    }

    /** '10 minutes' or INTERVAL '10' MINUTE. */
    private static SqlNode interval(SqlNode arg, String what) {
        if (arg instanceof SqlIntervalLiteral) {
            return arg;
        }
        if (arg instanceof SqlCharStringLiteral s) {
            String text = s.getValueAs(String.class);
            Duration d = Intervals.tryParse(text)
                    .filter(x -> !x.isZero())
                    .orElseThrow(() -> ErrorMessages.at(
                            arg.getParserPosition(),
                            "Invalid interval '" + text + "' for the window " + what
                                    + " (write e.g. '10 minutes', '5 seconds', '1 hour')"));
            return literal(d, arg.getParserPosition());
        }
        throw ErrorMessages.at(
                arg.getParserPosition(),
                "The window " + what + " must be a string such as '10 minutes' or an INTERVAL literal");
    }

    /** The duration as a SQL interval literal in the largest unit that holds it exactly. */
    private static SqlIntervalLiteral literal(Duration d, SqlParserPos pos) {
        int sign = d.isNegative() ? -1 : 1;
        long ms = Math.abs(d.toMillis());
        TimeUnit unit;
        String value;
        if (ms % 86_400_000L == 0) {
            unit = TimeUnit.DAY;
            value = Long.toString(ms / 86_400_000L);
        } else if (ms % 3_600_000L == 0) {
            unit = TimeUnit.HOUR;
            value = Long.toString(ms / 3_600_000L);
        } else if (ms % 60_000L == 0) {
            unit = TimeUnit.MINUTE;
            value = Long.toString(ms / 60_000L);
        } else {
            unit = TimeUnit.SECOND;
            value = BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString();
        }
        return SqlLiteral.createInterval(sign, value, new SqlIntervalQualifier(unit, null, pos), pos);
    }

    private static void rejectLeftovers(SqlNode statement) {
        statement.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (isSparkWindow(call)) {
                    String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
                    throw ErrorMessages.at(
                            call.getParserPosition(),
                            name + "(...) is only allowed in GROUP BY"
                                    + (name.equals("window") ? " or as an item of SELECT" : ""));
                }
                return super.visit(call);
            }
        });
    }
}
