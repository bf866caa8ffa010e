package dev.eddy.sql.internal.validate;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.util.SqlOperatorTables;

/**
 * Spark's {@code l LEFT SEMI JOIN r ON c}: the rows of l that have a match in r, each once, with l's columns. Calcite
 * parses it (Babel's grammar, added to Eddy's) but neither validates nor converts it, so before validation it becomes
 * an inner join whose condition is marked {@code EDDY_LEFT_SEMI(c)}, and a {@code SELECT *} over it selects l's
 * columns; the translator turns a join with the mark into the engine's left semi join.
 */
public final class LeftSemiJoins {
    /** The mark on a rewritten semi join's condition (true where its argument is). */
    public static final SqlFunction MARK = new SqlFunction(
            "EDDY_LEFT_SEMI",
            SqlKind.OTHER_FUNCTION,
            ReturnTypes.ARG0,
            null,
            OperandTypes.BOOLEAN,
            SqlFunctionCategory.SYSTEM);

    static final SqlOperatorTable TABLE = SqlOperatorTables.of(List.of(MARK));

    private LeftSemiJoins() {}

    /** Rewrites every LEFT SEMI JOIN in {@code node} in place; returns the first one's position, or null if none. */
    public static SqlParserPos rewriteAll(SqlNode node) {
        List<SqlParserPos> found = new ArrayList<>();
        rewrite(node, found);
        return found.isEmpty() ? null : found.get(0);
    }

    private static void rewrite(SqlNode node, List<SqlParserPos> found) {
        if (!(node instanceof SqlCall call)) {
            return;
        }
        if (call instanceof SqlSelect select && select.getFrom() instanceof SqlJoin j && isSemi(j)) {
            narrowStar(select, j.getLeft());
        }
        for (SqlNode operand : call.getOperandList()) {
            if (operand instanceof SqlNodeList list) {
                list.forEach(item -> rewrite(item, found));
            } else if (operand != null) {
                rewrite(operand, found);
            }
        }
        if (call instanceof SqlJoin j && isSemi(j)) {
            found.add(j.getJoinTypeNode().getParserPosition());
            j.setOperand(2, JoinType.INNER.symbol(j.getJoinTypeNode().getParserPosition()));
            SqlNode condition = j.getCondition();
            if (condition == null) {
                throw ErrorMessages.at(j.getJoinTypeNode().getParserPosition(), "LEFT SEMI JOIN needs an ON condition");
            }
            j.setOperand(5, MARK.createCall(condition.getParserPosition(), condition));
        }
    }

    private static boolean isSemi(SqlJoin j) {
        return j.getJoinType() == JoinType.LEFT_SEMI_JOIN;
    }

    /** {@code SELECT *} over {@code l LEFT SEMI JOIN r} selects {@code l.*}, as in Spark. */
    private static void narrowStar(SqlSelect select, SqlNode left) {
        SqlNodeList items = select.getSelectList();
        String name = left instanceof SqlIdentifier id
                ? id.names.get(id.names.size() - 1)
                : left instanceof SqlBasicCall as && as.getKind() == SqlKind.AS
                        ? ((SqlIdentifier) as.operand(1)).getSimple()
                        : null;
        if (name == null) {
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof SqlIdentifier id && id.isStar() && id.names.size() == 1) {
                items.set(i, new SqlIdentifier(List.of(name, ""), id.getParserPosition()));
            }
        }
    }

    /** The condition of a rewritten semi join without its mark, or null if {@code condition} carries none. */
    public static RexNode unmarked(RexNode condition) {
        if (condition instanceof RexCall c && c.getOperator() == MARK) {
            return c.getOperands().get(0);
        }
        if (condition instanceof RexCall c && c.getOperator() == SqlStdOperatorTable.AND) {
            List<RexNode> parts = new ArrayList<>();
            boolean marked = false;
            for (RexNode o : c.getOperands()) {
                RexNode u = unmarked(o);
                marked |= u != null;
                parts.add(u != null ? u : o);
            }
            return marked ? c.clone(c.getType(), parts) : null;
        }
        return null;
    }

    /** {@code condition} without a semi join's mark (itself when it has none). */
    public static RexNode withoutMark(RexNode condition) {
        RexNode u = unmarked(condition);
        return u != null ? u : condition;
    }
}
