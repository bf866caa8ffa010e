package dev.eddy.sql.internal.parser;

import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Spark's {@code window(ts, size [, slide])} and {@code session_window(ts, gap)} as written in GROUP BY.
 * They never reach the validator: {@code SparkWindowRewriter} turns them into TUMBLE/HOP/SESSION table
 * functions first. Registered in the operator table only so that a misplaced call gets a clear error.
 */
public final class SparkWindowOperator extends SqlFunction {
    public static final SparkWindowOperator WINDOW = new SparkWindowOperator("WINDOW");
    public static final SparkWindowOperator SESSION_WINDOW = new SparkWindowOperator("SESSION_WINDOW");

    private SparkWindowOperator(String name) {
        super(
                name,
                SqlKind.OTHER_FUNCTION,
                ReturnTypes.explicit(SqlTypeName.ANY),
                null,
                OperandTypes.VARIADIC,
                SqlFunctionCategory.SYSTEM);
    }
}
