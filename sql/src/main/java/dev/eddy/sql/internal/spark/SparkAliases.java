package dev.eddy.sql.internal.spark;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Spark's functions that are another name of a standard form, written as that form before validation so batch and
 * streaming queries share it: {@code nvl(a, b)} and {@code ifnull(a, b)} are {@code coalesce(a, b)}, {@code nvl2(a,
 * b, c)} is {@code CASE WHEN a IS NOT NULL THEN b ELSE c END}, {@code now()} is {@code current_timestamp()} and
 * {@code curdate()} is {@code current_date()}.
 */
final class SparkAliases {
    private static final Set<String> NAMES = Set.of("NVL", "IFNULL", "NVL2", "NOW", "CURDATE");

    private SparkAliases() {}

    static boolean matches(SqlOperator op) {
        return NAMES.contains(op.getName().toUpperCase(Locale.ROOT));
    }

    static SqlNode rewrite(SqlCall call, SqlParserPos pos) {
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        List<SqlNode> args = call.getOperandList(); // not call.operand(i): its generic type picks wrong overloads
        if (name.equals("NOW") || name.equals("CURDATE")) {
            // now() is current_timestamp(), curdate() current_date(): one time for the whole query (batch) or for
            // the micro-batch (streaming)
            return args.isEmpty()
                    ? (name.equals("NOW") ? SqlStdOperatorTable.CURRENT_TIMESTAMP : SqlStdOperatorTable.CURRENT_DATE)
                            .createCall(pos)
                    : call;
        }
        if (name.equals("NVL2")) {
            if (args.size() != 3) {
                return call;
            }
            return new SqlCase(
                    pos,
                    null,
                    SqlNodeList.of(SqlStdOperatorTable.IS_NOT_NULL.createCall(pos, args.get(0))),
                    SqlNodeList.of(args.get(1)),
                    args.get(2));
        }
        return args.size() == 2 ? SqlStdOperatorTable.COALESCE.createCall(pos, args.get(0), args.get(1)) : call;
    }
}
