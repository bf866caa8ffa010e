package dev.eddy.sql.internal.validate;

import dev.eddy.sql.internal.spark.SparkArithmeticOperators;
import dev.eddy.sql.internal.spark.SparkTimestampFunctions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * A string literal compared with, or computed with, a number, timestamp or boolean is cast to that type, as
 * Spark's ANSI mode does ({@code ms = '12'}, {@code ts > '2024-01-15'}). A literal that cannot be cast is an
 * error in Spark whenever the query runs ([CAST_INVALID_INPUT]); Eddy says so at validation, with the literal's
 * position ({@code ms = 'abc'}, {@code ts > 'not a time'}). String columns are cast when the query runs.
 */
final class LiteralCasts {
    private static final Set<SqlKind> CASTING = Set.of(
            SqlKind.EQUALS,
            SqlKind.NOT_EQUALS,
            SqlKind.LESS_THAN,
            SqlKind.LESS_THAN_OR_EQUAL,
            SqlKind.GREATER_THAN,
            SqlKind.GREATER_THAN_OR_EQUAL,
            SqlKind.PLUS,
            SqlKind.MINUS,
            SqlKind.TIMES,
            SqlKind.IN,
            SqlKind.NOT_IN,
            SqlKind.BETWEEN,
            SqlKind.IS_DISTINCT_FROM,
            SqlKind.IS_NOT_DISTINCT_FROM);
    private static final Set<String> CONDITIONAL = Set.of("COALESCE", "NULLIF", "NVL", "IFNULL", "IF", "CASE");
    private static final Pattern NUMBER = Pattern.compile(
            "\\s*[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?[dDlL]?\\s*|\\s*[+-]?(nan|infinity|inf)\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TIME = Pattern.compile("\\s*[+-]?\\d{4,6}(-\\d{1,2}(-\\d{1,2}([ T].*)?)?)?\\s*");
    private static final Set<String> BOOLEANS = Set.of("t", "true", "y", "yes", "1", "f", "false", "n", "no", "0");

    private LiteralCasts() {}

    /**
     * @param local whether a FROM item names a local relation (a table registered from Java: Spark's LocalRelation),
     *     over which Spark computes a SELECT's projection and WHERE row by row while it plans
     *     (ConvertToLocalRelation): there a literal that cannot be cast fails only when a row reaches it, which
     *     SparkConstantFolding leaves to the rows
     */
    static void check(SqlNode validated, SqlValidator validator, Predicate<SqlIdentifier> local) {
        validated.accept(new SqlBasicVisitor<Void>() {
            /** Inside a part of a SELECT that Spark computes row by row over a local relation. */
            private boolean rowByRow;
            /** A WHERE above the SELECT being visited, among SELECTs computed row by row. */
            private boolean filteredAbove;

            @Override
            public Void visit(SqlCall call) {
                if (call instanceof SqlSelect select && !rowByRow && overLocalRows(select, validator, local)) {
                    boolean above = filteredAbove;
                    filteredAbove = above || select.getWhere() != null;
                    visitPart(select.getFrom(), false);
                    filteredAbove = above;
                    // Spark computes the WHERE row by row too, in its written order: an explicit CAST of a literal
                    // there is left to the rows (`a > 100 AND a = CAST('x' AS INT)` answers no rows when none has `a`
                    // above 100); a literal Calcite coerces (`visits = 'abc'`, which Spark refuses for any row) is
                    // still checked here, at the literal's position
                    visitPart(select.getWhere(), true);
                    // a WHERE above a projection runs after it (Spark converts the projection first)
                    visitPart(select.getSelectList(), !above);
                    // a sort key is computed by the projection below the sort: row by row too
                    visitPart(select.getOrderList(), !above);
                    return null;
                }
                if (call instanceof SqlSelect select && !rowByRow && groupedOverLocalRows(select, validator, local)) {
                    // Spark drops a grouped aggregation whose input no row reaches (PropagateEmptyRelation) before it
                    // folds the constants above it, and fails folding them otherwise: left to the rows, which reach
                    // them exactly when a group exists
                    visitPart(select.getFrom(), false);
                    visitPart(select.getWhere(), true); // over the local rows: row by row, as above
                    visitPart(select.getGroup(), false);
                    visitPart(select.getSelectList(), true);
                    visitPart(select.getHaving(), true);
                    visitPart(select.getOrderList(), true);
                    return null;
                }
                if (isConditional(call)) {
                    // Spark computes a constant under CASE, coalesce, IF, nullif only in the rows that reach it
                    // (SparkConstantFolding): not an error at validation
                    return null;
                }
                if ((call.getKind() == SqlKind.IN || call.getKind() == SqlKind.NOT_IN)
                        && SqlUtil.isNullLiteral(call.operand(0), true)) {
                    // Spark folds an IN whose value is NULL to NULL before it casts the list: no cast fails
                    return null;
                }
                if (CASTING.contains(call.getKind())
                        || call.getOperator().getName().equals("/")) {
                    checkCall(call, validator);
                }
                // Calcite's implicit coercion (and an explicit CAST) of a literal: Spark folds it, failing the query;
                // over a local relation's rows an explicit CAST is left to the rows (a literal compared with a column
                // of another type is still refused here, at its position: Spark fails on it for any row)
                if (call.getKind() == SqlKind.CAST
                        && call.operand(0) instanceof SqlCharStringLiteral lit
                        && !(rowByRow && written(call, lit))) {
                    RelDataType to = validator.getValidatedNodeTypeIfKnown(call);
                    if (to != null
                            && (SqlTypeUtil.isNumeric(to) || SqlTypeUtil.isDatetime(to) || SqlTypeUtil.isBoolean(to))) {
                        refuseIfNotCastable(lit, to);
                    }
                }
                return super.visit(call);
            }

            /**
             * A CAST the query writes, not one Calcite's coercion made (at the literal's position, or with a type
             * of no position: {@code visits = 'abc'}).
             */
            private boolean written(SqlCall cast, SqlCharStringLiteral lit) {
                return !cast.getParserPosition().equals(lit.getParserPosition())
                        && !cast.operand(1).getParserPosition().equals(SqlParserPos.ZERO);
            }

            private void visitPart(SqlNode part, boolean perRow) {
                if (part == null) {
                    return;
                }
                boolean was = rowByRow;
                rowByRow = perRow;
                part.accept(this);
                rowByRow = was;
            }
        });
    }

    /**
     * A SELECT Spark computes row by row over a local relation: no aggregation, window or grouping, FROM one local
     * relation or such a SELECT.
     */
    private static boolean overLocalRows(SqlSelect select, SqlValidator validator, Predicate<SqlIdentifier> local) {
        if (select.getGroup() != null
                || select.getHaving() != null
                || validator.isAggregate(select)
                || !select.getWindowList().isEmpty()
                || containsOver(select.getSelectList())) {
            return false;
        }
        return fromLocalRows(select, validator, local);
    }

    /**
     * A SELECT with a GROUP BY over a local relation (or over a SELECT computed row by row over one), without window
     * functions: Spark's grouped Aggregate over a LocalRelation.
     */
    private static boolean groupedOverLocalRows(
            SqlSelect select, SqlValidator validator, Predicate<SqlIdentifier> local) {
        if (select.getGroup() == null
                || select.getGroup().size() == 0
                || !select.getWindowList().isEmpty()
                || containsOver(select.getSelectList())) {
            return false;
        }
        return fromLocalRows(select, validator, local);
    }

    /**
     * The FROM of {@code select} is a local relation (a table registered from Java, an inline {@code VALUES}), or a
     * SELECT computed row by row over one.
     */
    private static boolean fromLocalRows(SqlSelect select, SqlValidator validator, Predicate<SqlIdentifier> local) {
        SqlNode from = select.getFrom();
        if (from != null && from.getKind() == SqlKind.AS) {
            from = ((SqlCall) from).operand(0);
        }
        if (from instanceof SqlIdentifier id) {
            return local.test(id);
        }
        if (from != null && from.getKind() == SqlKind.VALUES) {
            return true; // an inline table: Spark's LocalRelation too
        }
        return from instanceof SqlSelect inner && overLocalRows(inner, validator, local);
    }

    private static boolean containsOver(SqlNode node) {
        boolean[] found = {false};
        node.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                found[0] |= call.getKind() == SqlKind.OVER;
                return super.visit(call);
            }
        });
        return found[0];
    }

    /** Spark's conditional expressions; greatest/least (CASEs that test SPARK_OR_NAN, SparkRewrite) are not. */
    private static boolean isConditional(SqlCall call) {
        if (call instanceof SqlCase c) {
            return c.getThenOperands().stream().noneMatch(LiteralCasts::isNanTest)
                    && c.getWhenOperands().stream().noneMatch(LiteralCasts::isNanTest);
        }
        return CONDITIONAL.contains(call.getOperator().getName().toUpperCase(Locale.ROOT));
    }

    private static boolean isNanTest(SqlNode n) {
        return n instanceof SqlCall c && c.getOperator() == SparkArithmeticOperators.OR_NAN;
    }

    private static void checkCall(SqlCall call, SqlValidator validator) {
        List<SqlNode> operands = new ArrayList<>();
        for (SqlNode o : call.getOperandList()) {
            if (o instanceof SqlNodeList list) {
                list.forEach(operands::add);
            } else if (o != null) {
                operands.add(o);
            }
        }
        RelDataType target = null;
        for (SqlNode o : operands) {
            if (!(o instanceof SqlCharStringLiteral)) {
                RelDataType t = validator.getValidatedNodeTypeIfKnown(o);
                if (t != null && (SqlTypeUtil.isNumeric(t) || SqlTypeUtil.isDatetime(t) || SqlTypeUtil.isBoolean(t))) {
                    target = t;
                    break;
                }
            }
        }
        if (target == null) {
            return;
        }
        for (SqlNode o : operands) {
            if (o instanceof SqlCharStringLiteral lit) {
                refuseIfNotCastable(lit, target);
            }
        }
    }

    private static void refuseIfNotCastable(SqlCharStringLiteral lit, RelDataType target) {
        String text = lit.getValueAs(String.class);
        String sparkType = sparkType(target);
        if (!castable(text, target)) {
            String shown = text.length() > 60 ? text.substring(0, 60) + "..." : text;
            throw ErrorMessages.at(
                    lit.getParserPosition(),
                    "[CAST_INVALID_INPUT] The value '" + shown + "' of the type \"STRING\" cannot be cast to \""
                            + sparkType + "\" because it is malformed",
                    "compare or compute with a value of that type, or use try_cast('...' AS " + sparkType + ")");
        }
    }

    private static boolean castable(String text, RelDataType target) {
        if (SqlTypeUtil.isNumeric(target)) {
            return NUMBER.matcher(text).matches();
        }
        if (SqlTypeUtil.isBoolean(target)) {
            return BOOLEANS.contains(text.trim().toLowerCase(Locale.ROOT));
        }
        // a time alone is a TIMESTAMP on the current day in Spark (not a DATE)
        return TIME.matcher(text).matches()
                || target.getSqlTypeName() == SqlTypeName.TIMESTAMP && SparkTimestampFunctions.isTimeAlone(text);
    }

    private static String sparkType(RelDataType t) {
        SqlTypeName n = t.getSqlTypeName();
        if (SqlTypeUtil.isIntType(t)) {
            return "BIGINT";
        }
        if (SqlTypeUtil.isNumeric(t)) {
            return "DOUBLE";
        }
        if (n == SqlTypeName.BOOLEAN) {
            return "BOOLEAN";
        }
        return n == SqlTypeName.DATE ? "DATE" : "TIMESTAMP";
    }
}
