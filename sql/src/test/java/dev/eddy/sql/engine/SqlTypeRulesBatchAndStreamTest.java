package dev.eddy.sql.engine;

import static dev.eddy.sql.engine.BatchAndStream.answers;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Spark 4's type rules (ANSI mode) where Calcite's differ, in a batch and a streaming query alike (checked against
 * Spark 4.2 with SparkBatchDifferentialIT's probe): a comparison without a common type is refused, text meets a
 * DATE as a DATE, a NULL in an IN list keeps a miss unknown, BIGINT widens to DECIMAL(20, 0), greatest/least skip a
 * NULL's type, and a remainder by a zero DOUBLE or DECIMAL fails with Spark's error.
 */
class SqlTypeRulesBatchAndStreamTest {
    private static final BatchAndStream T =
            new BatchAndStream().row("a", 4, 2.5).row("3", 3, 0.0).row(null, null, null);

    @Test
    void when_aBooleanIsComparedWithANumberOrATime_then_theQueryIsRefusedAsInSpark() {
        T.assertEachFails(
                "[DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES]",
                "(a > 3) = 1",
                "1 = (a > 3)",
                "(a > 3) <> 0.5",
                "(a > 3) < x",
                "(a > 3) >= CAST(a AS BIGINT)",
                "nullif(a > 3, 1)",
                "nullif(1, a > 3)",
                "(a > 3) = DATE '2024-01-01'",
                "DATE '2024-01-01' = 1",
                "TIMESTAMP '2024-01-01 00:00:00' > 1.5");
        T.assertBothFail(
                "SELECT (a > 3) = 1 AS c FROM t",
                "the left and right operands of the binary operator have incompatible types (\"BOOLEAN\" and \"INT\")");
    }

    @Test
    void when_aBooleanIsComparedWithTextOrABoolean_then_itStillAnswers() {
        T.assertEachAnswers(
                answers("(a > 3) = 'true'", "false", "null", "true"),
                answers("nullif(a > 3, false)", "null", "null", "true"));
    }

    @Test
    void when_textMeetsADate_then_itIsCastToADateAsInSpark() {
        T.assertBothAnswer(
                "SELECT coalesce('2024-01-01 00:00:00', DATE '2024-01-02') AS c, typeof(coalesce('2024-01-01"
                        + " 00:00:00', DATE '2024-01-02')) AS t FROM t WHERE a = 4",
                "2024-01-01 date");
        T.assertEachAnswers(
                "WHERE a = 4",
                answers("'2024-01-01 10:00:00' = DATE '2024-01-01'", "true"),
                answers("DATE '2024-01-01' < '2024-01-01 10:00:00'", "false"),
                answers("nullif(DATE '2024-01-01', '2024-01-01 00:00:00')", "null"),
                answers("DATE '2024-01-01' IN ('2024-01-01 10:00:00', '2024-01-02')", "true"));
        T.assertBothAnswer(
                "SELECT CASE WHEN a > 3 THEN '2024-01-01 10:00:00' ELSE DATE '2024-01-03' END AS c FROM t",
                "2024-01-01",
                "2024-01-03",
                "2024-01-03");
        T.assertBothFail("SELECT coalesce(s, DATE '2024-01-03') AS c FROM t", "[CAST_INVALID_INPUT]");
    }

    @Test
    void when_anInListHoldsANull_then_aMissIsNullWhateverSideIsALiteral() {
        T.assertEachAnswers(
                answers("'3' IN (a, NULL)", "null", "null", "true"),
                answers("'3' NOT IN (a, NULL)", "false", "null", "null"),
                answers("1.5 IN (x, NULL)", "null", "null", "null"),
                answers("4 IN (x, a)", "false", "null", "true"),
                answers("'4' IN (x, a)", "false", "null", "true"),
                answers("a IN (4, NULL)", "null", "null", "true"),
                answers("a NOT IN (4, NULL)", "false", "null", "null"));
        T.assertBothAnswer("SELECT 3 IN (3, NULL) AS c FROM t WHERE a = 4", "true");
    }

    @Test
    void when_typesWiden_then_typeofNamesSparksType() {
        T.assertBothAnswer(
                "SELECT typeof(coalesce(CAST(a AS BIGINT), 1.5)) AS c, typeof(CAST(a AS BIGINT) + 1.5) AS d,"
                        + " typeof(CASE WHEN a > 3 THEN CAST(a AS BIGINT) ELSE 2.25 END) AS e FROM t WHERE a = 4",
                "decimal(21,1) decimal(22,1) decimal(22,2)");
        T.assertBothAnswer("SELECT coalesce(CAST(a AS BIGINT), 1.5) AS c FROM t", "1.5", "3", "4");
        T.assertBothAnswer(
                "SELECT typeof(greatest(NULL, a)) AS c, typeof(least(a, NULL, 2)) AS d,"
                        + " typeof(greatest(NULL, NULL)) AS e, typeof(coalesce(NULL, NULL)) AS f FROM t WHERE a = 4",
                "int int void void");
        T.assertBothAnswer("SELECT greatest(NULL, a, NULL, 2) AS c FROM t", "2", "3", "4");
        T.assertBothAnswer("SELECT greatest(NULL, NULL) AS c FROM t WHERE a = 4", "null");
    }

    @Test
    void when_aDecimalMeetsAnIntegerLiteralOrPasses38Digits_then_typeofNamesSparksDecimal() {
        // Spark 4.2's answers (the probe): a literal is a DECIMAL of its digits, a product p1 + p2 + 1 digits, and past
        // 38 digits the scale is cut to keep the integral digits, not below min(scale, 6)
        T.assertEachAnswers(
                "WHERE a = 4",
                answers("typeof(CAST(a AS DECIMAL(10, 2)) + 1)", "decimal(11,2)"),
                answers("typeof(CAST(a AS DECIMAL(10, 2)) - 100)", "decimal(11,2)"),
                answers("typeof(1 + CAST(a AS DECIMAL(10, 2)))", "decimal(11,2)"),
                answers("typeof(CAST(a AS DECIMAL(10, 2)) * 1)", "decimal(12,2)"),
                answers("typeof(CAST(a AS DECIMAL(10, 2)) * 12345)", "decimal(16,2)"),
                answers("typeof(CAST(a AS DECIMAL(10, 2)) * 12345678901)", "decimal(22,2)"),
                answers("typeof(CAST(a AS DECIMAL(10, 2)) + a)", "decimal(13,2)"),
                answers("typeof(CAST(a AS DECIMAL(10, 2)) * a)", "decimal(21,2)"),
                answers("typeof(CAST(a AS DECIMAL(10, 2)) * CAST(a AS BIGINT))", "decimal(31,2)"),
                answers("typeof(CAST(x AS DECIMAL(38, 10)) * CAST(x AS DECIMAL(38, 10)))", "decimal(38,6)"),
                answers("typeof(CAST(x AS DECIMAL(30, 5)) + CAST(x AS DECIMAL(30, 20)))", "decimal(38,12)"),
                answers("typeof(CAST(x AS DECIMAL(20, 18)) * CAST(x AS DECIMAL(20, 18)))", "decimal(38,33)"),
                answers("CAST(a AS DECIMAL(10, 2)) * 12345", "49380"),
                answers("CAST(x AS DECIMAL(30, 5)) + CAST(x AS DECIMAL(30, 20))", "5"));
    }

    @Test
    void when_aWholeNumberIsCastToATooNarrowDecimal_then_theQueryFailsWithSparksError() {
        T.assertBothFail("SELECT CAST(a * 10 AS DECIMAL(2, 1)) AS c FROM t", "cannot be represented as Decimal(2, 1)");
        assertThat(T.batch("SELECT CAST(a * 1000 AS DECIMAL(4, 1)) AS c FROM t"))
                .singleElement()
                .asString()
                .contains("[NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION] 4000 cannot be represented as Decimal(4, 1)."
                        + " If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error, and return"
                        + " NULL instead.");
    }

    @Test
    void when_bothSidesOfAComparisonAreTheSameFailingCast_then_theQueryFailsAsInSpark() {
        // Calcite simplified CAST(s) = CAST(s) to s IS NOT NULL before the cast ran; Spark computes both sides
        T.assertEachFails(
                "[CAST_INVALID_INPUT]",
                "s NOT IN (s, a)",
                "s IN (a, s)",
                "CAST(s AS INT) = CAST(s AS INT)",
                "CAST(s AS INT) >= CAST(s AS INT)");
        T.assertEachAnswers(
                answers("s IN (s, 'x')", "null", "true", "true"),
                answers("a = a", "null", "true", "true"),
                answers("x <> x", "false", "false", "null"));
    }

    @Test
    void when_aBooleanIsBetweenNumbers_then_theQueryIsRefusedWithSparksError() {
        // Spark's BETWEEN is x >= low AND x <= high, refused as that comparison is
        T.assertEachFails(
                "the left and right operands of the binary operator have incompatible types (\"BOOLEAN\" and \"INT\")",
                "(a > 3) BETWEEN 0 AND 1",
                "(a > 3) NOT BETWEEN 0 AND 1");
        T.assertEachAnswers(answers("a BETWEEN 3 AND x + 1.5", "false", "null", "true"));
        T.assertEachAnswers(answers("a NOT BETWEEN '3' AND 3.5", "false", "null", "true"));
    }

    @Test
    void when_aRemainderIsTakenByAZeroDoubleOrDecimal_then_theQueryFailsWithRemainderByZero() {
        T.assertEachFails("[REMAINDER_BY_ZERO]", "x % 0.0", "x % 0", "x % -0.0E0", "a % 0.0", "mod(x, 0)");
    }

    @Test
    void when_aRemainderMixesTypes_then_itHasSparksTypeAndValue() {
        T.assertBothAnswer("SELECT typeof(x % 2) AS c, x % 2 AS d FROM t", "double 0", "double 0.5", "double null");
        T.assertBothAnswer(
                "SELECT typeof(a % 2.5) AS c, a % 2.5 AS d FROM t",
                "decimal(2,1) 0.5", "decimal(2,1) 1.5", "decimal(2,1) null");
        T.assertEachAnswers(
                "WHERE a = 4", answers("typeof(CAST(a AS BIGINT) % 2)", "bigint"), answers("-7.5E0 % 2", "-1.5"));
        // text next to a whole number is a BIGINT, next to a DECIMAL or DOUBLE a DOUBLE; text with text is refused
        T.assertBothAnswer("SELECT typeof(a % '3') AS c, a % '3' AS d FROM t WHERE a = 4", "bigint 1");
        T.assertBothAnswer("SELECT typeof('3' % 1.5) AS c, '3' % 1.5 AS d FROM t WHERE a = 4", "double 0");
        T.assertEachFails("[DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE]", "s % '3'", "s % NULL");
    }
}
