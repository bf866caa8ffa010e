package dev.eddy.sql.internal.spark;

import static dev.eddy.sql.internal.spark.SparkUdf.STRING;
import static dev.eddy.sql.internal.spark.SparkUdf.TIMESTAMP;
import static dev.eddy.sql.internal.spark.SparkUdf.udf;

import dev.eddy.sql.internal.spark.SparkUdf.Arg;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * The table of Spark's functions that Eddy's SQL looks up before Calcite's standard operators: the ones made here
 * (substring, concat, date_trunc, date_format, from_unixtime, unix_timestamp, to_timestamp), the arithmetic of
 * {@link SparkArithmeticOperators}, typeof, and {@link SparkBuiltins}' date/time, text and math functions. Their
 * names are Spark's, so error messages and plans read as the user wrote them; internal operators carry a SPARK_
 * prefix.
 */
public final class SparkOperators {
    private static final Class<?> TEXT = SparkStringFunctions.class;
    private static final Class<?> TIMES = SparkTimestampFunctions.class;
    private static final Class<?> CASTS = SparkCastFunctions.class;

    // SparkMicros' operators (batch plans only; the call's type is given where it is made)
    static final SqlUserDefinedFunction MICROS_SCALE_UP =
            udf(TIMES, "SPARK_MICROS", "microsScaleUp", ReturnTypes.BIGINT_NULLABLE, Arg.LONG, Arg.LONG);

    static final SqlUserDefinedFunction MICROS_SCALE_DOWN =
            udf(TIMES, "SPARK_MICROS_DIV", "microsScaleDown", ReturnTypes.BIGINT_NULLABLE, Arg.LONG, Arg.LONG);

    static final SqlUserDefinedFunction DATE_TIMESTAMP =
            udf(CASTS, "SPARK_DATE_TIMESTAMP", "dateToTimestamp", TIMESTAMP, Arg.INT);

    static final SqlUserDefinedFunction DATE_CHECKED =
            udf(CASTS, "SPARK_DATE_CHECKED", "dateWithinTimestamps", SparkUdf.DATE, Arg.DATE);

    static final SqlUserDefinedFunction TIMESTAMP_DATE =
            udf(CASTS, "SPARK_TIMESTAMP_DATE", "timestampToDate", ReturnTypes.INTEGER_NULLABLE, Arg.TS);

    static final SqlUserDefinedFunction TIMESTAMP_PLUS =
            udf(TIMES, "SPARK_TIMESTAMP_PLUS", "timestampPlus", TIMESTAMP, Arg.TS, Arg.LONG);

    static final SqlUserDefinedFunction TIMESTAMP_PLUS_MONTHS =
            udf(TIMES, "SPARK_TIMESTAMP_PLUS_MONTHS", "timestampPlusMonths", TIMESTAMP, Arg.TS, Arg.INT);

    public static final SqlUserDefinedFunction SUBSTRING3 =
            udf(TEXT, "SUBSTRING", "substring", STRING, Arg.STR, Arg.INT, Arg.INT);

    public static final SqlUserDefinedFunction SUBSTRING2 =
            udf(TEXT, "SUBSTRING", "substring", STRING, Arg.STR, Arg.INT);

    private static final List<SqlOperator> FUNCTIONS = List.of(
            SparkArithmeticOperators.DIVIDE,
            SparkArithmeticOperators.DIV,
            SparkArithmeticOperators.TRY_DIVIDE,
            SUBSTRING2,
            SUBSTRING3,
            SparkArithmeticOperators.TRY_ADD,
            SparkArithmeticOperators.TRY_SUBTRACT,
            SparkArithmeticOperators.TRY_MULTIPLY,
            SparkCastOperators.TYPEOF,
            SparkArithmeticOperators.TRY_SUM,
            udf(TEXT, "SUBSTR", "substring", STRING, Arg.STR, Arg.INT, Arg.INT),
            udf(TEXT, "SUBSTR", "substring", STRING, Arg.STR, Arg.INT),
            udf(TEXT, "CONCAT", "concat", STRING, Arg.STR, Arg.STR),
            udf(TIMES, "DATE_TRUNC", "dateTrunc", TIMESTAMP, Arg.STR, Arg.TS),
            udf(TIMES, "DATE_FORMAT", "dateFormat", STRING, Arg.TS, Arg.STR),
            udf(TIMES, "FROM_UNIXTIME", "fromUnixtime", STRING, Arg.LONG, Arg.STR),
            udf(TIMES, "FROM_UNIXTIME", "fromUnixtime", STRING, Arg.LONG),
            udf(TIMES, "UNIX_TIMESTAMP", "unixTimestamp", ReturnTypes.BIGINT_NULLABLE, Arg.TS),
            udf(TIMES, "TO_TIMESTAMP", "toTimestamp", TIMESTAMP, Arg.STR),
            udf(TIMES, "TO_TIMESTAMP", "toTimestamp", TIMESTAMP, Arg.STR, Arg.STR));

    private static final List<SqlOperator> ALL_FUNCTIONS = concat(FUNCTIONS, SparkBuiltins.ALL);

    /** The table of Spark's functions, looked up before Calcite's standard operators. */
    public static final SqlOperatorTable TABLE = new SqlOperatorTable() {
        @Override
        public void lookupOperatorOverloads(
                SqlIdentifier opName,
                SqlFunctionCategory category,
                SqlSyntax syntax,
                List<SqlOperator> operatorList,
                SqlNameMatcher nameMatcher) {
            if (!opName.isSimple() || syntax != SqlSyntax.FUNCTION) {
                return;
            }
            String name = opName.getSimple().toUpperCase(Locale.ROOT);
            for (SqlOperator op : ALL_FUNCTIONS) {
                if (op.getName().equals(name)) {
                    operatorList.add(op);
                }
            }
        }

        @Override
        public List<SqlOperator> getOperatorList() {
            return ALL_FUNCTIONS;
        }
    };

    private SparkOperators() {}

    /**
     * {@code std} without its functions that Spark's of the same name replace ({@code dayofweek}, {@code quarter},
     * {@code dayofyear}, {@code dayofmonth}): with both in the table Calcite picked its own for a DATE argument and then
     * could not run it.
     */
    public static SqlOperatorTable withoutShadowed(SqlOperatorTable std) {
        return new SqlOperatorTable() {
            @Override
            public void lookupOperatorOverloads(
                    SqlIdentifier opName,
                    SqlFunctionCategory category,
                    SqlSyntax syntax,
                    List<SqlOperator> operatorList,
                    SqlNameMatcher nameMatcher) {
                List<SqlOperator> found = new ArrayList<>();
                std.lookupOperatorOverloads(opName, category, syntax, found, nameMatcher);
                for (SqlOperator op : found) {
                    if (syntax != SqlSyntax.FUNCTION || !shadowed(op)) {
                        operatorList.add(op);
                    }
                }
            }

            @Override
            public List<SqlOperator> getOperatorList() {
                List<SqlOperator> out = new ArrayList<>();
                for (SqlOperator op : std.getOperatorList()) {
                    if (!shadowed(op)) {
                        out.add(op);
                    }
                }
                return out;
            }
        };
    }

    private static final Set<String> SHADOWED = Set.of("DAYOFWEEK", "QUARTER", "DAYOFYEAR", "DAYOFMONTH");

    private static boolean shadowed(SqlOperator op) {
        return SHADOWED.contains(op.getName()) && !(op instanceof SqlUserDefinedFunction);
    }

    private static List<SqlOperator> concat(List<SqlOperator> a, List<SqlOperator> b) {
        List<SqlOperator> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }
}
