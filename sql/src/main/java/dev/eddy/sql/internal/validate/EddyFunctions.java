package dev.eddy.sql.internal.validate;

import java.util.List;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.util.SqlOperatorTables;

/**
 * Spark functions Calcite's standard table lacks: split(text, regex), explode(array) (one row per element) and
 * timestamp_seconds/millis/micros, unix_seconds/millis/micros.
 */
final class EddyFunctions {
    static final SqlFunction SPLIT = new SqlFunction(
            "SPLIT",
            SqlKind.OTHER_FUNCTION,
            ReturnTypes.cascade(ReturnTypes.ARG0, SqlTypeTransforms.TO_ARRAY),
            null,
            OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER),
            SqlFunctionCategory.STRING);

    static final SqlFunction EXPLODE = new SqlFunction(
            "EXPLODE",
            SqlKind.OTHER_FUNCTION,
            ReturnTypes.cascade(ReturnTypes.ARG0, (binding, type) -> type.getComponentType()),
            null,
            OperandTypes.ARRAY,
            SqlFunctionCategory.SYSTEM);

    static final SqlOperatorTable TABLE = SqlOperatorTables.of(List.of(
            SPLIT,
            EXPLODE,
            // Spark's try_cast(x AS type): NULL where CAST fails
            SqlLibraryOperators.TRY_CAST,
            // Spark's epoch conversions (Calcite has them in its BigQuery library)
            SqlLibraryOperators.TIMESTAMP_SECONDS,
            SqlLibraryOperators.TIMESTAMP_MILLIS,
            SqlLibraryOperators.TIMESTAMP_MICROS,
            SqlLibraryOperators.UNIX_SECONDS,
            SqlLibraryOperators.UNIX_MILLIS,
            SqlLibraryOperators.UNIX_MICROS));

    private EddyFunctions() {}
}
