package dev.eddy.sql.internal.validate;

import dev.eddy.sql.internal.spark.SparkTypeCoercion;
import dev.eddy.sql.internal.spark.SparkTypeNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * A CASE (and coalesce, nvl, nullif, if, which Calcite writes as CASE) whose values have no common type by Spark's
 * rule fails the query with [DATATYPE_MISMATCH.DATA_DIFF_TYPES], as in Spark: Calcite's least restrictive type
 * accepts a number with a TIMESTAMP (and casts it), which Spark refuses. Checked after validation, on the values'
 * validated types (a value Eddy's coercion cast to the common type is a CAST of that type by then).
 */
final class CaseTypeChecks {
    private CaseTypeChecks() {}

    static void check(SqlNode validated, SqlValidator validator) {
        validated.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call instanceof SqlCase c) {
                    checkCase(c, validator);
                }
                return super.visit(call);
            }
        });
    }

    private static void checkCase(SqlCase c, SqlValidator validator) {
        List<SqlNode> values = new ArrayList<>(c.getThenOperands().getList());
        if (c.getElseOperand() != null) {
            values.add(c.getElseOperand());
        }
        List<RelDataType> types = new ArrayList<>();
        for (SqlNode v : values) {
            types.add(v == null || SqlUtil.isNullLiteral(v, false) ? null : validator.getValidatedNodeTypeIfKnown(v));
        }
        if (SparkTypeCoercion.someHaveNoCommonType(types)) {
            List<String> names = new ArrayList<>();
            for (RelDataType t : types) {
                names.add('"' + (t == null ? "VOID" : SparkTypeNames.of(t).toUpperCase(Locale.ROOT)) + '"');
            }
            throw ErrorMessages.at(
                    c.getParserPosition(),
                    "[DATATYPE_MISMATCH.DATA_DIFF_TYPES] The values of CASE (or coalesce, nvl, nullif) should"
                            + " all have one type, but they are " + names,
                    "Spark casts no number to a time or a boolean; cast the value");
        }
    }
}
