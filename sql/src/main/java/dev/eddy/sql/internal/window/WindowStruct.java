package dev.eddy.sql.internal.window;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.util.SqlOperatorTables;

/**
 * Spark's {@code window(ts, ...)} as a select item without GROUP BY: the struct {@code (start, end)} of the window
 * table function's {@code window_start} and {@code window_end}, so that {@code w.start} and {@code a.w = b.w} work as
 * in Spark. Made only by {@link SparkWindowRewriter}; the translator turns it into the engine's window column.
 */
public final class WindowStruct extends SqlFunction {
    public static final WindowStruct INSTANCE = new WindowStruct();

    /** For the validator, which looks the function up by its name. */
    public static final SqlOperatorTable TABLE = SqlOperatorTables.of(List.of(INSTANCE));

    private WindowStruct() {
        super(
                "EDDY_WINDOW_STRUCT",
                SqlKind.OTHER_FUNCTION,
                // nullable fields, as Spark's: the struct of an outer join's null-padded side has null fields
                opBinding -> opBinding
                        .getTypeFactory()
                        .createStructType(
                                List.of(
                                        opBinding
                                                .getTypeFactory()
                                                .createTypeWithNullability(opBinding.getOperandType(0), true),
                                        opBinding
                                                .getTypeFactory()
                                                .createTypeWithNullability(opBinding.getOperandType(1), true)),
                                List.of("start", "end")),
                null,
                OperandTypes.ANY_ANY,
                SqlFunctionCategory.SYSTEM);
    }

    /** Whether {@code e} is a call of this function. */
    public static boolean is(RexNode e) {
        return e instanceof RexCall c && c.getOperator() == INSTANCE;
    }

    /** Whether a column's type is the window struct (start, end). */
    public static boolean isWindowType(RelDataType t) {
        return t.isStruct() && t.getFieldNames().equals(List.of("start", "end"));
    }
}
