package dev.eddy.sql.internal.spark;

import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlValidatorException;

/** The parts of Spark's error messages that the functions and the validation rules share. */
final class SparkErrors {
    private SparkErrors() {}

    /** A user's text in an error message, cut after 60 characters. */
    static String clip(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    /** A validation error at {@code pos} (line and column as the user wrote the statement). */
    static CalciteContextException at(SqlParserPos pos, String message) {
        return new CalciteContextException(
                message,
                new SqlValidatorException(message, null),
                pos.getLineNum(),
                pos.getColumnNum(),
                pos.getEndLineNum(),
                pos.getEndColumnNum());
    }
}
