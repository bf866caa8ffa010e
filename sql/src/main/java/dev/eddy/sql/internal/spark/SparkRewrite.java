package dev.eddy.sql.internal.spark;

import dev.eddy.sql.internal.validate.ErrorMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.fun.SqlBetweenOperator;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.util.Litmus;

/**
 * Puts Spark's meaning into a parsed statement, in place, before it is validated: {@code a / b} is fractional
 * division with an error for a zero divisor, {@code div} integral division, {@code substring} Spark's (negative
 * positions count from the end), {@code LIKE} escapes with a backslash, {@code approx_count_distinct} is answered
 * exactly (within any error bound). Batch and streaming queries both go through here.
 */
public final class SparkRewrite {
    private SparkRewrite() {}

    public static void rewrite(SqlNode statement) {
        walk(statement);
    }

    private static final Set<SqlKind> SAME_SIDES = Set.of(
            SqlKind.EQUALS,
            SqlKind.NOT_EQUALS,
            SqlKind.LESS_THAN,
            SqlKind.LESS_THAN_OR_EQUAL,
            SqlKind.GREATER_THAN,
            SqlKind.GREATER_THAN_OR_EQUAL,
            SqlKind.IN,
            SqlKind.NOT_IN);

    /** Two equal operands that are not literals (a literal is computed once, while planning, in Spark too). */
    private static boolean isSame(SqlNode a, SqlNode b) {
        return !(a instanceof SqlLiteral) && !(a instanceof SqlNodeList) && a.equalsDeep(b, Litmus.IGNORE);
    }

    /**
     * An inline table without an alias ({@code FROM VALUES (1, 'a')}, {@code FROM (VALUES ...)}) has Spark's column
     * names, {@code col1}, {@code col2}, ... (Calcite's were EXPR$0, ...).
     */
    private static SqlNode namedValues(SqlNode from) {
        if (from == null || from.getKind() != SqlKind.VALUES) {
            return from;
        }
        SqlCall values = (SqlCall) from;
        if (values.operandCount() == 0 || !(values.operand(0) instanceof SqlCall row)) {
            return from;
        }
        SqlParserPos pos = from.getParserPosition();
        List<SqlNode> operands = new ArrayList<>();
        operands.add(from);
        operands.add(new SqlIdentifier("inline_table", pos));
        for (int i = 1; i <= row.operandCount(); i++) {
            operands.add(new SqlIdentifier("col" + i, pos));
        }
        return SqlStdOperatorTable.AS.createCall(pos, operands);
    }

    /** A copy of {@code node} that shares no call or name with it (the validator rewrites them in place). */
    private static SqlNode copy(SqlNode node) {
        return node.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlIdentifier id) {
                return id.clone(id.getParserPosition());
            }

            @Override
            public SqlNode visit(SqlCall call) {
                CallCopyingArgHandler copying = new CallCopyingArgHandler(call, true);
                call.getOperator().acceptCall(this, call, false, copying);
                return copying.result();
            }
        });
    }

    private static SqlNode walk(SqlNode node) {
        if (node instanceof SqlNodeList list) {
            for (int i = 0; i < list.size(); i++) {
                SqlNode child = list.get(i);
                SqlNode replaced = walk(child);
                if (replaced != child) {
                    list.set(i, replaced);
                }
            }
            return node;
        }
        if (node instanceof SqlIdentifier id) {
            SparkDateForms.refuseLocalTimestamp(id);
        }
        if (!(node instanceof SqlCall call)) {
            return node;
        }
        List<SqlNode> operands = call.getOperandList();
        for (int i = 0; i < operands.size(); i++) {
            SqlNode child = operands.get(i);
            if (child == null) {
                continue;
            }
            SqlNode replaced = walk(child);
            if (replaced != child) {
                call.setOperand(i, replaced);
            }
        }
        return replace(call);
    }

    private static SqlNode replace(SqlCall call) {
        SqlOperator op = call.getOperator();
        SqlParserPos pos = call.getParserPosition();
        if (call instanceof SqlSelect select) {
            select.setFrom(namedValues(select.getFrom()));
        } else if (call instanceof SqlJoin join) {
            join.setLeft(namedValues(join.getLeft()));
            join.setRight(namedValues(join.getRight()));
        }
        if (SAME_SIDES.contains(op.getKind()) && call.operandCount() == 2) {
            // x = x (and x IN (x, ...)): both sides computed, as Spark computes them (SparkDefer.SAME)
            SqlNode left = call.operand(0);
            if (call.operand(1) instanceof SqlNodeList list) {
                for (int i = 0; i < list.size(); i++) {
                    SqlNode item = list.get(i);
                    if (isSame(left, item)) {
                        list.set(i, SparkDefer.SAME.createCall(item.getParserPosition(), item));
                    }
                }
            } else {
                SqlNode right = call.operand(1); // typed as SqlNode: createCall's List overload would take it
                if (isSame(left, right)) {
                    call.setOperand(1, SparkDefer.SAME.createCall(right.getParserPosition(), right));
                }
            }
        }
        if (op instanceof SqlBetweenOperator between
                && between.flag == SqlBetweenOperator.Flag.ASYMMETRIC
                && call.operandCount() == 3) {
            // Spark's BETWEEN is x >= low AND x <= high: typed (and refused, with Spark's
            // [DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES] for flag BETWEEN 0 AND 1) as those comparisons
            SqlNode both = SqlStdOperatorTable.AND.createCall(
                    pos,
                    SqlStdOperatorTable.GREATER_THAN_OR_EQUAL.createCall(pos, call.operand(0), call.operand(1)),
                    SqlStdOperatorTable.LESS_THAN_OR_EQUAL.createCall(pos, copy(call.operand(0)), call.operand(2)));
            return between.isNegated() ? SqlStdOperatorTable.NOT.createCall(pos, both) : both;
        }
        if (op == SqlStdOperatorTable.DIVIDE) {
            // typed after validation (DECIMAL or DOUBLE, as Spark types it), converted by SparkConvertlets
            return SparkArithmeticOperators.SPARK_SLASH.createCall(pos, call.operand(0), call.operand(1));
        }
        if (SparkAggregates.of(op.getName()) != null
                && call.operandCount() == 1
                && call instanceof SqlBasicCall
                && !(op instanceof SqlAggFunction agg && SparkAggregates.standard(agg) != agg)) {
            // SUM and AVG that also take intervals, as Spark's (SparkAggregates)
            return SparkAggregates.of(op.getName())
                    .createCall(
                            call.getFunctionQuantifier(),
                            pos,
                            call.getOperandList().get(0));
        }
        if (op.getKind() == SqlKind.OVER
                && call.operand(0) instanceof SqlBasicCall windowed
                && windowed.getOperator() instanceof SqlAggFunction agg
                && SparkAggregates.standard(agg) != agg) {
            windowed.setOperator(SparkAggregates.standard(agg)); // a window's SUM and AVG stay Calcite's
        }
        if (op.getName().equalsIgnoreCase("MAKE_INTERVAL")) {
            throw ErrorMessages.at(
                    pos,
                    "make_interval is not supported",
                    "it makes Spark's legacy CalendarInterval (typeof 'interval'), a type Eddy does not have; use"
                            + " make_dt_interval(days, hours, mins, secs) or make_ym_interval(years, months)");
        }
        if (op == SqlStdOperatorTable.MULTIPLY) {
            // typed after validation (an interval times a number is Spark's widest interval), see SparkConvertlets
            return SparkArithmeticOperators.SPARK_STAR.createCall(pos, call.operand(0), call.operand(1));
        }
        if (op.getKind() == SqlKind.MOD && call.operandCount() == 2 && op != SparkArithmeticOperators.SPARK_PERCENT) {
            // typed as Spark types it (a DOUBLE stays a DOUBLE), converted by SparkConvertlets
            return SparkArithmeticOperators.SPARK_PERCENT.createCall(pos, call.operand(0), call.operand(1));
        }
        if (op == EddyIntegerDivide.INSTANCE) {
            return SparkArithmeticOperators.DIV.createCall(
                    pos, cast(call.operand(0), SqlTypeName.BIGINT), cast(call.operand(1), SqlTypeName.BIGINT));
        }
        if (op == SqlStdOperatorTable.SUBSTRING && call.operandCount() >= 2) {
            return call.operandCount() == 2
                    ? SparkOperators.SUBSTRING2.createCall(pos, call.operand(0), call.operand(1))
                    : SparkOperators.SUBSTRING3.createCall(pos, call.operand(0), call.operand(1), call.operand(2));
        }
        if (op.getKind() == SqlKind.LIKE && call.operandCount() == 2 && call instanceof SqlBasicCall) {
            return op.createCall(
                    call.getFunctionQuantifier(),
                    pos,
                    call.operand(0),
                    call.operand(1),
                    SqlLiteral.createCharString("\\", pos));
        }
        if (op.getName().equalsIgnoreCase("TRY_DIVIDE") && call.operandCount() == 2) {
            return SparkArithmeticOperators.TRY_DIVIDE.createCall(
                    pos, cast(call.operand(0), SqlTypeName.DOUBLE), cast(call.operand(1), SqlTypeName.DOUBLE));
        }
        if (op.getName().equalsIgnoreCase("CONCAT") && call.operandCount() > 2) {
            // Spark's concat takes any number of arguments (NULL if any is): concat(concat(a, b), c) ...
            SqlNode acc = call.operand(0);
            for (SqlNode next : call.getOperandList().subList(1, call.operandCount())) {
                acc = op.createCall(pos, acc, next);
            }
            return acc;
        }
        if (op == SqlStdOperatorTable.CAST || op == SqlLibraryOperators.TRY_CAST) {
            // Spark's cast: whole numbers and DECIMALs to intervals of any fields and back (SparkIntervalCasts)
            return (op == SqlStdOperatorTable.CAST ? SparkIntervalCasts.CAST : SparkIntervalCasts.TRY_CAST)
                    .createCall(call.getFunctionQuantifier(), pos, call.getOperandList());
        }
        SqlNode dateForm = SparkDateForms.rewrite(call, pos);
        if (dateForm != call) {
            return dateForm;
        }
        if (SparkAliases.matches(op)) {
            return SparkAliases.rewrite(call, pos);
        }
        if (op.getName().equalsIgnoreCase("IF") && call.operandCount() == 3) {
            // Spark's if(c, a, b): CASE, so a and b get the common type by the same rule (SparkTypeCoercion)
            return caseWhen(pos, call.operand(0), call.operand(1), call.operand(2));
        }
        if ((op.getName().equalsIgnoreCase("GREATEST") || op.getName().equalsIgnoreCase("LEAST"))
                && call.operandCount() >= 2) {
            boolean greatest = op.getName().equalsIgnoreCase("GREATEST");
            // wrapped so the validator checks the arguments' types by Spark's rule (SparkExtremes)
            return SparkExtremes.wrap(
                    greatest, extreme(greatest, call.getOperandList(), pos), call.getOperandList(), pos);
        }
        if (op.getName().equalsIgnoreCase("TRY_AVG") && call.operandCount() == 1) {
            // Spark's AVG of a number sums as a DOUBLE (or a wider DECIMAL): it has no overflow to tolerate
            SqlNode x = call.operand(0);
            return SqlStdOperatorTable.AVG.createCall(call.getFunctionQuantifier(), pos, x);
        }
        if (op.getName().equalsIgnoreCase("LENGTH")
                || op.getName().equalsIgnoreCase("CHAR_LENGTH")
                || op.getName().equalsIgnoreCase("CHARACTER_LENGTH")) {
            // Spark casts a number, boolean or time to its text here (ANSI implicit cast); Calcite refuses it
            return call.operandCount() == 1
                    ? SqlStdOperatorTable.CHAR_LENGTH.createCall(pos, cast(call.operand(0), SqlTypeName.VARCHAR))
                    : call;
        }
        if (op.getName().equalsIgnoreCase("COUNT_IF")
                && call.operandCount() == 1
                && call.getFunctionQuantifier() == null) {
            // Spark's count_if(c): the rows where c is true (not false, not NULL), 0 over none; c must be a BOOLEAN,
            // which CASE's condition checks as Spark does
            return SqlStdOperatorTable.COUNT.createCall(
                    pos,
                    new SqlCase(
                            pos,
                            null,
                            SqlNodeList.of(call.operand(0)),
                            SqlNodeList.of(SqlLiteral.createExactNumeric("1", pos)),
                            SqlLiteral.createNull(pos)));
        }
        if (op.getName().equalsIgnoreCase("APPROX_COUNT_DISTINCT") && call.operandCount() == 1) {
            // the operand typed as SqlNode: left generic, Java picks createCall's SqlNodeList overload
            SqlNode arg = call.operand(0);
            return SqlStdOperatorTable.COUNT.createCall(SqlSelectKeyword.DISTINCT.symbol(pos), pos, arg);
        }
        return call;
    }

    /**
     * Spark's greatest/least: NULLs are skipped (NULL only when every argument is), the arguments have the common
     * type of CASE, NaN is above every number. Written as nested CASEs of two: {@code CASE WHEN a IS NULL THEN b WHEN b
     * IS NULL THEN a WHEN SPARK_OR_NAN(a >= b, a) THEN a ELSE b END}.
     */
    private static SqlNode extreme(boolean greatest, List<SqlNode> all, SqlParserPos pos) {
        // a NULL never wins and gives no type: greatest(NULL, a) is a's type (Spark's int, not a string's BIGINT),
        // greatest(NULL, NULL) is Spark's void
        List<SqlNode> args =
                all.stream().filter(a -> !SqlUtil.isNullLiteral(a, false)).toList();
        if (args.isEmpty()) {
            return SqlLiteral.createNull(pos);
        }
        SqlNode acc = args.get(0);
        for (SqlNode b : args.subList(1, args.size())) {
            SqlNode a = acc;
            // Spark orders NaN above every number: a NaN a wins greatest, a NaN b loses least
            SqlNode wins = SparkArithmeticOperators.OR_NAN.createCall(
                    pos,
                    (greatest ? SqlStdOperatorTable.GREATER_THAN_OR_EQUAL : SqlStdOperatorTable.LESS_THAN_OR_EQUAL)
                            .createCall(pos, a, b),
                    greatest ? a : b);
            acc = new SqlCase(
                    pos,
                    null,
                    SqlNodeList.of(
                            SqlStdOperatorTable.IS_NULL.createCall(pos, a),
                            SqlStdOperatorTable.IS_NULL.createCall(pos, b),
                            wins),
                    SqlNodeList.of(b, a, a),
                    b);
        }
        return acc;
    }

    private static SqlNode caseWhen(SqlParserPos pos, SqlNode condition, SqlNode then, SqlNode otherwise) {
        return new SqlCase(pos, null, SqlNodeList.of(condition), SqlNodeList.of(then), otherwise);
    }

    private static SqlNode cast(SqlNode e, SqlTypeName to) {
        SqlParserPos pos = e.getParserPosition();
        return SqlStdOperatorTable.CAST.createCall(pos, e, new SqlDataTypeSpec(new SqlBasicTypeNameSpec(to, pos), pos));
    }
}
