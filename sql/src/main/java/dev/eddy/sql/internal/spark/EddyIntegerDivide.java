package dev.eddy.sql.internal.spark;

import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;

/** Spark's {@code a div b} as the parser reads it (same precedence as {@code /}); {@link SparkRewrite} runs it. */
public final class EddyIntegerDivide extends SqlBinaryOperator {
    public static final EddyIntegerDivide INSTANCE = new EddyIntegerDivide();

    private EddyIntegerDivide() {
        super(
                "DIV",
                SqlKind.OTHER,
                60,
                true,
                ReturnTypes.BIGINT_NULLABLE,
                InferTypes.FIRST_KNOWN,
                OperandTypes.NUMERIC_NUMERIC);
    }
}
