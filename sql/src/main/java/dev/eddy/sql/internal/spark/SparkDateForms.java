package dev.eddy.sql.internal.spark;

import dev.eddy.sql.internal.validate.ErrorMessages;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlIntervalOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Spark's date and time forms that Calcite writes differently, rewritten before validation (batch and streaming):
 * {@code INTERVAL 5 SECONDS} (a number and a unit: an interval literal), {@code dateadd(d, n)} ({@code date_add}),
 * {@code datediff(unit, start, end)} ({@code timestampdiff}), {@code date_part('field', x)} ({@code EXTRACT}), and
 * the seconds of {@code EXTRACT}/{@code date_part} with their fraction (Spark's DECIMAL(8, 6)).
 */
final class SparkDateForms {
    /** Spark's date_part field names (and their abbreviations) as Calcite's EXTRACT units. */
    private static final Map<String, TimeUnit> FIELDS = Map.ofEntries(
            Map.entry("YEAR", TimeUnit.YEAR),
            Map.entry("Y", TimeUnit.YEAR),
            Map.entry("YEARS", TimeUnit.YEAR),
            Map.entry("YR", TimeUnit.YEAR),
            Map.entry("YRS", TimeUnit.YEAR),
            Map.entry("YEAROFWEEK", TimeUnit.ISOYEAR),
            Map.entry("QUARTER", TimeUnit.QUARTER),
            Map.entry("QTR", TimeUnit.QUARTER),
            Map.entry("MONTH", TimeUnit.MONTH),
            Map.entry("MON", TimeUnit.MONTH),
            Map.entry("MONS", TimeUnit.MONTH),
            Map.entry("MONTHS", TimeUnit.MONTH),
            Map.entry("WEEK", TimeUnit.WEEK),
            Map.entry("W", TimeUnit.WEEK),
            Map.entry("WEEKS", TimeUnit.WEEK),
            Map.entry("DAY", TimeUnit.DAY),
            Map.entry("D", TimeUnit.DAY),
            Map.entry("DAYS", TimeUnit.DAY),
            Map.entry("DAYOFWEEK", TimeUnit.DOW),
            Map.entry("DOW", TimeUnit.DOW),
            Map.entry("DAYOFWEEK_ISO", TimeUnit.ISODOW),
            Map.entry("DOW_ISO", TimeUnit.ISODOW),
            Map.entry("DOY", TimeUnit.DOY),
            Map.entry("HOUR", TimeUnit.HOUR),
            Map.entry("H", TimeUnit.HOUR),
            Map.entry("HOURS", TimeUnit.HOUR),
            Map.entry("HR", TimeUnit.HOUR),
            Map.entry("HRS", TimeUnit.HOUR),
            Map.entry("MINUTE", TimeUnit.MINUTE),
            Map.entry("M", TimeUnit.MINUTE),
            Map.entry("MIN", TimeUnit.MINUTE),
            Map.entry("MINS", TimeUnit.MINUTE),
            Map.entry("MINUTES", TimeUnit.MINUTE),
            Map.entry("SECOND", TimeUnit.SECOND),
            Map.entry("S", TimeUnit.SECOND),
            Map.entry("SEC", TimeUnit.SECOND),
            Map.entry("SECONDS", TimeUnit.SECOND),
            Map.entry("SECS", TimeUnit.SECOND));

    /** The units of Calcite's EXTRACT that Spark's extract has (under its own names: DOW is its DAYOFWEEK). */
    private static final Set<TimeUnitRange> SPARK_EXTRACT = EnumSet.of(
            TimeUnitRange.YEAR,
            TimeUnitRange.QUARTER,
            TimeUnitRange.MONTH,
            TimeUnitRange.WEEK,
            TimeUnitRange.DAY,
            TimeUnitRange.DOW,
            TimeUnitRange.DOY,
            TimeUnitRange.HOUR,
            TimeUnitRange.MINUTE,
            TimeUnitRange.SECOND);

    private SparkDateForms() {}

    /**
     * Refuses Calcite's {@code LOCALTIMESTAMP} (parsed as a name, which the validator makes a call of): Spark's
     * {@code localtimestamp()} is a TIMESTAMP_NTZ (a bare {@code localtimestamp} is no name in Spark); Eddy's TIMESTAMP
     * is Spark's TIMESTAMP (the session's zone, UTC) and it has no TIMESTAMP_NTZ.
     */
    static void refuseLocalTimestamp(SqlIdentifier id) {
        if (id.isSimple() && !id.isComponentQuoted(0) && id.getSimple().equalsIgnoreCase("LOCALTIMESTAMP")) {
            throw localTimestamp(id.getParserPosition());
        }
    }

    private static RuntimeException localTimestamp(SqlParserPos pos) {
        return ErrorMessages.at(
                pos,
                "[UNSUPPORTED_FEATURE] localtimestamp is Spark's TIMESTAMP_NTZ (a local date-time without a zone), a"
                        + " type Eddy does not have",
                "use current_timestamp() (the same instant, a TIMESTAMP in UTC)");
    }

    /** The Spark form {@code call} is, rewritten; or {@code call} itself. */
    static SqlNode rewrite(SqlCall call, SqlParserPos pos) {
        List<SqlNode> args = call.getOperandList();
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        if (name.equals("LOCALTIMESTAMP")) {
            throw localTimestamp(pos);
        }
        if (call.getOperator() instanceof SqlIntervalOperator
                && args.size() == 2
                && args.get(0) instanceof SqlNumericLiteral n
                && args.get(1) instanceof SqlIntervalQualifier unit) {
            // INTERVAL 5 SECONDS: Calcite's planner cannot convert the call it parses this into
            BigDecimal v = n.getValueAs(BigDecimal.class);
            return SqlLiteral.createInterval(v.signum() < 0 ? -1 : 1, v.abs().toPlainString(), unit, pos);
        }
        if (call.getOperator() == SqlStdOperatorTable.EXTRACT
                && args.get(0) instanceof SqlIntervalQualifier q
                && q.timeUnitRange.endUnit == null
                && !SPARK_EXTRACT.contains(q.timeUnitRange)) {
            // Calcite's EXTRACT has more fields than Spark's (MILLISECOND, MICROSECOND, EPOCH, DECADE, ISOYEAR, ...)
            throw ErrorMessages.at(
                    q.getParserPosition(),
                    "[INVALID_EXTRACT_FIELD] Cannot extract `" + unitName(q) + "`",
                    "Spark's fields are YEAR, YEAROFWEEK, QUARTER, MONTH, WEEK, DAY, DAYOFWEEK, DAYOFWEEK_ISO, DOY,"
                            + " HOUR, MINUTE, SECOND");
        }
        if ((call.getOperator() == SqlStdOperatorTable.FLOOR || call.getOperator() == SqlStdOperatorTable.CEIL)
                && args.size() == 2
                && args.get(1) instanceof SqlIntervalQualifier q) {
            // FLOOR(ts TO DAY) is Calcite's syntax; Spark has no such form (a syntax error at TO)
            throw ErrorMessages.at(
                    q.getParserPosition(),
                    "[PARSE_SYNTAX_ERROR] " + call.getOperator().getName() + "(x TO " + unitName(q)
                            + ") is not Spark SQL",
                    "use date_trunc('" + unitName(q) + "', x)");
        }
        if (call.getOperator() == SqlStdOperatorTable.TIMESTAMP_ADD
                && args.size() == 3
                && args.get(0) instanceof SqlIntervalQualifier q
                && q.timeUnitRange.endUnit == null
                && SPARK_ADD_UNITS.contains(q.timeUnitRange.startUnit)) {
            // Spark's calendar and overflow checks ([DATETIME_OVERFLOW]); Calcite's adds in milliseconds and wraps
            return timestampAdd(q.timeUnitRange.startUnit, args.get(1), args.get(2), pos);
        }
        if (name.equals("DATEADD") && args.size() == 3 && addUnit(args.get(0)) != null) {
            // Spark's dateadd(unit, n, ts) is timestampadd
            return timestampAdd(addUnit(args.get(0)), args.get(1), args.get(2), pos);
        }
        if (name.equals("DATEADD") && args.size() == 2) {
            return named("DATE_ADD", pos, args.get(0), args.get(1));
        }
        if (name.equals("DATEDIFF") && args.size() == 3 && unit(args.get(0)) != null) {
            return timestampDiff(unit(args.get(0)), args.get(1), args.get(2), pos);
        }
        if (call.getOperator() == SqlStdOperatorTable.TIMESTAMP_DIFF
                && args.get(0) instanceof SqlIntervalQualifier q
                && q.timeUnitRange.endUnit == null) {
            // Calcite's own computes it through intervals the streaming engine cannot run
            return timestampDiff(q.timeUnitRange.startUnit, args.get(1), args.get(2), pos);
        }
        if ((name.equals("DATE_PART") || name.equals("DATEPART"))
                && args.size() == 2
                && args.get(0) instanceof SqlLiteral field
                && field.getValue() != null) {
            TimeUnit unit = FIELDS.get(field.getValueAs(String.class).strip().toUpperCase(Locale.ROOT));
            return unit == null ? call : extract(unit, args.get(1), pos);
        }
        if (call.getOperator() == SqlStdOperatorTable.EXTRACT
                && args.get(0) instanceof SqlIntervalQualifier q
                && q.timeUnitRange.startUnit == TimeUnit.SECOND) {
            return extract(TimeUnit.SECOND, args.get(1), pos);
        }
        if (call.getOperator() == SqlStdOperatorTable.EXTRACT && args.size() == 2) {
            return SparkExtract.call(call.getParserPosition(), args); // an interval's field is Spark's type
        }
        return call;
    }

    /** Spark's {@code timestampadd(unit, n, ts)}: Eddy's runtime, with the count as a BIGINT (Spark's type). */
    private static SqlNode timestampAdd(TimeUnit unit, SqlNode n, SqlNode ts, SqlParserPos pos) {
        SqlNode count = SqlStdOperatorTable.CAST.createCall(
                pos, n, new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.BIGINT, pos), pos));
        return named("SPARK_TIMESTAMPADD", pos, SqlLiteral.createCharString(unit.name(), pos), count, ts);
    }

    private static SqlNode extract(TimeUnit unit, SqlNode source, SqlParserPos pos) {
        if (unit == TimeUnit.SECOND) { // with its fraction, as Spark's DECIMAL(8, 6)
            return named("SPARK_SECOND", pos, source);
        }
        return SparkExtract.call(pos, List.of(new SqlIntervalQualifier(unit, null, pos), source));
    }

    private static SqlNode timestampDiff(TimeUnit unit, SqlNode start, SqlNode end, SqlParserPos pos) {
        String u = unit == TimeUnit.MILLISECOND
                ? "MILLISECOND"
                : unit == TimeUnit.MICROSECOND ? "MICROSECOND" : unit.name();
        return named("SPARK_TIMESTAMPDIFF", pos, SqlLiteral.createCharString(u, pos), start, end);
    }

    /** A call of the function {@code name}, resolved by the validator as the parser's calls are. */
    private static SqlNode named(String name, SqlParserPos pos, SqlNode... args) {
        SqlUnresolvedFunction f = new SqlUnresolvedFunction(
                new SqlIdentifier(name, pos), null, null, null, null, SqlFunctionCategory.USER_DEFINED_FUNCTION);
        return f.createCall(pos, args);
    }

    /** timestampadd's units in Spark. */
    private static final Set<TimeUnit> SPARK_ADD_UNITS = EnumSet.of(
            TimeUnit.YEAR,
            TimeUnit.QUARTER,
            TimeUnit.MONTH,
            TimeUnit.WEEK,
            TimeUnit.DAY,
            TimeUnit.HOUR,
            TimeUnit.MINUTE,
            TimeUnit.SECOND,
            TimeUnit.MILLISECOND,
            TimeUnit.MICROSECOND);

    /** The unit of Spark's {@code dateadd(unit, n, ts)} (timestampadd's units), or null. */
    private static TimeUnit addUnit(SqlNode n) {
        if (!(n instanceof SqlIdentifier id) || !id.isSimple()) {
            return null;
        }
        String u = id.getSimple().toUpperCase(Locale.ROOT);
        return switch (u) {
            case "YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND", "MILLISECOND", "MICROSECOND" ->
                TimeUnit.valueOf(u);
            default -> null;
        };
    }

    /** The unit of {@code datediff(DAY, a, b)}'s first argument (a bare name), or null. */
    private static TimeUnit unit(SqlNode n) {
        if (!(n instanceof SqlIdentifier id) || !id.isSimple()) {
            return null;
        }
        TimeUnit u = FIELDS.get(id.getSimple().toUpperCase(Locale.ROOT));
        return u == TimeUnit.DOW || u == TimeUnit.ISODOW || u == TimeUnit.DOY || u == TimeUnit.ISOYEAR ? null : u;
    }

    /** The unit as written: a word Calcite does not know (EXTRACT(nosuch FROM ...)) is a time frame name, not EPOCH. */
    private static String unitName(SqlIntervalQualifier q) {
        return q.timeFrameName != null ? q.timeFrameName : q.timeUnitRange.name();
    }
}
