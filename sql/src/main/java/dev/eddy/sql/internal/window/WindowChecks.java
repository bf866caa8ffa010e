package dev.eddy.sql.internal.window;

import dev.eddy.sql.internal.validate.ErrorMessages;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserUtil;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Catches the classic mix-up of HOP's argument order (slide, then size) with Spark's window (size, then
 * slide): a slide larger than the size is always one of them written the wrong way round.
 */
public final class WindowChecks {
    private WindowChecks() {}

    public static void check(SqlNode statement) {
        statement.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                String name = call.getOperator().getName();
                if (name.equalsIgnoreCase("HOP")
                        || name.equalsIgnoreCase("TUMBLE")
                        || name.equalsIgnoreCase("SESSION")) {
                    for (SqlNode operand : call.getOperandList()) {
                        if (operand instanceof SqlIntervalLiteral interval
                                && interval.getValueAs(SqlIntervalLiteral.IntervalValue.class)
                                        .getIntervalQualifier()
                                        .isYearMonth()) {
                            // Spark: "Intervals greater than a month is not supported"; Calcite cannot turn one
                            // into a length of time
                            throw ErrorMessages.at(
                                    interval.getParserPosition(),
                                    "A window's sizes are days, hours, minutes or seconds",
                                    interval + " is counted in months, whose length varies");
                        }
                    }
                }
                if (name.equalsIgnoreCase("HOP")
                        && call.operandCount() >= 4
                        && call.operand(2) instanceof SqlIntervalLiteral slide
                        && call.operand(3) instanceof SqlIntervalLiteral size
                        && millis(slide) > millis(size)) {
                    throw ErrorMessages.at(
                            slide.getParserPosition(),
                            "The HOP slide is larger than its size",
                            "HOP(TABLE t, DESCRIPTOR(ts), slide, size) takes the slide first");
                }
                return super.visit(call);
            }
        });
    }

    static long millis(SqlNode interval) {
        return SqlParserUtil.intervalToMillis(
                ((SqlIntervalLiteral) interval).getValueAs(SqlIntervalLiteral.IntervalValue.class));
    }
}
